/**
 * Jinja2's built-in tests (jinja2/tests.py TESTS), used by `x is name` and select/reject.
 */
import { typeError } from './errors.js';
import { binop, iterate, pyCompare, pyContains, pyEq, pyLen } from './pyops.js';
import { pyStr } from './pyrepr.js';
import {
  LoopContext,
  Macro,
  Markup,
  PyCallable,
  PyDict,
  PyIterator,
  PyRange,
  PyTuple,
  Undefined,
  type CallArgs,
  type PyValue,
} from './values.js';
import { FILTER_NAMES } from './filter-names.js';

export type TestFn = (value: PyValue, a: CallArgs) => boolean;

function arg(a: CallArgs, i: number, name: string, test: string): PyValue {
  const v = i < a.args.length ? a.args[i] : a.kwargs.get(name);
  if (v === undefined) throw typeError(`test_${test}() missing 1 required positional argument: '${name}'`);
  return v;
}

function isLower(s: string): boolean {
  return /\p{Ll}/u.test(s) && !/[\p{Lu}\p{Lt}]/u.test(s);
}
function isUpper(s: string): boolean {
  return /\p{Lu}/u.test(s) && !/[\p{Ll}\p{Lt}]/u.test(s);
}

/** Python `a is b` for the values a template can hold (small ints and singletons are shared). */
function sameAs(a: PyValue, b: PyValue): boolean {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a === b && a >= -5n && a <= 256n;
  if (typeof a === 'number' || typeof b === 'number') return false;
  return a === b;
}

const cmp = (op: 'lt' | 'lteq' | 'gt' | 'gteq') => (v: PyValue, a: CallArgs) => pyCompare(op, v, arg(a, 0, 'other', op));
const eq = (v: PyValue, a: CallArgs) => pyEq(v, arg(a, 0, 'other', 'eq'));
const ne = (v: PyValue, a: CallArgs) => !pyEq(v, arg(a, 0, 'other', 'ne'));

export const TESTS: Record<string, TestFn> = {
  odd: (v) => pyEq(binop('%', v, 2n), 1n),
  even: (v) => pyEq(binop('%', v, 2n), 0n),
  divisibleby: (v, a) => pyEq(binop('%', v, arg(a, 0, 'num', 'divisibleby')), 0n),
  defined: (v) => !(v instanceof Undefined),
  undefined: (v) => v instanceof Undefined,
  filter: (v) => typeof v === 'string' && FILTER_NAMES.has(v),
  test: (v) => typeof v === 'string' && Object.prototype.hasOwnProperty.call(TESTS, v),
  none: (v) => v === null,
  boolean: (v) => typeof v === 'boolean',
  false: (v) => v === false,
  true: (v) => v === true,
  integer: (v) => typeof v === 'bigint',
  float: (v) => typeof v === 'number',
  lower: (v) => isLower(pyStr(v)),
  upper: (v) => isUpper(pyStr(v)),
  string: (v) => typeof v === 'string' || v instanceof Markup,
  mapping: (v) => v instanceof PyDict,
  number: (v) => typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean',
  sequence: (v) => {
    try {
      pyLen(v);
    } catch {
      return false;
    }
    return typeof v === 'string' || v instanceof Markup || Array.isArray(v) || v instanceof PyTuple || v instanceof PyDict || v instanceof PyRange;
  },
  iterable: (v) => {
    if (v instanceof Undefined) {
      iterate(v); // a strict Undefined raises UndefinedError here, as in Jinja2
      return true;
    }
    return typeof v === 'string' || v instanceof Markup || Array.isArray(v) || v instanceof PyTuple || v instanceof PyDict || v instanceof PyRange || v instanceof PyIterator || v instanceof LoopContext;
  },
  callable: (v) => v instanceof Macro || v instanceof PyCallable || v instanceof LoopContext,
  sameas: (v, a) => sameAs(v, arg(a, 0, 'other', 'sameas')),
  escaped: (v) => v instanceof Markup,
  in: (v, a) => pyContains(arg(a, 0, 'seq', 'in'), v),
  '==': eq,
  eq,
  equalto: eq,
  '!=': ne,
  ne,
  '>': cmp('gt'),
  gt: cmp('gt'),
  greaterthan: cmp('gt'),
  ge: cmp('gteq'),
  '>=': cmp('gteq'),
  '<': cmp('lt'),
  lt: cmp('lt'),
  lessthan: cmp('lt'),
  '<=': cmp('lteq'),
  le: cmp('lteq'),
};


