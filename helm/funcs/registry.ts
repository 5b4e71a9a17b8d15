/**
 * The function map helm v3.17.3 gives templates before the engine binds its own (pkg/engine/
 * funcs.go funcMap): sprig's TxtFuncMap without `env` and `expandenv`, plus helm's
 * serialization functions and placeholders for the late-bound `include`, `tpl`, `required` and
 * `lookup` (helm/render/engine-funcs.ts replaces them, with `fail` and `getHostByName`, when it
 * renders). Each domain file exports a `readonly GoFunc[]`; later lists win on a name clash, as
 * helm's extras override sprig.
 */
import { GoError, GoFunc, type GoValue, tagMapType } from '../template/value.js';
import { define } from './define.js';
import { conversionFuncs } from './conversion.js';
import { cryptoFuncs } from './crypto.js';
import { dateFuncs } from './date.js';
import { defaultFuncs } from './defaults.js';
import { dictFuncs } from './dicts.js';
import { encodingFuncs } from './encoding.js';
import { listFuncs } from './lists.js';
import { mathFuncs } from './math.js';
import { networkFuncs } from './network.js';
import { pathFuncs } from './paths.js';
import { randomFuncs } from './random.js';
import { reflectFuncs } from './reflect.js';
import { regexFuncs } from './regex.js';
import { semverFuncs } from './semver.js';
import { stringFuncs } from './strings.js';
import { urlFuncs } from './url.js';
import { serializationFuncs } from './serialization.js';

/** Sprig's functions, by domain file. */
const SPRIG_DOMAINS: readonly (readonly GoFunc[])[] = [
  stringFuncs, conversionFuncs, defaultFuncs, dictFuncs, listFuncs, mathFuncs, regexFuncs, encodingFuncs,
  cryptoFuncs, dateFuncs, pathFuncs, reflectFuncs, semverFuncs, networkFuncs, urlFuncs, randomFuncs,
];

/** Sprig functions helm deletes: templates must not read the renderer's environment. */
const REMOVED_BY_HELM: readonly string[] = ['env', 'expandenv'];

/**
 * helm's placeholders for the late-bound functions (kept so that parsing outside an engine
 * accepts the names, as helm's linter relies on).
 */
const PLACEHOLDERS: readonly GoFunc[] = [
  // sprig's own `fail`; the engine replaces it with helm's, which marks the message for its error text.
  define('fail', ['string'], 'string', (msg: string) => {
    throw new GoError(msg);
  }, { returnsError: true }),
  define('include', ['string', 'interface {}'], 'string', () => 'not implemented'),
  define('tpl', ['string', 'interface {}'], 'interface {}', () => 'not implemented'),
  define('required', ['string', 'interface {}'], 'interface {}', () => 'not implemented', { returnsError: true }),
  define(
    'lookup',
    ['string', 'string', 'string', 'string'],
    'map[string]interface {}',
    (): GoValue => tagMapType(new Map(), 'map[string]interface {}'),
    { returnsError: true },
  ),
];

/** funcMap(): a fresh name → function map (callers may add to it). */
export function baseFuncMap(): Map<string, GoFunc> {
  const map = new Map<string, GoFunc>();
  for (const domain of SPRIG_DOMAINS) for (const fn of domain) map.set(fn.name, fn);
  for (const name of REMOVED_BY_HELM) map.delete(name);
  for (const fn of serializationFuncs) map.set(fn.name, fn);
  for (const fn of PLACEHOLDERS) map.set(fn.name, fn);
  return map;
}
