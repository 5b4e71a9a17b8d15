/**
 * sprig v3.3.0's math functions (functions.go, numeric.go). Integer math is int64 over
 * cast.ToInt64 (strings parsed, floats truncated, anything else 0) with Go's wrap-around;
 * float math (addf...) goes through shopspring/decimal as sprig does, so `addf 0.1 0.2` is 0.3;
 * until/untilStep return []int and seq a string.
 */
import { type GoFunc, type GoValue, GoError, GoInt, T_FLOAT64, T_INT, T_INT64, T_INTERFACE, T_STRING, tagSliceType } from '../template/value.js';
import { intArg, toFloat64, toInt64, wrapInt64 } from './cast.js';
import { Decimal } from './decimal.js';
import { define } from './define.js';
import { reserveChars, reserveElements } from '../template/budget.js';

const T_INT_SLICE = '[]int';

const int64 = (v: bigint): GoInt => new GoInt(wrapInt64(v), 'int64');

function divisionByZero(): GoError {
  return new GoError('runtime error: integer divide by zero');
}

function intDiv(a: GoValue, b: GoValue, op: (x: bigint, y: bigint) => bigint): GoInt {
  const y = toInt64(b);
  if (y === 0n) throw divisionByZero();
  return int64(op(toInt64(a), y));
}

/** Heap bytes of one element of a []int result (a GoInt with its bigint, the array slot, the number first built). */
const INT_ELEMENT_BYTES = 80;

/**
 * How many elements sprig's untilStep loop `for i := start; i < stop; i += step` (or `>` with a
 * negative step) produces; 0 when the step points away from stop or is 0.
 */
export function untilStepCount(start: number, stop: number, step: number): number {
  if (stop < start) return step >= 0 ? 0 : Math.ceil((start - stop) / -step);
  return step <= 0 ? 0 : Math.ceil((stop - start) / step);
}

/**
 * sprig untilStep: start, start+step, ... up to (not including) stop; [] when step points away.
 * The size is known first and reserved against the render's budget and the engine's limits;
 * the elements are counted, not stepped to, so a step too small to change a large float start
 * cannot loop forever.
 */
export function untilStep(start: number, stop: number, step: number): number[] {
  const count = untilStepCount(start, stop, step);
  reserveElements(count, INT_ELEMENT_BYTES);
  const v = new Array<number>(count);
  for (let k = 0; k < count; k++) v[k] = start + k * step;
  return v;
}

const intSlice = (v: readonly number[]): GoValue[] => tagSliceType(v.map((i) => GoInt.int(i)), T_INT_SLICE);

/** sprig seq: like GNU seq (`seq 5`, `seq 2 5`, `seq 0 2 10`), numbers joined by spaces. */
export function seq(...params: number[]): string {
  const join = (v: number[]): string => {
    // At least one digit and one space per number.
    reserveChars(Math.max(0, 2 * v.length - 1), true);
    return v.join(' ');
  };
  switch (params.length) {
    case 1: {
      const end = params[0]!;
      const inc = end < 1 ? -1 : 1;
      return join(untilStep(1, end + inc, inc));
    }
    case 2: {
      const [start, end] = params as [number, number];
      const step = end < start ? -1 : 1;
      return join(untilStep(start, end + step, step));
    }
    case 3: {
      const [start, step, end] = params as [number, number, number];
      let inc = 1;
      if (end < start) {
        inc = -1;
        if (step > 0) return '';
      }
      return join(untilStep(start, end + inc, step));
    }
    default:
      return '';
  }
}

/** Go's math.Pow(10, p) for an integer p: exact up to 10^22, and its reciprocal below. */
function pow10(p: number): number {
  if (p >= 0 && p <= 22) return 10 ** p;
  if (p < 0 && p >= -22) return 1 / 10 ** -p;
  return Math.pow(10, p);
}

/** sprig round: to `p` decimal places; a fraction >= roundOn (default .5) rounds up. */
export function round(a: GoValue, p: number, ...rOpt: number[]): number {
  const roundOn = rOpt.length > 0 ? rOpt[0]! : 0.5;
  const pow = pow10(p);
  const digit = pow * toFloat64(a);
  // math.Modf: the fraction keeps the sign, so negative halves round down.
  const frac = digit - Math.trunc(digit);
  return (frac >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

/** sprig execDecimalOp: a, then each of b, combined as decimals from their float64 values. */
function decimalOp(a: GoValue, b: readonly GoValue[], op: (x: Decimal, y: Decimal) => Decimal): number {
  let acc = Decimal.fromFloat(toFloat64(a));
  for (const x of b) acc = op(acc, Decimal.fromFloat(toFloat64(x)));
  return acc.toFloat64();
}

function extremum(pick: (a: bigint, b: bigint) => boolean) {
  return (a: GoValue, ...rest: GoValue[]): GoInt => {
    let acc = toInt64(a);
    for (const b of rest) {
      const x = toInt64(b);
      if (pick(x, acc)) acc = x;
    }
    return int64(acc);
  };
}

/** math/rand.Intn(max-min) + min; a non-positive range panics as Go does. */
function randInt(minArg: GoValue, maxArg: GoValue): GoInt {
  const [min, max] = [intArg(minArg), intArg(maxArg)];
  if (max - min <= 0) throw new GoError('invalid argument to Intn');
  return GoInt.int(Math.floor(Math.random() * (max - min)) + min);
}

const variadic = { variadic: T_INTERFACE };
const add = (x: Decimal, y: Decimal): Decimal => x.add(y);

/** sprig's math functions. */
export const mathFuncs: readonly GoFunc[] = [
  define('add1', [T_INTERFACE], T_INT64, (i: GoValue) => int64(toInt64(i) + 1n)),
  define('add', [], T_INT64, (...i: GoValue[]) => int64(i.reduce<bigint>((acc, b) => wrapInt64(acc + toInt64(b)), 0n)), variadic),
  define('sub', [T_INTERFACE, T_INTERFACE], T_INT64, (a: GoValue, b: GoValue) => int64(toInt64(a) - toInt64(b))),
  define('div', [T_INTERFACE, T_INTERFACE], T_INT64, (a: GoValue, b: GoValue) => intDiv(a, b, (x, y) => x / y)),
  define('mod', [T_INTERFACE, T_INTERFACE], T_INT64, (a: GoValue, b: GoValue) => intDiv(a, b, (x, y) => x % y)),
  define(
    'mul',
    [T_INTERFACE],
    T_INT64,
    (a: GoValue, ...v: GoValue[]) => int64(v.reduce<bigint>((acc, b) => wrapInt64(acc * toInt64(b)), toInt64(a))),
    variadic,
  ),
  define('randInt', [T_INT, T_INT], T_INT, randInt),
  define('add1f', [T_INTERFACE], T_FLOAT64, (i: GoValue) => decimalOp(i, [GoInt.int(1)], add)),
  define('addf', [], T_FLOAT64, (...i: GoValue[]) => decimalOp(0, i, add), variadic),
  define('subf', [T_INTERFACE], T_FLOAT64, (a: GoValue, ...v: GoValue[]) => decimalOp(a, v, (x, y) => x.sub(y)), variadic),
  define('divf', [T_INTERFACE], T_FLOAT64, (a: GoValue, ...v: GoValue[]) => decimalOp(a, v, (x, y) => x.div(y)), variadic),
  define('mulf', [T_INTERFACE], T_FLOAT64, (a: GoValue, ...v: GoValue[]) => decimalOp(a, v, (x, y) => x.mul(y)), variadic),
  define('biggest', [T_INTERFACE], T_INT64, extremum((x, acc) => x > acc), variadic),
  define('max', [T_INTERFACE], T_INT64, extremum((x, acc) => x > acc), variadic),
  define('min', [T_INTERFACE], T_INT64, extremum((x, acc) => x < acc), variadic),
  define('maxf', [T_INTERFACE], T_FLOAT64, (a: GoValue, ...i: GoValue[]) => i.reduce<number>((acc, b) => Math.max(acc, toFloat64(b)), toFloat64(a)), variadic),
  define('minf', [T_INTERFACE], T_FLOAT64, (a: GoValue, ...i: GoValue[]) => i.reduce<number>((acc, b) => Math.min(acc, toFloat64(b)), toFloat64(a)), variadic),
  define('ceil', [T_INTERFACE], T_FLOAT64, (a: GoValue) => Math.ceil(toFloat64(a))),
  define('floor', [T_INTERFACE], T_FLOAT64, (a: GoValue) => Math.floor(toFloat64(a))),
  define('round', [T_INTERFACE, T_INT], T_FLOAT64, (a: GoValue, p: GoValue, ...rOpt: number[]) => round(a, intArg(p), ...rOpt), {
    variadic: T_FLOAT64,
  }),
  define('until', [T_INT], T_INT_SLICE, (count: GoValue) => {
    const n = intArg(count);
    return intSlice(untilStep(0, n, n < 0 ? -1 : 1));
  }),
  define('untilStep', [T_INT, T_INT, T_INT], T_INT_SLICE, (start: GoValue, stop: GoValue, step: GoValue) =>
    intSlice(untilStep(intArg(start), intArg(stop), intArg(step))),
  ),
  define('seq', [], T_STRING, (...params: GoValue[]) => seq(...params.map(intArg)), { variadic: T_INT }),
];
