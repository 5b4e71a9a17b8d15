/**
 * Modules loaded on first use instead of at import. ArgoCD starts a fresh process per request and
 * `template` is a fresh process too, so every module loaded at startup is paid on every run, and
 * most charts never hash, encrypt, match a regular expression or start a thread. Measured on
 * Node 24, fresh `node -e` processes, median wall: node:crypto +15 ms, re2js +17 ms, bcryptjs
 * +17 ms (it loads node:crypto), node:crypto + worker_threads + net + v8 together +22 ms.
 *
 * Built-ins come from process.getBuiltinModule (synchronous, cached by Node). re2js and bcryptjs
 * are required from node_modules (their CommonJS builds) through createRequire, which esbuild
 * does not follow, so the bundle does not hold them and their code is read only by the run
 * that calls it.
 */
import { createRequire } from 'node:module';

const requireDependency = createRequire(import.meta.url);

export const nodeCrypto = (): typeof import('node:crypto') => process.getBuiltinModule('node:crypto');
export const workerThreads = (): typeof import('node:worker_threads') => process.getBuiltinModule('node:worker_threads');
export const nodeNet = (): typeof import('node:net') => process.getBuiltinModule('node:net');
export const nodeV8 = (): typeof import('node:v8') => process.getBuiltinModule('node:v8');

let re2jsModule: typeof import('re2js') | undefined;
export const re2js = (): typeof import('re2js') => (re2jsModule ??= requireDependency('re2js') as typeof import('re2js'));

let bcryptjsModule: typeof import('bcryptjs') | undefined;
export const bcryptjs = (): typeof import('bcryptjs') => (bcryptjsModule ??= requireDependency('bcryptjs') as typeof import('bcryptjs'));
