import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { memoryLimits } from '../../isolation/limits.js';
import { siblingModule } from '../../isolation/module-url.js';
import { TaskFailure } from '../../isolation/task-error.js';
import { WorkerPool } from '../../isolation/worker-pool.js';

const url = siblingModule(import.meta.url, './workers/hostile.js');

function pool(over: Partial<ConstructorParameters<typeof WorkerPool>[0]> = {}) {
  return new WorkerPool<unknown, unknown>({ url, memory: memoryLimits(64), size: 1, maxQueue: 2, timeoutMs: 30_000, label: 'test task', ...over });
}

async function failure(p: Promise<unknown>): Promise<TaskFailure> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof TaskFailure, `expected a TaskFailure, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the task to fail');
}

describe('WorkerPool', () => {
  const pools: WorkerPool<unknown, unknown>[] = [];
  const make = (over: Partial<ConstructorParameters<typeof WorkerPool>[0]> = {}) => {
    const p = pool(over);
    pools.push(p);
    return p;
  };
  after(() => Promise.all(pools.map((p) => p.close())));

  it('runs a task and returns its value', async () => {
    assert.equal(await make().run({ do: 'echo', value: 'hello' }), 'hello');
  });

  it('stops a synchronous endless loop at the deadline and replaces the worker', async () => {
    const p = make({ timeoutMs: 3000 });
    // Started workers first, so the deadline measures the loop, not module loading on a busy machine.
    assert.equal(await p.run({ do: 'echo', value: 'warm' }), 'warm');
    const f = await failure(p.run({ do: 'loop' }));
    assert.equal(f.kind, 'timeout');
    assert.match(f.message, /test task did not finish within \d+ ms and was stopped/);
    assert.equal(p.stats().replaced, 1);
    assert.equal(await p.run({ do: 'echo', value: 'after' }), 'after');
  });

  it('stops a task that exceeds the heap limit and keeps the process alive', async () => {
    const p = make({ timeoutMs: 60_000 });
    const f = await failure(p.run({ do: 'allocate' }));
    assert.equal(f.kind, 'memory');
    assert.match(f.message, /exceeded the memory limit of 64 MiB/);
    assert.equal(await p.run({ do: 'echo', value: 'alive' }), 'alive');
  });

  it('reports a worker that exits as crashed', async () => {
    const p = make();
    const f = await failure(p.run({ do: 'exit' }));
    assert.equal(f.kind, 'crashed');
    assert.equal(await p.run({ do: 'echo', value: 'again' }), 'again');
  });

  it('passes a task error through as a plain Error without killing the worker', async () => {
    const p = make();
    await assert.rejects(p.run({ do: 'throw' }), (err: unknown) => err instanceof Error && !(err instanceof TaskFailure) && /on purpose/.test(err.message));
    assert.equal(p.stats().replaced, 0);
  });

  it('refuses work beyond the queue bound as busy, and times out queued work', async () => {
    const p = make({ maxQueue: 1, timeoutMs: 2000 });
    assert.equal(await p.run({ do: 'echo', value: 'warm' }), 'warm');
    const running = failure(p.run({ do: 'loop' }));
    const queued = failure(p.run({ do: 'echo', value: 'waits' }));
    const refused = await failure(p.run({ do: 'echo', value: 'refused' }));
    assert.equal(refused.kind, 'busy');
    assert.equal((await running).kind, 'timeout');
    // The queued task's deadline counts from submission: it expires with the running one,
    // as capacity (it never got a worker), not as its own timeout.
    const q = await queued;
    assert.equal(q.kind, 'busy');
    assert.match(q.message, /waited 2000 ms for a free worker/);
  });

  it('forwards output lines sent while the task runs', async () => {
    const lines: string[] = [];
    const p = make({ onOutput: (m) => lines.push(`${m.output}:${m.text}`) });
    assert.equal(await p.run({ do: 'log', text: 'a line' }), 'logged');
    assert.deepEqual(lines, ['stderr:a line']);
  });
});
