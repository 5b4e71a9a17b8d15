/**
 * Turning message template text into a function, as cheaply as a fresh process allows. The
 * built-in templates and fix hints come precompiled (templates/precompiled.cjs, written by
 * scripts/precompile-messages.mjs at build time) and run on handlebars' runtime; any other text
 * (an override folder, an edited built-in, a tree without a build) is compiled by the full
 * handlebars, which is loaded only then: measured on Node 24, loading the compiler costs a fresh
 * process 37 ms and compiling every built-in template 43 ms.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
// The runtime is a static import, so esbuild bundles it: required from node_modules it is a
// dozen CommonJS files, 12.7 ms of a cold generate (profile); the compiler stays in node_modules
// (createRequire below, which esbuild does not follow).
import HandlebarsRuntime from 'handlebars/runtime.js';

/** The handlebars options of every message template (the precompile script uses them too). */
export const COMPILE_OPTIONS = { noEscape: true, strict: false } as const;

export type Compiled = (context: unknown) => string;

type HandlebarsEnv = typeof import('handlebars');
interface Precompiled {
  handlebars: string;
  templates: Record<string, { source: string; spec: unknown }>;
}

const requireDependency = createRequire(import.meta.url);

function withHelpers(env: HandlebarsEnv): HandlebarsEnv {
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  env.registerHelper('join', (list: unknown, sep: unknown) =>
    Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : list === undefined ? '' : String(list),
  );
  return env;
}

let compilerEnv: HandlebarsEnv | undefined;
let runtimeEnv: HandlebarsEnv | undefined;
const compiler = (): HandlebarsEnv => (compilerEnv ??= withHelpers((requireDependency('handlebars') as HandlebarsEnv).create()));
const runtime = (): HandlebarsEnv => (runtimeEnv ??= withHelpers((HandlebarsRuntime as unknown as HandlebarsEnv).create()));

/** Compiles with the full handlebars; throws its error for bad syntax (found by a first call). */
export function compileTemplate(source: string): Compiled {
  const fn = compiler().compile(source, COMPILE_OPTIONS);
  fn({ detail: {} }); // handlebars defers syntax errors to the first call
  return fn;
}

const precompiledByDir = new Map<string, Precompiled | null>();

/** The build's precompiled templates of a templates/ folder, or null (none, or unreadable). */
function precompiledIn(templatesDir: string): Precompiled | null {
  let known = precompiledByDir.get(templatesDir);
  if (known !== undefined) return known;
  known = null;
  try {
    const loaded = requireDependency(join(templatesDir, 'precompiled.cjs')) as Precompiled;
    if (typeof loaded === 'object' && loaded !== null && typeof loaded.templates === 'object') known = loaded;
  } catch {
    // No build output here (tests from source without a build): compile instead.
  }
  precompiledByDir.set(templatesDir, known);
  return known;
}

/**
 * The precompiled function for `name` in the built-in folder, if the build precompiled exactly
 * this text; undefined otherwise (the caller compiles it).
 */
export function precompiledTemplate(templatesDir: string, name: string, source: string): Compiled | undefined {
  const entry = precompiledIn(templatesDir)?.templates[name];
  if (entry === undefined || entry.source !== source) return undefined;
  try {
    return runtime().template(entry.spec as Parameters<HandlebarsEnv['template']>[0]) as Compiled;
  } catch {
    return undefined; // another handlebars than the build's: compile the text instead
  }
}
