// The CLI turns on Node's module compile cache (cli/compile-cache.ts) where Node has one (22.1+):
// a fresh process per ArgoCD request then reuses the V8 code of the previous one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = new URL('../..', import.meta.url).pathname;
const hasCache = typeof (module as unknown as { enableCompileCache?: unknown }).enableCompileCache === 'function';

test('a CLI run leaves compiled code in the default compile cache directory', { skip: hasCache ? false : `node ${process.version} has no module compile cache` }, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'compile-cache-'));
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp };
  delete env.NODE_COMPILE_CACHE;
  delete env.NODE_DISABLE_COMPILE_CACHE;
  const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'cli/main.ts'), 'template', 'd', join(ROOT, 'examples/charts/dummydpuservice')], { env, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const dir = join(tmp, 'node-compile-cache');
  assert.ok(existsSync(dir) && readdirSync(dir).length > 0, 'cache directory written');
});

test('NODE_DISABLE_COMPILE_CACHE=1 keeps it off', { skip: hasCache ? false : `node ${process.version} has no module compile cache` }, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'compile-cache-off-'));
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, NODE_DISABLE_COMPILE_CACHE: '1' };
  delete env.NODE_COMPILE_CACHE;
  const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'cli/main.ts'), '--help'], { env, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(existsSync(join(tmp, 'node-compile-cache')), false);
});
