/**
 * Go's fmt package (Sprint, Sprintln, Sprintf: fmt/print.go) over the Go value model in value.ts,
 * as text/template's print/printf/println builtins and sprig's functions use it.
 *
 * Go walks values with reflect; here the value model stands in for reflect: `number` is float64,
 * GoInt carries its int type, Map is map[string]interface {} (or a tagged map type) and prints
 * with sorted keys, arrays are slices, Uint8Array is []byte, GoStruct is a struct or a pointer
 * to one (its goString() is the Stringer), GoComplex is complex128, null and undefined are the
 * nil interface.
 *
 * Known differences: pointer values that Go prints as an address (a pointer to a struct nested
 * in a container, a func, %p) print a fixed fake address, since real addresses are not stable;
 * the model has no typed nil slices or maps, so `[]string(nil)` (%#v) cannot be produced.
 */
import { Formatter, LOWER_DIGITS, UPPER_DIGITS } from './gofmt-format.js';
import { compareGoStrings, goStringFromBytes, goStringToBytes, normalizeGoString } from './gostring.js';
import {
  GoComplex, GoFunc, GoInt, GoStruct, NO_FIELD, T_INTERFACE, elemType, mapType, sliceType, typeOf,
  type GoMap, type GoValue,
} from './value.js';

const NIL_ANGLE = '<nil>';
const PERCENT_BANG = '%!';
/** Stands in for a pointer address, which Go prints but which is never reproducible. */
const FAKE_ADDRESS = 0xc000010000n;
/** Go's tooLarge: widths and precisions beyond ±1e6 are rejected. */
const MAX_WIDTH = 1e6;

/** fmt.Sprint: operands formatted with %v; a space between two operands when neither is a string. */
export function sprint(args: readonly GoValue[]): string {
  const p = new Printer();
  let prevString = false;
  args.forEach((arg, i) => {
    const isString = typeof arg === 'string';
    if (i > 0 && !isString && !prevString) p.fmt.buf += ' ';
    p.printArg(arg, 'v');
    prevString = isString;
  });
  return p.result();
}

/** fmt.Sprintln: operands formatted with %v, always space separated, with a trailing newline. */
export function sprintln(args: readonly GoValue[]): string {
  const p = new Printer();
  args.forEach((arg, i) => {
    if (i > 0) p.fmt.buf += ' ';
    p.printArg(arg, 'v');
  });
  return p.result() + '\n';
}

/**
 * fmt.Sprintf: verbs %v %+v %#v %T %t %d %s %q %x %X %o %O %b %c %U %e %E %f %F %g %G %p %%,
 * flags `+ - # 0 space`, width and precision (also `*` from the arguments), argument indexes
 * `%[2]d`, and Go's error texts (`%!d(string=x)`, `%!s(MISSING)`, `%!(EXTRA int=1)`, ...).
 */
export function sprintf(format: string, args: readonly GoValue[]): string {
  const p = new Printer();
  p.doPrintf(format, args);
  return p.result();
}

/**
 * One value printed with one directive (default %v): formatValue(1e6) === '1e+06',
 * formatValue(m, '#v') === 'map[string]interface {}{"a":1}'.
 */
export function formatValue(v: GoValue, verb = 'v'): string {
  return sprintf('%' + verb, [v]);
}

/** Go's pp: the printer state for one Sprint/Sprintf call. */
class Printer {
  readonly fmt = new Formatter();
  /** The operand being printed, for error texts (Go's p.arg / p.value). */
  private current: GoValue = undefined;
  /** Set while printing an error operand, so Stringers are not consulted (Go's p.erroring). */
  private erroring = false;
  private reordered = false;
  private goodArgNum = true;

  private write(s: string): void {
    this.fmt.buf += s;
  }

  /** The printed text as one Go string: escaped bytes that meet to spell a character become it. */
  result(): string {
    return normalizeGoString(this.fmt.buf);
  }

  /** Go's printArg: one top-level operand. */
  printArg(arg: GoValue, verb: string): void {
    this.current = arg;
    if (arg === undefined || arg === null) {
      if (verb === 'T' || verb === 'v') this.fmt.pad(NIL_ANGLE);
      else this.badVerb(verb);
      return;
    }
    if (verb === 'T') {
      this.fmt.fmtS(typeOf(arg));
      return;
    }
    if (verb === 'p') {
      this.fmtPointer(arg, 'p');
      return;
    }
    if (typeof arg === 'boolean') this.fmtBool(arg, verb);
    else if (typeof arg === 'number') this.fmtFloat(arg, verb);
    else if (typeof arg === 'string') this.fmtString(arg, verb);
    else if (arg instanceof GoInt) this.fmtInteger(arg, verb);
    else if (arg instanceof GoComplex) this.fmtComplex(arg, verb);
    else if (arg instanceof Uint8Array) this.fmtBytes(arg, verb, '[]byte');
    else if (!this.handleMethods(arg, verb)) this.printValue(arg, verb, 0);
  }

  /**
   * Go's handleMethods: the error/Stringer interfaces for verbs that accept a string
   * (GoStruct.goString()), and %w, which is only valid in Errorf.
   */
  private handleMethods(v: GoValue, verb: string): boolean {
    if (this.erroring) return false;
    if (verb === 'w') {
      this.current = v;
      this.badVerb(verb);
      return true;
    }
    if (this.fmt.flags.sharpV || !(v instanceof GoStruct)) return false;
    if (verb !== 'v' && verb !== 's' && verb !== 'x' && verb !== 'X' && verb !== 'q') return false;
    const text = v.goString();
    if (text === undefined) return false;
    this.fmtString(text, verb);
    return true;
  }

  /**
   * Go's printValue: values reached by walking containers (depth > 0) or needing reflection.
   * `staticType` is the element type of the container, used for %#v of a nil element.
   */
  private printValue(v: GoValue, verb: string, depth: number, staticType: string = T_INTERFACE): void {
    if (depth > 0 && v !== undefined && v !== null && this.handleMethods(v, verb)) return;
    this.current = v;
    if (v === undefined || v === null) {
      // A nil interface inside a container or struct.
      this.write(this.fmt.flags.sharpV ? `${staticType}(nil)` : NIL_ANGLE);
      return;
    }
    if (typeof v === 'boolean') return this.fmtBool(v, verb);
    if (typeof v === 'number') return this.fmtFloat(v, verb);
    if (typeof v === 'string') return this.fmtString(v, verb);
    if (v instanceof GoInt) return this.fmtInteger(v, verb);
    if (v instanceof GoComplex) return this.fmtComplex(v, verb);
    if (v instanceof Map) return this.printMap(v, verb, depth);
    if (v instanceof Uint8Array) return this.printByteSlice(v, verb, depth);
    if (Array.isArray(v)) return this.printSlice(v, sliceType(v), verb, depth);
    if (v instanceof GoStruct) return this.printStruct(v, verb, depth);
    if (v instanceof GoFunc) return this.fmtPointer(v, verb);
    this.write('?' + typeOf(v) + '?');
  }

  private printMap(m: GoMap, verb: string, depth: number): void {
    const sharpV = this.fmt.flags.sharpV;
    const type = mapType(m);
    this.write(sharpV ? type + '{' : 'map[');
    const valueType = elemType(type);
    // fmt prints maps sorted by key; for string keys that is byte order.
    const keys = [...m.keys()].sort(compareGoStrings);
    keys.forEach((key, i) => {
      if (i > 0) this.write(sharpV ? ', ' : ' ');
      this.printValue(key, verb, depth + 1);
      this.write(':');
      this.printValue(m.get(key), verb, depth + 1, valueType);
    });
    this.write(sharpV ? '}' : ']');
  }

  private printSlice(elems: readonly GoValue[], type: string, verb: string, depth: number): void {
    const sharpV = this.fmt.flags.sharpV;
    const itemType = elemType(type);
    this.write(sharpV ? type + '{' : '[');
    elems.forEach((e, i) => {
      if (i > 0) this.write(sharpV ? ', ' : ' ');
      this.printValue(e, verb, depth + 1, itemType);
    });
    this.write(sharpV ? '}' : ']');
  }

  /** A []byte reached by reflection: string-like verbs print its bytes, others its elements. */
  private printByteSlice(b: Uint8Array, verb: string, depth: number): void {
    if (verb === 's' || verb === 'q' || verb === 'x' || verb === 'X') {
      this.fmtBytes(b, verb, typeOf(b));
      return;
    }
    const elems = Array.from(b, (c) => new GoInt(BigInt(c), 'uint8'));
    this.printSlice(elems, typeOf(b), verb, depth);
  }

  private printStruct(s: GoStruct, verb: string, depth: number): void {
    const isPointer = s.goType.startsWith('*');
    if (isPointer) {
      // Go prints a pointer to a struct as &{...} only at the top level (to avoid loops).
      if (s.isNilPointer() || depth > 0) return this.fmtPointer(s, verb);
      this.write('&');
    }
    const f = this.fmt.flags;
    if (f.sharpV) this.write(isPointer ? s.goType.slice(1) : s.goType);
    this.write('{');
    s.fieldNames().forEach((name, i) => {
      if (i > 0) this.write(f.sharpV ? ', ' : ' ');
      if (f.plusV || f.sharpV) this.write(name + ':');
      const value = s.field(name);
      this.printValue(value === NO_FIELD ? undefined : value, verb, depth + 1);
    });
    this.write('}');
  }

  /** Go's badVerb: `%!verb(type=value)` with the value printed by %v, or `%!verb(<nil>)`. */
  private badVerb(verb: string): void {
    this.erroring = true;
    const v = this.current;
    this.write(PERCENT_BANG + verb + '(');
    if (v === undefined || v === null) {
      this.write(NIL_ANGLE);
    } else {
      this.write(typeOf(v) + '=');
      this.printArg(v, 'v');
    }
    this.write(')');
    this.erroring = false;
  }

  private fmtBool(v: boolean, verb: string): void {
    if (verb === 't' || verb === 'v') this.fmt.fmtBoolean(v);
    else this.badVerb(verb);
  }

  /** 0x-prefixed hex (Go's fmt0x64), used for %#v of unsigned integers and for addresses. */
  private fmt0x64(v: bigint, leading0x: boolean): void {
    const sharp = this.fmt.flags.sharp;
    this.fmt.flags.sharp = leading0x;
    this.fmt.fmtInteger(v, 16, 'v', LOWER_DIGITS);
    this.fmt.flags.sharp = sharp;
  }

  private fmtInteger(n: GoInt, verb: string): void {
    const v = n.value;
    // %c %q %U see the operand as Go's uint64(v).
    const asUint64 = (): bigint => BigInt.asUintN(64, v);
    switch (verb) {
      case 'v':
        if (this.fmt.flags.sharpV && n.isUnsigned()) this.fmt0x64(v, true);
        else this.fmt.fmtInteger(v, 10, verb, LOWER_DIGITS);
        return;
      case 'd':
        return this.fmt.fmtInteger(v, 10, verb, LOWER_DIGITS);
      case 'b':
        return this.fmt.fmtInteger(v, 2, verb, LOWER_DIGITS);
      case 'o':
      case 'O':
        return this.fmt.fmtInteger(v, 8, verb, LOWER_DIGITS);
      case 'x':
        return this.fmt.fmtInteger(v, 16, verb, LOWER_DIGITS);
      case 'X':
        return this.fmt.fmtInteger(v, 16, verb, UPPER_DIGITS);
      case 'c':
        return this.fmt.fmtC(asUint64());
      case 'q':
        return this.fmt.fmtQc(asUint64());
      case 'U':
        return this.fmt.fmtUnicode(asUint64());
      default:
        this.badVerb(verb);
    }
  }

  private fmtFloat(v: number, verb: string): void {
    switch (verb) {
      case 'v':
        return this.fmt.fmtFloat(v, 64, 'g', -1);
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        return this.fmt.fmtFloat(v, 64, verb, -1);
      case 'f':
      case 'e':
      case 'E':
        return this.fmt.fmtFloat(v, 64, verb, 6);
      case 'F':
        return this.fmt.fmtFloat(v, 64, 'f', 6);
      default:
        this.badVerb(verb);
    }
  }

  /**
   * Go's fmtComplex: `(re+imi)`, each part printed as a float64 with the verb, flags, width and
   * precision; the imaginary part always carries its sign.
   */
  private fmtComplex(v: GoComplex, verb: string): void {
    switch (verb) {
      case 'v':
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
      case 'f':
      case 'F':
      case 'e':
      case 'E': {
        const plus = this.fmt.flags.plus;
        this.write('(');
        this.fmtFloat(v.re, verb);
        this.fmt.flags.plus = true;
        this.fmtFloat(v.im, verb);
        this.write('i)');
        this.fmt.flags.plus = plus;
        return;
      }
      default:
        this.badVerb(verb);
    }
  }

  private fmtString(v: string, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.fmt.flags.sharpV) this.fmt.fmtQ(v);
        else this.fmt.fmtS(v);
        return;
      case 's':
        return this.fmt.fmtS(v);
      case 'x':
        return this.fmt.fmtSbx(goStringToBytes(v), LOWER_DIGITS);
      case 'X':
        return this.fmt.fmtSbx(goStringToBytes(v), UPPER_DIGITS);
      case 'q':
        return this.fmt.fmtQ(v);
      default:
        this.badVerb(verb);
    }
  }

  /** Go's fmtBytes; typeName is "[]byte" at the top level and "[]uint8" when reached by reflection. */
  private fmtBytes(v: Uint8Array, verb: string, typeName: string): void {
    switch (verb) {
      case 'v':
      case 'd':
        if (this.fmt.flags.sharpV) {
          this.write(typeName + '{');
          v.forEach((c, i) => {
            if (i > 0) this.write(', ');
            this.fmt0x64(BigInt(c), true);
          });
          this.write('}');
        } else {
          this.write('[');
          v.forEach((c, i) => {
            if (i > 0) this.write(' ');
            this.fmt.fmtInteger(BigInt(c), 10, verb, LOWER_DIGITS);
          });
          this.write(']');
        }
        return;
      case 's':
        return this.fmt.fmtS(goStringFromBytes(v));
      case 'x':
        return this.fmt.fmtSbx(v, LOWER_DIGITS);
      case 'X':
        return this.fmt.fmtSbx(v, UPPER_DIGITS);
      case 'q':
        return this.fmt.fmtQ(goStringFromBytes(v));
      default:
        this.printValue(v, verb, 0);
    }
  }

  /** Go's fmtPointer, for maps, slices, funcs and struct pointers (others are a bad verb). */
  private fmtPointer(v: GoValue, verb: string): void {
    const pointerLike = v instanceof Map || Array.isArray(v) || v instanceof Uint8Array || v instanceof GoFunc
      || (v instanceof GoStruct && v.goType.startsWith('*'));
    if (!pointerLike) {
      this.badVerb(verb);
      return;
    }
    const isNil = v instanceof GoStruct && v.isNilPointer();
    const address = isNil ? 0n : FAKE_ADDRESS;
    switch (verb) {
      case 'v':
        if (this.fmt.flags.sharpV) {
          this.write('(' + typeOf(v) + ')(');
          if (isNil) this.write('nil');
          else this.fmt0x64(address, true);
          this.write(')');
        } else if (isNil) {
          this.fmt.pad(NIL_ANGLE);
        } else {
          this.fmt0x64(address, !this.fmt.flags.sharp);
        }
        return;
      case 'p':
        return this.fmt0x64(address, !this.fmt.flags.sharp);
      case 'b':
      case 'o':
      case 'd':
      case 'x':
      case 'X':
        return this.fmtInteger(new GoInt(address, 'uintptr'), verb);
      default:
        this.badVerb(verb);
    }
  }

  /** Go's doPrintf. */
  doPrintf(format: string, args: readonly GoValue[]): void {
    const end = format.length;
    const f = this.fmt;
    let argNum = 0;
    let afterIndex = false;
    this.reordered = false;
    let i = 0;
    formatLoop: while (i < end) {
      this.goodArgNum = true;
      const lasti = i;
      while (i < end && format[i] !== '%') i++;
      if (i > lasti) this.write(format.slice(lasti, i));
      if (i >= end) break;
      i++; // skip %

      f.clearFlags();
      simpleFormat: for (; i < end; i++) {
        const c = format[i];
        switch (c) {
          case '#':
            f.flags.sharp = true;
            break;
          case '0':
            f.flags.zero = !f.flags.minus; // only allow zero padding to the left
            break;
          case '+':
            f.flags.plus = true;
            break;
          case '-':
            f.flags.minus = true;
            f.flags.zero = false; // do not pad with zeros to the right
            break;
          case ' ':
            f.flags.space = true;
            break;
          default:
            // Fast path: a lower-case verb right after the flags.
            if (c >= 'a' && c <= 'z' && argNum < args.length) {
              if (c === 'v') this.setVFlags();
              this.printArg(args[argNum], c);
              argNum++;
              i++;
              continue formatLoop;
            }
            break simpleFormat;
        }
      }

      // An explicit argument index?
      [argNum, i, afterIndex] = this.argNumber(argNum, format, i, args.length);

      // Width.
      if (i < end && format[i] === '*') {
        i++;
        [f.wid, f.flags.widPresent, argNum] = intFromArg(args, argNum);
        if (!f.flags.widPresent) this.write('%!(BADWIDTH)');
        // A negative width means the - flag.
        if (f.wid < 0) {
          f.wid = -f.wid;
          f.flags.minus = true;
          f.flags.zero = false;
        }
        afterIndex = false;
      } else {
        [f.wid, f.flags.widPresent, i] = parseNum(format, i, end);
        if (afterIndex && f.flags.widPresent) this.goodArgNum = false; // "%[3]2d"
      }

      // Precision.
      if (i + 1 < end && format[i] === '.') {
        i++;
        if (afterIndex) this.goodArgNum = false; // "%[3].2d"
        [argNum, i, afterIndex] = this.argNumber(argNum, format, i, args.length);
        if (i < end && format[i] === '*') {
          i++;
          [f.prec, f.flags.precPresent, argNum] = intFromArg(args, argNum);
          // A negative precision makes no sense.
          if (f.prec < 0) {
            f.prec = 0;
            f.flags.precPresent = false;
          }
          if (!f.flags.precPresent) this.write('%!(BADPREC)');
          afterIndex = false;
        } else {
          [f.prec, f.flags.precPresent, i] = parseNum(format, i, end);
          if (!f.flags.precPresent) {
            f.prec = 0;
            f.flags.precPresent = true;
          }
        }
      }

      if (!afterIndex) [argNum, i, afterIndex] = this.argNumber(argNum, format, i, args.length);

      if (i >= end) {
        this.write('%!(NOVERB)');
        break;
      }

      const verb = String.fromCodePoint(format.codePointAt(i)!);
      i += verb.length;

      if (verb === '%') {
        // Percent does not absorb operands and ignores width and precision.
        this.write('%');
      } else if (!this.goodArgNum) {
        this.write(PERCENT_BANG + verb + '(BADINDEX)');
      } else if (argNum >= args.length) {
        this.write(PERCENT_BANG + verb + '(MISSING)');
      } else {
        if (verb === 'v') this.setVFlags();
        this.printArg(args[argNum], verb);
        argNum++;
      }
    }

    // Extra arguments are reported unless the format reordered them.
    if (!this.reordered && argNum < args.length) {
      f.clearFlags();
      this.write('%!(EXTRA ');
      args.slice(argNum).forEach((arg, k) => {
        if (k > 0) this.write(', ');
        if (arg === undefined || arg === null) {
          this.write(NIL_ANGLE);
        } else {
          this.write(typeOf(arg) + '=');
          this.printArg(arg, 'v');
        }
      });
      this.write(')');
    }
  }

  /** %+v and %#v are their own formats: move plus/sharp to plusV/sharpV. */
  private setVFlags(): void {
    const fl = this.fmt.flags;
    fl.sharpV = fl.sharp;
    fl.sharp = false;
    fl.plusV = fl.plus;
    fl.plus = false;
  }

  /**
   * Go's argNumber: a bracketed one-based index at format[i], if any. Returns the argument to
   * use next, the index after the bracket and whether an index was present and well formed.
   */
  private argNumber(argNum: number, format: string, i: number, numArgs: number): [number, number, boolean] {
    if (format.length <= i || format[i] !== '[') return [argNum, i, false];
    this.reordered = true;
    const [index, wid, ok] = parseArgNumber(format.slice(i));
    if (ok && index >= 0 && index < numArgs) return [index, i + wid, true];
    this.goodArgNum = false;
    return [argNum, i + wid, ok];
  }
}

/** Go's parsenum: a decimal number at s[start:end], or (0, false) with end when none or too large. */
function parseNum(s: string, start: number, end: number): [number, boolean, number] {
  if (start >= end) return [0, false, end];
  let num = 0;
  let isNum = false;
  let i = start;
  for (; i < end && s[i] >= '0' && s[i] <= '9'; i++) {
    if (num > MAX_WIDTH || num < -MAX_WIDTH) return [0, false, end]; // overflow
    num = num * 10 + (s.charCodeAt(i) - 48);
    isNum = true;
  }
  return [num, isNum, i];
}

/** Go's parseArgNumber: "[n]" at the start of format → (n-1, bytes consumed, ok). */
function parseArgNumber(format: string): [number, number, boolean] {
  if (format.length < 3) return [0, 1, false];
  for (let i = 1; i < format.length; i++) {
    if (format[i] === ']') {
      const [width, ok, newi] = parseNum(format, 1, i);
      if (!ok || newi !== i) return [0, i + 1, false];
      return [width - 1, i + 1, true];
    }
  }
  return [0, 1, false];
}

/** Go's intFromArg: a `*` width or precision taken from an integer operand. */
function intFromArg(args: readonly GoValue[], argNum: number): [number, boolean, number] {
  if (argNum >= args.length) return [0, false, argNum];
  const a = args[argNum];
  let num = 0;
  let isInt = false;
  if (a instanceof GoInt && a.value <= BigInt(Number.MAX_SAFE_INTEGER) && a.value >= -BigInt(Number.MAX_SAFE_INTEGER)) {
    num = Number(a.value);
    isInt = true;
  }
  if (num > MAX_WIDTH || num < -MAX_WIDTH) {
    num = 0;
    isInt = false;
  }
  return [num, isInt, argNum + 1];
}
