/**
 * Worker entry modules. Sources are written with `.js` specifiers; compiled (dist/) they are .js
 * files, but run from source under tsx (tests, `tsx cli/main.ts`) they are .ts files, and a
 * Worker neither maps the specifier nor inherits tsx's loader hooks. So the entry takes the
 * caller's own extension, and a .ts entry starts through a one-line bootstrap that registers
 * tsx in the worker first.
 */
import type { Worker, WorkerOptions } from 'node:worker_threads';

// Loaded when a worker starts, not at import: a served `generate` and `template` start none.
const workerThreads = (): typeof import('node:worker_threads') => process.getBuiltinModule('node:worker_threads');

export function siblingModule(callerUrl: string, relativeJsPath: string): URL {
  const ext = callerUrl.endsWith('.ts') ? '.ts' : '.js';
  // In the bundle (scripts/bundle.mjs) shared code runs from dist/bundle/chunks/ while every
  // entry, the worker entries included, sits one level up in dist/bundle/.
  if (/\/dist\/bundle\/chunks\/[^/]+$/.test(new URL(callerUrl).pathname)) {
    return new URL(`../${relativeJsPath.split('/').pop()}`, callerUrl);
  }
  if (/\/dist\/bundle\/[^/]+$/.test(new URL(callerUrl).pathname)) return new URL(`./${relativeJsPath.split('/').pop()}`, callerUrl);
  return new URL(relativeJsPath.replace(/\.js$/, ext), callerUrl);
}

/** Starts a worker on `entry` (a .js module, or a .ts one when running from source). */
export function startWorker(entry: URL, options: WorkerOptions): Worker {
  if (!entry.pathname.endsWith('.ts')) return new (workerThreads().Worker)(entry, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new (workerThreads().Worker)(bootstrap, { ...options, eval: true });
}
