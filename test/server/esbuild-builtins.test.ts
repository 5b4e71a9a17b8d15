// The bundle's rewrite of built-in imports (scripts/esbuild-builtins.mjs): each form of import
// clause becomes the same bindings taken from process.getBuiltinModule, type-only imports stay
// for esbuild to drop, and a clause it cannot read fails instead of being half rewritten.
import assert from 'node:assert/strict';
import { test } from 'node:test';

const { rewriteBuiltinImports } = (await import(new URL('../../scripts/esbuild-builtins.mjs', import.meta.url).href)) as {
  rewriteBuiltinImports: (source: string, file: string) => string;
};
const rw = (source: string): string => rewriteBuiltinImports(source, 'x.ts');

test('named, renamed, default, namespace and mixed clauses', () => {
  assert.equal(rw("import { readFileSync, statSync as stat } from 'node:fs';"), "const { readFileSync, statSync: stat } = process.getBuiltinModule(\"node:fs\");");
  assert.equal(rw("import module from 'node:module';"), 'const module = process.getBuiltinModule("node:module");');
  assert.equal(rw("import * as tls from 'node:tls';"), 'const tls = process.getBuiltinModule("node:tls");');
  assert.equal(rw("import fs, { readFileSync } from 'node:fs';"), 'const fs = process.getBuiltinModule("node:fs"); const { readFileSync } = process.getBuiltinModule("node:fs");');
  assert.equal(rw("import {\n  join,\n  dirname,\n} from 'node:path';"), 'const { join, dirname } = process.getBuiltinModule("node:path");');
});

test('types are left out; a type-only import is left as it is', () => {
  assert.equal(rw("import { Worker, type WorkerOptions } from 'node:worker_threads';"), 'const { Worker } = process.getBuiltinModule("node:worker_threads");');
  assert.equal(rw("import type { Socket } from 'node:net';"), "import type { Socket } from 'node:net';");
  assert.equal(rw("import { type Socket } from 'node:net';"), '');
});

test('other imports and code are untouched', () => {
  const src = "import { x } from './x.js';\nimport yaml from 'yaml';\nconst s = \"import { a } from 'node:fs'\";\n";
  assert.equal(rw(src), src);
});

test('the rewritten bindings are the built-in values', () => {
  const code = rw("import { join as j } from 'node:path';\nimport os from 'node:os';").concat('\nreturn [j, os];');
  const [j, os] = new Function('process', code)(process) as [unknown, unknown];
  assert.equal(j, process.getBuiltinModule('node:path').join);
  assert.equal(os, process.getBuiltinModule('node:os'));
});

test('a clause it cannot read fails the build', () => {
  assert.throws(() => rw("import { a-b } from 'node:fs';"), /cannot rewrite/);
});
