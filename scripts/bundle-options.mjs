// The esbuild options of the bundle (scripts/bundle.mjs builds it; test/server/bundle-graph.test.ts
// builds it in memory to check what a fresh process loads).
import { builtinsWithoutFacade } from './esbuild-builtins.mjs';

/** Options for esbuild's build() with `root` as the working directory. */
export function bundleOptions(root) {
  return {
    absWorkingDir: root,
    entryPoints: ['cli/main.ts', 'cli/command-worker.ts', 'webhook/chart-worker.ts', 'helm/render/template-command.ts'],
    outdir: 'dist/bundle',
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    sourcemap: false,
    external: ['@kubernetes/client-node', 'express'],
    // CommonJS dependencies call require(); built-ins come without an ESM facade (esbuild-builtins.mjs).
    banner: { js: "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);" },
    plugins: [builtinsWithoutFacade],
    logLevel: 'warning',
  };
}
