/**
 * Python string formatting: printf-style `'%05.1f' % x` (used by the `format` filter and the `%`
 * operator) and `str.format()` with the format-spec mini-language. Widths and precisions are
 * checked against the budget before padding is built; ints print in decimal within Python's
 * 4,300-digit limit (pyint.ts), and convert to float with Python's OverflowError.
 */
import { budget } from './budget.js';
import { JinjaError, typeError, valueError } from './errors.js';
import { intToDecimal, intToFloat } from './pyint.js';
import { floatRepr, formatExp, formatFixed, formatGeneral } from './pynum.js';
import { getAttr, getItem, registerPercentFormat } from './pyops.js';
import { pyRepr, pyStr } from './pyrepr.js';
import { Markup, PyDict, PyTuple, Undefined, typeName, type PyValue } from './values.js';

const PERCENT_SPEC = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])?/y;

function isInt(v: PyValue): v is bigint | boolean {
  return typeof v === 'bigint' || typeof v === 'boolean';
}
function asBig(v: bigint | boolean): bigint {
  return typeof v === 'boolean' ? BigInt(+v) : v;
}

/** A `*` width or precision: an int (TypeError otherwise), as a number (huge ones stay huge). */
function starArg(v: PyValue): number {
  if (!isInt(v)) throw typeError('* wants int');
  return Number(asBig(v));
}

/** The character of `%c` / `{:c}` for an int code point. */
function codePointChar(n: bigint, spec: boolean): string {
  if (spec && (n > 2n ** 63n - 1n || n < -(2n ** 63n))) throw new JinjaError('type', 'OverflowError', 'Python int too large to convert to C long');
  if (n < 0n || n > 0x10ffffn) throw new JinjaError('type', 'OverflowError', '%c arg not in range(0x110000)');
  return String.fromCodePoint(Number(n));
}

/** A value formatted as a float: Python converts an int first (OverflowError past 1.8e308). */
function asFloat(v: bigint | boolean | number): number {
  return typeof v === 'number' ? v : intToFloat(asBig(v));
}

/** Python `fmt % args`. */
export function percentFormat(fmtValue: PyValue, args: PyValue): PyValue {
  const fmt = fmtValue instanceof Markup ? fmtValue.s : String(fmtValue);
  const positional: readonly PyValue[] = args instanceof PyTuple ? args.items : [args];
  const mapping = args instanceof PyDict ? args : undefined;
  let argi = 0;
  let usedMapping = false;
  const nextArg = (): PyValue => {
    if (argi >= positional.length) throw typeError('not enough arguments for format string');
    return positional[argi++]!;
  };
  let out = '';
  let i = 0;
  while (i < fmt.length) {
    const pct = fmt.indexOf('%', i);
    if (pct === -1) {
      out += fmt.slice(i);
      break;
    }
    out += fmt.slice(i, pct);
    PERCENT_SPEC.lastIndex = pct;
    const m = PERCENT_SPEC.exec(fmt);
    if (!m || m[5] === undefined) {
      if (pct + 1 >= fmt.length || !m) throw valueError('incomplete format');
      throw valueError(`unsupported format character '${fmt[m.index + m[0].length] ?? ''}' (0x${(fmt.charCodeAt(m.index + m[0].length) || 0).toString(16)}) at index ${m.index + m[0].length}`);
    }
    i = pct + m[0].length;
    const [, key, flagText = '', widthText, precText, conv] = m;
    if (conv === '%') {
      out += '%';
      continue;
    }
    let flags = flagText;
    let width = widthText === '*' ? starArg(nextArg()) : widthText ? Number(widthText) : 0;
    if (width < 0) {
      // a negative `*` width left-justifies, as the '-' flag does
      flags += '-';
      width = -width;
    }
    const precArg = precText === '*' ? starArg(nextArg()) : precText !== undefined ? Number(precText) : undefined;
    const prec = precArg === undefined ? undefined : Math.max(0, precArg);
    let value: PyValue;
    if (key !== undefined) {
      if (!mapping) throw typeError('format requires a mapping');
      usedMapping = true;
      const v = mapping.get(key);
      if (v === undefined) throw new JinjaError('type', 'KeyError', pyRepr(key));
      value = v;
    } else value = nextArg();
    budget().stringOf(out.length + width);
    const piece = formatOne(value, conv!, flags, width, prec);
    budget().stringOf(out.length + piece.length);
    out += piece;
  }
  if (!usedMapping && argi < positional.length && !(mapping && positional.length === 1)) {
    throw typeError('not all arguments converted during string formatting');
  }
  return fmtValue instanceof Markup ? new Markup(out) : out;
}

function formatOne(value: PyValue, conv: string, flags: string, width: number, prec: number | undefined): string {
  let body: string;
  let sign = '';
  let numeric = true;
  const alt = flags.includes('#');
  switch (conv) {
    case 's':
    case 'r':
    case 'a': {
      numeric = false;
      body = conv === 's' ? pyStr(value) : pyRepr(value);
      if (prec !== undefined) body = Array.from(body).slice(0, prec).join('');
      break;
    }
    case 'c': {
      numeric = false;
      if (isInt(value)) body = codePointChar(asBig(value), false);
      else if (typeof value === 'string' && Array.from(value).length === 1) body = value;
      else throw typeError('%c requires int or char');
      break;
    }
    case 'd':
    case 'i':
    case 'u':
    case 'o':
    case 'x':
    case 'X': {
      let n: bigint;
      if (isInt(value)) n = asBig(value);
      else if (typeof value === 'number' && 'diu'.includes(conv)) {
        if (!Number.isFinite(value)) throw new JinjaError('type', Number.isNaN(value) ? 'ValueError' : 'OverflowError', Number.isNaN(value) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer');
        n = BigInt(Math.trunc(value));
      } else if ('diu'.includes(conv)) throw typeError(`%${conv} format: a real number is required, not ${typeName(value)}`);
      else throw typeError(`%${conv} format: an integer is required, not ${typeName(value)}`);
      if (n < 0n) {
        sign = '-';
        n = -n;
      }
      // octal and hex are exempt from Python's decimal digit limit
      body = conv === 'o' ? n.toString(8) : conv === 'x' ? n.toString(16) : conv === 'X' ? n.toString(16).toUpperCase() : intToDecimal(n);
      if (prec !== undefined && prec > body.length) {
        budget().stringOf(prec + 2);
        body = body.padStart(prec, '0');
      }
      if (alt && conv === 'o') body = '0o' + body;
      if (alt && conv === 'x') body = '0x' + body;
      if (alt && conv === 'X') body = '0X' + body;
      break;
    }
    default: {
      let x: number;
      if (typeof value === 'number' || isInt(value)) x = asFloat(value);
      else throw typeError(`must be real number, not ${typeName(value)}`);
      const p = prec ?? 6;
      const upper = conv === conv.toUpperCase();
      body = conv === 'f' || conv === 'F' ? formatFixed(x, p) : conv === 'e' || conv === 'E' ? formatExp(x, p, upper) : formatGeneral(x, p, upper, alt);
      if (conv === 'F') body = body.toUpperCase();
      if (alt && (conv === 'f' || conv === 'F') && p === 0) body += '.';
      if (body.startsWith('-')) {
        sign = '-';
        body = body.slice(1);
      }
    }
  }
  if (numeric && sign === '') sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  const len = Array.from(sign + body).length;
  if (len >= width) return sign + body;
  if (flags.includes('-')) return sign + body + ' '.repeat(width - len);
  if (numeric && flags.includes('0')) {
    const prefix = /^0[xXo]/.test(body) ? body.slice(0, 2) : '';
    return sign + prefix + '0'.repeat(width - len) + body.slice(prefix.length);
  }
  return ' '.repeat(width - len) + sign + body;
}

registerPercentFormat(percentFormat);

const SPEC = /^(?:(.)?([<>=^]))?([-+ ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/su;

/** Python format(value, spec): the format-spec mini-language. */
export function formatWithSpec(value: PyValue, spec: string): string {
  if (value instanceof Undefined) return pyStr(value);
  const m = SPEC.exec(spec);
  const isNum = typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean';
  const isStr = typeof value === 'string' || value instanceof Markup;
  if (!isNum && !isStr) {
    if (spec === '') return pyStr(value);
    throw typeError(`unsupported format string passed to ${typeName(value)}.__format__`);
  }
  if (!m) throw valueError('Invalid format specifier');
  const [, fillRaw, alignRaw, signRaw, , altFlag, zero, widthText, grouping, precText, typeRaw] = m;
  let fill = fillRaw ?? ' ';
  let align = alignRaw;
  if (zero && !alignRaw) {
    fill = '0';
    align = '=';
  }
  const width = widthText ? Number(widthText) : 0;
  budget().stringOf(width);
  const prec = precText !== undefined ? Number(precText) : undefined;
  let body: string;
  let sign = '';
  if (isStr) {
    if (typeRaw && typeRaw !== 's') throw valueError(`Unknown format code '${typeRaw}' for object of type 'str'`);
    if (signRaw) throw valueError('Sign not allowed in string format specifier');
    if (align === '=') throw valueError("'=' alignment not allowed in string format specifier");
    body = value instanceof Markup ? value.s : (value as string);
    if (prec !== undefined) body = Array.from(body).slice(0, prec).join('');
    return pad(body, '', fill, align ?? '<', width);
  }
  if (typeof value === 'boolean' && !typeRaw && spec === '') return value ? 'True' : 'False';
  const intTypes = 'bcdoxXn';
  const type = typeRaw ?? '';
  if ((typeof value === 'bigint' || typeof value === 'boolean') && (type === '' || intTypes.includes(type))) {
    if (prec !== undefined) throw valueError('Precision not allowed in integer format specifier');
    let n = typeof value === 'boolean' ? BigInt(+value) : value;
    const char = type === 'c' ? codePointChar(n, true) : undefined;
    if (n < 0n) {
      sign = '-';
      n = -n;
    }
    if (char !== undefined) body = char;
    else body = type === 'b' ? n.toString(2) : type === 'o' ? n.toString(8) : type === 'x' ? n.toString(16) : type === 'X' ? n.toString(16).toUpperCase() : intToDecimal(n);
    if (grouping) body = group(body, grouping, type === 'b' || type === 'o' || type === 'x' || type === 'X' ? 4 : 3);
    if (altFlag && type && 'box'.includes(type.toLowerCase())) body = '0' + type + body;
  } else {
    if (typeof value !== 'number' && !'eEfFgG%'.includes(type || 'x')) throw valueError(`Unknown format code '${type}' for object of type '${typeName(value)}'`);
    if (typeof value === 'number' && type !== '' && intTypes.includes(type) && type !== 'n') throw valueError(`Unknown format code '${type}' for object of type 'float'`);
    let x = asFloat(value as bigint | boolean | number);
    if (type === '%') x *= 100;
    const neg = x < 0 || Object.is(x, -0);
    const ax = Math.abs(x);
    if (type === 'f' || type === 'F' || type === '%') body = formatFixed(ax, prec ?? 6);
    else if (type === 'e' || type === 'E') body = formatExp(ax, prec ?? 6, type === 'E');
    else if (type === 'g' || type === 'G' || type === 'n') body = formatGeneral(ax, prec ?? 6, type === 'G', !!altFlag);
    else if (prec === undefined) body = typeof value === 'number' ? floatRepr(ax) : String(ax);
    else {
      body = formatGeneral(ax, prec, false, false);
      if (/^[\d]+$/.test(body)) body += '.0';
    }
    if (type === 'F') body = body.toUpperCase();
    if (type === '%') body += '%';
    if (grouping) {
      const [ip, ...rest] = body.split('.');
      body = [group(ip!, grouping, 3), ...rest].join('.');
    }
    if (neg && !Number.isNaN(x)) sign = '-';
  }
  if (sign === '' && signRaw === '+') sign = '+';
  if (sign === '' && signRaw === ' ') sign = ' ';
  return pad(body, sign, fill, align ?? '>', width);
}

function group(digits: string, sep: string, every: number): string {
  let out = '';
  for (let i = digits.length; i > 0; i -= every) out = digits.slice(Math.max(0, i - every), i) + (out ? sep + out : '');
  return out;
}

function pad(body: string, sign: string, fill: string, align: string, width: number): string {
  const len = Array.from(sign + body).length;
  if (len >= width) return sign + body;
  const n = width - len;
  budget().stringOf(sign.length + body.length + n * fill.length);
  switch (align) {
    case '<': return sign + body + fill.repeat(n);
    case '^': return fill.repeat(n >> 1) + sign + body + fill.repeat(n - (n >> 1));
    case '=': return sign + fill.repeat(n) + body;
    default: return fill.repeat(n) + sign + body;
  }
}

/** Python str.format(*args, **kwargs). */
export function strFormat(fmt: string, args: readonly PyValue[], kwargs: Map<string, PyValue>): string {
  let out = '';
  let auto = 0;
  let mode: 'auto' | 'manual' | undefined;
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i]!;
    if (c === '}') {
      if (fmt[i + 1] === '}') {
        out += '}';
        i += 2;
        continue;
      }
      throw valueError("Single '}' encountered in format string");
    }
    if (c !== '{') {
      out += c;
      i++;
      continue;
    }
    if (fmt[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    // find the matching close brace, allowing one level of nested {} in the spec
    let depth = 1;
    let j = i + 1;
    for (; j < fmt.length && depth > 0; j++) {
      if (fmt[j] === '{') depth++;
      else if (fmt[j] === '}') depth--;
    }
    if (depth !== 0) throw valueError("expected '}' before end of string");
    const field = fmt.slice(i + 1, j - 1);
    i = j;
    const m = /^([^.[!:]*)((?:\.[^.[!:]+|\[[^\]]*\])*)(?:!([rsa]))?(?::(.*))?$/s.exec(field);
    if (!m) throw valueError('unmatched \'{\' in format spec');
    const [, argName = '', chain = '', conv, specRaw = ''] = m;
    let value: PyValue;
    if (argName === '') {
      if (mode === 'manual') throw valueError('cannot switch from manual field specification to automatic field numbering');
      mode = 'auto';
      value = positional(args, auto++);
    } else if (/^\d+$/.test(argName)) {
      if (mode === 'auto') throw valueError('cannot switch from automatic field numbering to manual field specification');
      mode = 'manual';
      value = positional(args, Number(argName));
    } else {
      const v = kwargs.get(argName);
      if (v === undefined) throw new JinjaError('type', 'KeyError', pyRepr(argName));
      value = v;
    }
    for (const part of chain.match(/\.[^.[]+|\[[^\]]*\]/g) ?? []) {
      if (part.startsWith('.')) {
        value = getAttr(value, part.slice(1));
      } else {
        const key = part.slice(1, -1);
        value = getItem(value, /^\d+$/.test(key) ? BigInt(key) : key);
      }
      if (value instanceof Undefined) throw new JinjaError('type', 'AttributeError', `'${typeName(value)}' object has no attribute ${pyRepr(part)}`);
    }
    if (conv === 'r' || conv === 'a') value = pyRepr(value);
    else if (conv === 's') value = pyStr(value);
    const spec = specRaw.replace(/\{([^{}]*)\}/g, (_s, name: string) => {
      const v = name === '' ? positional(args, auto++) : /^\d+$/.test(name) ? positional(args, Number(name)) : kwargs.get(name);
      if (v === undefined) throw new JinjaError('type', 'KeyError', pyRepr(name));
      return pyStr(v);
    });
    out += formatWithSpec(value, spec);
    budget().stringOf(out.length);
  }
  return out;
}

function positional(args: readonly PyValue[], i: number): PyValue {
  if (i >= args.length) throw new JinjaError('type', 'IndexError', `Replacement index ${i} out of range for positional args tuple`);
  return args[i]!;
}
