// What a fresh process loads from the bundle (scripts/bundle-options.mjs), read from esbuild's
// metafile of an in-memory build of the current sources. ArgoCD starts a fresh `dpu-gitops
// generate` per request; with the render server it only forwards the run, so it must load the
// entry, the generate command and the socket client, and no worker machinery, child_process, or
// rendering code. `--help` likewise loads only the command table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, type Metafile } from 'esbuild';

const ROOT = new URL('../..', import.meta.url).pathname;

interface BundleScripts {
  bundleOptions: (root: string) => Parameters<typeof build>[0];
}

let built: Promise<Metafile> | undefined;
const metafile = (): Promise<Metafile> => (built ??= buildMetafile());

async function buildMetafile(): Promise<Metafile> {
  const { bundleOptions } = (await import(new URL('../../scripts/bundle-options.mjs', import.meta.url).href)) as BundleScripts;
  const result = await build({ ...bundleOptions(ROOT), write: false, metafile: true, logLevel: 'silent' });
  return result.metafile;
}

/** The output files a module loads before it runs: itself and its static imports, transitively. */
function staticClosure(meta: Metafile, start: string): Set<string> {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imp of meta.outputs[file]?.imports ?? []) if (imp.kind === 'import-statement' && meta.outputs[imp.path]) stack.push(imp.path);
  }
  return seen;
}

/** The output chunk that holds a source file (the entry of a dynamic import). */
function chunkOf(meta: Metafile, source: string): string {
  const found = Object.entries(meta.outputs).find(([, o]) => o.entryPoint === source || Object.keys(o.inputs).includes(source));
  assert.ok(found, `no output holds ${source}`);
  return found[0];
}

const inputsOf = (meta: Metafile, files: Set<string>): string[] => [...files].flatMap((f) => Object.keys(meta.outputs[f]!.inputs));
const externalImportsOf = (meta: Metafile, files: Set<string>): string[] =>
  [...files].flatMap((f) => meta.outputs[f]!.imports.filter((i) => i.external).map((i) => i.path));

test('a served generate loads the entry, the generate command and the socket client: a few small files, no worker or render code', async () => {
  const meta = await metafile();
  const files = new Set([
    ...staticClosure(meta, 'dist/bundle/main.js'),
    ...staticClosure(meta, chunkOf(meta, 'cli/generate-command.ts')),
    ...staticClosure(meta, chunkOf(meta, 'server/render-client.ts')),
  ]);
  const bytes = [...files].reduce((n, f) => n + meta.outputs[f]!.bytes, 0);
  assert.ok(files.size <= 12, `${files.size} files: ${[...files].join(', ')}`);
  assert.ok(bytes <= 48 * 1024, `${bytes} bytes`);
  const inputs = inputsOf(meta, files);
  for (const heavy of ['isolation/worker-host.ts', 'cli/isolated-command.ts', 'plugin/generate.ts', 'helm/render/engine.ts', 'server/start-server.ts']) {
    assert.ok(!inputs.includes(heavy), `${heavy} is loaded by a served run`);
  }
  // Built-ins come through process.getBuiltinModule, never an ESM import (its facade loads more).
  assert.deepEqual(externalImportsOf(meta, files), []);
});

test('--help loads the command table without the worker machinery', async () => {
  const meta = await metafile();
  const files = staticClosure(meta, 'dist/bundle/main.js');
  const inputs = inputsOf(meta, files);
  assert.ok(inputs.includes('cli/commands.ts'));
  for (const heavy of ['isolation/worker-host.ts', 'cli/isolated-command.ts', 'cli/generate-command.ts']) assert.ok(!inputs.includes(heavy), `${heavy} is loaded by --help`);
  assert.deepEqual(externalImportsOf(meta, files), []);
});
