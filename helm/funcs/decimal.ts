/**
 * The slice of shopspring/decimal v1.4.0 that sprig's float functions (addf, subf, mulf, divf,
 * add1f) use: NewFromFloat, Add, Sub, Mul, Div (16 fractional digits, half away from zero) and
 * Float64. A decimal is coefficient × 10^exponent with an arbitrary-size coefficient.
 */
import { GoError } from '../template/value.js';
import { formatFloat } from '../template/strconv.js';

/** decimal.DivisionPrecision. */
export const DIVISION_PRECISION = 16;

export class Decimal {
  constructor(
    readonly value: bigint,
    readonly exp: number,
  ) {}

  /** decimal.NewFromFloat: the shortest decimal that reads back as f; NaN and ±Inf panic. */
  static fromFloat(f: number): Decimal {
    if (!Number.isFinite(f)) throw new GoError(`Cannot create a Decimal from ${formatFloat(f, 'g', -1, 64)}`);
    if (f === 0) return new Decimal(0n, 0);
    // JavaScript's shortest round-trip digits are the ones Go's strconv picks.
    const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(f))!;
    const frac = m[3] ?? '';
    const digits = (m[2]! + frac).replace(/^0+(?=\d)/, '');
    const exp = Number(m[4] ?? 0) - frac.length;
    const coefficient = BigInt(digits) * (m[1] === '-' ? -1n : 1n);
    return new Decimal(coefficient, exp).trimmed();
  }

  /** The same value with trailing zero digits moved into the exponent (Go keeps digits minimal). */
  private trimmed(): Decimal {
    let { value, exp } = this;
    while (value !== 0n && value % 10n === 0n) {
      value /= 10n;
      exp++;
    }
    return new Decimal(value, exp);
  }

  /** Both coefficients rescaled to the smaller exponent. */
  private static align(a: Decimal, b: Decimal): [bigint, bigint, number] {
    const exp = Math.min(a.exp, b.exp);
    return [a.value * 10n ** BigInt(a.exp - exp), b.value * 10n ** BigInt(b.exp - exp), exp];
  }

  add(d: Decimal): Decimal {
    const [a, b, exp] = Decimal.align(this, d);
    return new Decimal(a + b, exp);
  }

  sub(d: Decimal): Decimal {
    const [a, b, exp] = Decimal.align(this, d);
    return new Decimal(a - b, exp);
  }

  mul(d: Decimal): Decimal {
    return new Decimal(this.value * d.value, this.exp + d.exp);
  }

  cmp(d: Decimal): number {
    const [a, b] = Decimal.align(this, d);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  abs(): Decimal {
    return this.value < 0n ? new Decimal(-this.value, this.exp) : this;
  }

  /** decimal.Div: DivRound to DivisionPrecision digits; dividing by zero panics. */
  div(d: Decimal): Decimal {
    return this.divRound(d, DIVISION_PRECISION);
  }

  /** decimal.QuoRem: quotient truncated to a multiple of 10^-precision, and the remainder. */
  private quoRem(d: Decimal, precision: number): [Decimal, Decimal] {
    if (d.value === 0n) throw new GoError('decimal division by 0');
    const scale = -precision;
    const e = this.exp - d.exp - scale;
    let aa: bigint;
    let bb: bigint;
    let restExp: number;
    if (e < 0) {
      aa = this.value;
      bb = d.value * 10n ** BigInt(-e);
      restExp = this.exp;
    } else {
      aa = this.value * 10n ** BigInt(e);
      bb = d.value;
      restExp = scale + d.exp;
    }
    return [new Decimal(aa / bb, scale), new Decimal(aa % bb, restExp)];
  }

  /** decimal.DivRound: a remainder of half the divisor or more rounds away from zero. */
  private divRound(d: Decimal, precision: number): Decimal {
    const [q, r] = this.quoRem(d, precision);
    const r2 = new Decimal((r.value < 0n ? -r.value : r.value) * 2n, r.exp + precision);
    if (r2.cmp(d.abs()) < 0) return q;
    const unit = new Decimal(1n, -precision);
    const negative = (this.value < 0n) !== (d.value < 0n) && this.value !== 0n;
    return negative ? q.sub(unit) : q.add(unit);
  }

  /** decimal.Float64: the nearest float64 (JavaScript parses decimal text correctly rounded). */
  toFloat64(): number {
    if (this.value === 0n) return 0;
    return Number(`${this.value}e${this.exp}`);
  }
}
