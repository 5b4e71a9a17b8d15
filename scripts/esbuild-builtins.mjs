// An esbuild plugin for the bundle (scripts/bundle.mjs): in our own TypeScript sources,
// `import { x } from 'node:fs'` becomes `const { x } = process.getBuiltinModule('node:fs')`.
// Node links an ESM import of a built-in through a facade that reads every export of the module
// once, getters included, so `import ... from 'node:fs'` also loads fs/promises, the fs streams
// and readline. Measured on Node 24 (fresh processes, CPU): a bare `import 'node:fs'` +7-9 ms,
// getBuiltinModule 0; internal modules a `--help` loads 114 -> 103 (`node -e 0`: 101). Every
// fresh `dpu-gitops generate` paid it, and every worker thread again.
//
// The rewrite is done in the source (not with a module per built-in) so it adds no chunk files:
// esbuild would put such modules in shared chunks, and each extra file costs a fresh process
// about as much as the facade. A clause this does not understand fails the build: it is never
// left half-rewritten. Type-only imports are left to esbuild, which drops them. Dependencies
// in node_modules keep their imports (they load only in commands that render).
import { readFile } from 'node:fs/promises';

const IMPORT = /^import\s+([^'";]+?)\s+from\s+'(node:[a-z_0-9/]+)';?[ \t]*$/gm;

/** `a`, `a as b`, `type A` of a named import list -> destructuring entries (types dropped). */
function namedBindings(list, file) {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('type '))
    .map((s) => {
      const m = /^([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?$/.exec(s);
      if (!m) throw new Error(`${file}: cannot rewrite the import of ${JSON.stringify(s)}`);
      return m[2] ? `${m[1]}: ${m[2]}` : m[1];
    });
}

/** The statements that replace one `import <clause> from '<builtin>'`. */
function rewrite(clause, specifier, file) {
  if (clause.startsWith('type ')) return null;
  const builtin = `process.getBuiltinModule(${JSON.stringify(specifier)})`;
  const out = [];
  let rest = clause;
  const def = /^([A-Za-z_$][\w$]*)\s*(?:,\s*|$)/.exec(rest);
  if (def && !rest.startsWith('{') && !rest.startsWith('*')) {
    out.push(`const ${def[1]} = ${builtin};`);
    rest = rest.slice(def[0].length);
  }
  if (rest.startsWith('*')) {
    const ns = /^\*\s+as\s+([A-Za-z_$][\w$]*)$/.exec(rest);
    if (!ns) throw new Error(`${file}: cannot rewrite the import of ${specifier}: ${clause}`);
    out.push(`const ${ns[1]} = ${builtin};`);
  } else if (rest.startsWith('{')) {
    if (!rest.endsWith('}')) throw new Error(`${file}: cannot rewrite the import of ${specifier}: ${clause}`);
    const names = namedBindings(rest.slice(1, -1), file);
    if (names.length) out.push(`const { ${names.join(', ')} } = ${builtin};`);
  } else if (rest !== '') {
    throw new Error(`${file}: cannot rewrite the import of ${specifier}: ${clause}`);
  }
  return out.join(' ');
}

/** The source with its static imports of built-ins rewritten (exported for the test). */
export function rewriteBuiltinImports(source, file) {
  return source.replace(IMPORT, (whole, clause, specifier) => rewrite(clause.trim(), specifier, file) ?? whole);
}

export const builtinsWithoutFacade = {
  name: 'builtins-without-esm-facade',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      return { contents: rewriteBuiltinImports(await readFile(args.path, 'utf8'), args.path), loader: 'ts' };
    });
  },
};
