// Attack suite: `dpu-gitops lint` (as CI runs it: a process, the CLI's isolation) on a packaged
// chart whose nested subchart archives unpack to more than the total cap: a clear error, no
// gigabytes. (helm's own rule is per archive; the total cap is ours.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { create as createTar } from 'tar';
import { ROOT } from './harness.js';

/** 8 levels of nested subchart archives, 4 x 4 MiB of one byte each: ~150 KB packed, ~150 MiB unpacked. */
function nestedBomb(dir: string): string {
  let inner: Buffer | undefined;
  for (let level = 8; level >= 0; level--) {
    const name = level === 0 ? 'nested' : `sub${level}`;
    const chart = join(dir, `l${level}`, name);
    mkdirSync(join(chart, 'files'), { recursive: true });
    writeFileSync(join(chart, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);
    for (let f = 0; f < 4; f++) writeFileSync(join(chart, 'files', `f${f}.txt`), Buffer.alloc(4 * 1024 * 1024, 'a'));
    if (inner) {
      mkdirSync(join(chart, 'charts'));
      writeFileSync(join(chart, 'charts', `sub${level + 1}-0.1.0.tgz`), inner);
    }
    createTar({ gzip: true, sync: true, file: join(dir, `l${level}.tgz`), cwd: join(dir, `l${level}`) }, [name]);
    inner = readFileSync(join(dir, `l${level}.tgz`));
  }
  const out = join(dir, 'nested-0.1.0.tgz');
  writeFileSync(out, inner!);
  return out;
}

it('attack: lint of a nested subchart archive bomb fails with the total cap named, in a 512 MB heap', () => {
  const archive = nestedBomb(mkdtempSync(join(tmpdir(), 'attack-lint-')));
  assert.ok(readFileSync(archive).length < 256 * 1024);
  const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'cli', 'main.ts'), 'lint', archive], {
    encoding: 'utf8',
    env: { ...process.env, DPU_GITOPS_MEMORY_MB: '512' },
    timeout: 120_000,
  });
  assert.notEqual(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout + r.stderr, /decompress to more than \d+ bytes in total/);
});
