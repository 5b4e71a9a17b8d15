// What a fresh process loads from the bundle (scripts/bundle-options.mjs), read from esbuild's
// metafiles of an in-memory build of the current sources. ArgoCD starts a fresh `dpu-gitops
// generate` per request; with the render server it only forwards the run, so it must load one
// small file (main.js) and no rendering code. `--help` loads the command table without the
// worker machinery.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, type Metafile } from 'esbuild';

const ROOT = new URL('../..', import.meta.url).pathname;

interface BundleScripts {
  bundleBuilds: (root: string) => Parameters<typeof build>[0][];
}

interface Built {
  meta: Metafile;
  /** Output path (as the metafile names it) -> its code. */
  code: Map<string, string>;
}

let built: Promise<Built> | undefined;
const bundle = (): Promise<Built> => (built ??= buildBundle());
const metafile = async (): Promise<Metafile> => (await bundle()).meta;

/** The outputs of every build in one metafile (their output paths do not overlap). */
async function buildBundle(): Promise<Built> {
  const { bundleBuilds } = (await import(new URL('../../scripts/bundle-options.mjs', import.meta.url).href)) as BundleScripts;
  const merged: Metafile = { inputs: {}, outputs: {} };
  const code = new Map<string, string>();
  for (const options of bundleBuilds(ROOT)) {
    const { metafile, outputFiles } = await build({ ...options, write: false, metafile: true, logLevel: 'silent' });
    Object.assign(merged.inputs, metafile.inputs);
    Object.assign(merged.outputs, metafile.outputs);
    for (const f of outputFiles) code.set(f.path.slice(ROOT.length), f.text);
  }
  return { meta: merged, code };
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

const inputsOf = (meta: Metafile, files: Set<string>): string[] => [...files].flatMap((f) => Object.keys(meta.outputs[f]!.inputs));
const externalImportsOf = (meta: Metafile, files: Set<string>): string[] =>
  [...files].flatMap((f) => meta.outputs[f]!.imports.filter((i) => i.external).map((i) => i.path));

test('a served generate loads one small file, with no rendering code and no ESM import of a built-in', async () => {
  const meta = await metafile();
  const main = meta.outputs['dist/bundle/main.js'];
  assert.ok(main);
  assert.ok(main.bytes <= 48 * 1024, `${main.bytes} bytes`);
  // the only import: the rest of the CLI, for commands other than generate
  assert.deepEqual(main.imports.map((i) => `${i.kind} ${i.path}`), ['dynamic-import ./cli.js']);
  const inputs = Object.keys(main.inputs);
  for (const needed of ['cli/generate-command.ts', 'server/render-client.ts', 'server/protocol.ts']) assert.ok(inputs.includes(needed), needed);
  // gostring: the Go-string form of output bytes that CliIO (io.ts) carries; no renderer
  const rendering = inputs.filter((i) => /^(helm|contract|plugin|dpf|webhook)\/|^cli\/(generate|commands)\.ts$/.test(i) && i !== 'helm/template/gostring.ts');
  assert.deepEqual(rendering, []);
});

test('--help loads the command table without the worker machinery', async () => {
  const meta = await metafile();
  const files = staticClosure(meta, 'dist/bundle/cli.js');
  const inputs = inputsOf(meta, files);
  assert.ok(inputs.includes('cli/commands.ts'));
  for (const heavy of ['isolation/worker-host.ts', 'cli/isolated-command.ts', 'cli/generate-command.ts']) assert.ok(!inputs.includes(heavy), `${heavy} is loaded by --help`);
  assert.deepEqual(externalImportsOf(meta, files), []);
});

test('template loads no crypto, threads, sockets or regular-expression engine before a chart asks', async () => {
  // helm/on-demand.ts: each costs every fresh process 15-17 ms, and most charts never use them.
  const { meta, code } = await bundle();
  const template = Object.entries(meta.outputs).find(([, o]) => o.entryPoint === 'cli/template.ts')?.[0];
  assert.ok(template, 'the template chunk');
  const files = new Set([...staticClosure(meta, 'dist/bundle/main.js'), ...staticClosure(meta, 'dist/bundle/cli.js'), ...staticClosure(meta, template)]);
  const inputs = inputsOf(meta, files);
  assert.ok(inputs.includes('helm/render/template-command.ts'));
  assert.deepEqual(inputs.filter((i) => /node_modules\/(re2js|bcryptjs)\//.test(i)), []);
  for (const file of files) {
    const text = code.get(file);
    assert.ok(text !== undefined, file);
    // a built-in taken at a module's top level is loaded with the module (esbuild-builtins.mjs)
    const eager = [...text.matchAll(/^(?:var|const|let) [^=]*= process\.getBuiltinModule\("node:(crypto|worker_threads|net|v8|child_process|tty|stream)"\)/gm)].map((m) => m[1]);
    assert.deepEqual(eager, [], file);
  }
});
