// Attack suite: `dpu-gitops lint` (as CI runs it: a process, the CLI's isolation) on a packaged
// chart whose nested subchart archives unpack to more than the total cap: a clear error, no
// gigabytes. (helm's own rule is per archive; the total cap is ours.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { nestedChartArchive } from '../plugin/helpers/nested-chart.js';
import { ROOT } from './harness.js';

/** 8 levels of nested subchart archives, 4 x 4 MiB of one byte each: ~150 KB packed, ~150 MiB unpacked. */
function nestedBomb(dir: string): string {
  const out = join(dir, 'nested-0.1.0.tgz');
  writeFileSync(out, nestedChartArchive(8, 4, 4 * 1024 * 1024, 'nested'));
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
