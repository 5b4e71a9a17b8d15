// The esbuild builds of the bundle (scripts/bundle.mjs runs them; test/server/bundle-graph.test.ts
// runs them in memory to check what a fresh process loads). Two builds into dist/bundle/:
//  - the CLI (cli.js) and the worker entries, with the code they share in chunks/ loaded only by
//    the commands that need it;
//  - main.js, the process entry, as one file: `generate` (the command ArgoCD starts per request,
//    which with the render server only forwards the run over a socket) with everything it loads
//    inlined, so a served run reads one file instead of ten (each costs the ESM loader a resolve,
//    a read and a compile). Every other command is `import('./cli.js')`, left to the first build.
import { builtinsWithoutFacade } from './esbuild-builtins.mjs';

const shared = {
  outdir: 'dist/bundle',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  sourcemap: false,
  // CommonJS dependencies call require(); built-ins come without an ESM facade (esbuild-builtins.mjs).
  banner: { js: "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);" },
  plugins: [builtinsWithoutFacade],
  logLevel: 'warning',
};

/** Options for esbuild's build(), one object per build, with `root` as the working directory. */
export function bundleBuilds(root) {
  return [
    {
      ...shared,
      absWorkingDir: root,
      entryPoints: ['cli/cli.ts', 'cli/command-worker.ts', 'webhook/chart-worker.ts', 'helm/render/template-command.ts'],
      entryNames: '[name]',
      chunkNames: 'chunks/[name]-[hash]',
      splitting: true,
      external: ['@kubernetes/client-node', 'express'],
    },
    {
      ...shared,
      absWorkingDir: root,
      entryPoints: ['cli/main.ts'],
      entryNames: '[name]',
      splitting: false,
      external: ['./cli.js', '@kubernetes/client-node', 'express'],
    },
  ];
}
