/**
 * Kubernetes `resource.Quantity` text as json.Marshal prints it (k8s.io/apimachinery
 * pkg/api/resource quantity.go: ParseQuantity, parseQuantityString, CanonicalizeBytes). DPF
 * marshals `serviceDaemonSet.resources` (a corev1.ResourceList), so the chart sees `1000m` as
 * "1", `2000` as "2k", `1024Mi` as "1Gi" — while text already in canonical form (`100Mi`, `5`,
 * `12E6`) is kept byte for byte, as ParseQuantity caches it.
 */

/** A quantity that does not parse (resource.ErrFormatWrong / ErrSuffix). */
export class QuantityError extends Error {
  constructor(readonly text: string) {
    super(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
    this.name = 'QuantityError';
  }
}

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXP = new Map(Object.entries(DECIMAL_SUFFIX).map(([k, v]) => [v, k] as const));
const BINARY_BY_EXP = new Map(Object.entries(BINARY_SUFFIX).map(([k, v]) => [v, k] as const));
/** maxInt64Factors: decimal digits an int64 holds safely. */
const MAX_INT64_FACTORS = 18;

interface ParsedQuantity {
  negative: boolean;
  /** Integer digits without leading zeros ("0" when none). */
  num: string;
  /** Fraction digits. */
  denom: string;
  format: 'DecimalSI' | 'BinarySI' | 'DecimalExponent';
  /** Power of 10 (decimal formats) or of 2 (BinarySI) the suffix stands for. */
  exponent: number;
}

/** json.Marshal text of a Quantity parsed from YAML/JSON text or a number. Throws QuantityError. */
export function canonicalQuantity(input: string | number): string {
  const text = typeof input === 'number' ? numberText(input) : input;
  if (text === '0') return '0';
  const q = parseQuantity(text);
  if (keepsOriginalText(q)) return text;
  return canonicalText(q);
}

function parseQuantity(text: string): ParsedQuantity {
  const m = /^([+-]?)0*([0-9]*)(?:\.([0-9]*))?(.*)$/.exec(text);
  if (m === null || !/^[0-9+-.]/.test(text) || (text.replace(/^[+-]/, '').match(/^[0-9.]*/)?.[0] ?? '').replace('.', '') === '') {
    throw new QuantityError(text);
  }
  const suffix = m[4] ?? '';
  let format: ParsedQuantity['format'];
  let exponent: number;
  if (suffix in BINARY_SUFFIX) {
    format = 'BinarySI';
    exponent = BINARY_SUFFIX[suffix]!;
  } else if (suffix in DECIMAL_SUFFIX) {
    format = 'DecimalSI';
    exponent = DECIMAL_SUFFIX[suffix]!;
  } else if (/^[eE][+-]?[0-9]+$/.test(suffix)) {
    format = 'DecimalExponent';
    exponent = Number(suffix.slice(1));
  } else throw new QuantityError(text);
  return { negative: m[1] === '-', num: m[2] || '0', denom: m[3] ?? '', format, exponent };
}

/** ParseQuantity's fast path: an int64-sized value already in canonical form keeps its text. */
function keepsOriginalText(q: ParsedQuantity): boolean {
  const shifted = q.num + q.denom;
  if (q.format === 'BinarySI') {
    if (q.denom !== '') return false;
    const precision = 15 - q.num.length - Math.trunc((q.exponent * 3) / 10) - 1;
    if (precision < 0) return false;
    return q.exponent % 10 === 0 && (BigInt(shifted) & 7n) !== 0n;
  }
  if (MAX_INT64_FACTORS - (q.num.length + q.denom.length) < 0) return false;
  const scale = q.exponent - q.denom.length;
  if (scale < -9) return false;
  return scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
}

/** Quantity.String() for a value that needs canonicalizing. */
function canonicalText(q: ParsedQuantity): string {
  // value = digits × 10^scale
  let digits = BigInt(q.num + q.denom);
  let scale = -q.denom.length;
  if (q.format === 'BinarySI') digits *= 2n ** BigInt(q.exponent);
  else scale += q.exponent;
  // Values below a nano round up to it (ParseQuantity rounds away from zero).
  if (scale < -9) {
    const div = 10n ** BigInt(-9 - scale);
    digits = (digits + div - 1n) / div;
    scale = -9;
  }
  if (digits === 0n) return '0';
  const sign = q.negative ? '-' : '';
  let format = q.format;
  if (format === 'BinarySI') {
    const integer = scale >= 0 ? digits * 10n ** BigInt(scale) : digits % 10n ** BigInt(-scale) === 0n ? digits / 10n ** BigInt(-scale) : undefined;
    // CanonicalizeBytes: values under 1024 or with a fraction print as DecimalSI.
    if (integer !== undefined && integer >= 1024n) {
      let exp = 0;
      let v = integer;
      while (exp < 60 && v % 1024n === 0n) {
        v /= 1024n;
        exp += 10;
      }
      return `${sign}${v}${BINARY_BY_EXP.get(exp) ?? ''}`;
    }
    format = 'DecimalSI';
  }
  while (digits % 10n === 0n) {
    digits /= 10n;
    scale += 1;
  }
  let exp = Math.floor(scale / 3) * 3;
  if (format === 'DecimalSI') exp = Math.min(Math.max(exp, -9), 18);
  const mantissa = digits * 10n ** BigInt(scale - exp);
  if (format === 'DecimalExponent') return `${sign}${mantissa}${exp === 0 ? '' : `e${exp}`}`;
  return `${sign}${mantissa}${DECIMAL_BY_EXP.get(exp) ?? ''}`;
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new QuantityError(String(n));
  // A JSON number reaches UnmarshalJSON as its text; JS exponent forms are spelled out.
  const s = String(n);
  return /e/.test(s) ? n.toFixed(20).replace(/\.?0+$/, '') : s;
}
