import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';

/** The nice value of the thread reading it (field 19 of /proc/thread-self/stat). */
function niceOfThisThread(): number {
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

test('a worker lowers its own thread priority, and only its own', { skip: existsSync('/proc/thread-self') ? false : 'no /proc/thread-self (not Linux)' }, async () => {
  const before = niceOfThisThread();
  const moduleUrl = new URL('../../isolation/thread-priority.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `
    const { parentPort } = require('node:worker_threads');
    const { readFileSync } = require('node:fs');
    const nice = () => { const s = readFileSync('/proc/thread-self/stat', 'utf8'); return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[16]); };
    import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(moduleUrl)}); })
      .then((m) => { const before = nice(); const ok = m.lowerThreadPriority(10); parentPort.postMessage({ before, ok, after: nice() }); });
  `;
  const result = await new Promise<{ before: number; ok: boolean; after: number }>((resolve, reject) => {
    const w = new Worker(code, { eval: true });
    w.once('message', (m) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
  assert.equal(result.ok, true);
  assert.equal(result.after, Math.max(result.before, 10));
  assert.equal(niceOfThisThread(), before, 'the main thread keeps its priority');
});
