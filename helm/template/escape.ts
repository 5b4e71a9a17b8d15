/**
 * text/template's `html`, `js` and `urlquery` builtins (Go's funcs.go HTMLEscaper, JSEscaper,
 * URLQueryEscaper) and the string escapers behind them.
 */
import { sprint } from './gofmt.js';
import { goStringToBytes, normalizeGoString } from './gostring.js';
import { isPrint } from './strconv.js';
import { GoStruct, type GoFunc, type GoValue, type NO_FIELD } from './value.js';

const HTML_ESCAPES: Record<string, string> = {
  '\0': '\uFFFD',
  '"': '&#34;',
  "'": '&#39;',
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
};

/** Go template.HTMLEscapeString: `" ' & < >` as entities, NUL as U+FFFD. */
export function htmlEscapeString(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => HTML_ESCAPES[c]);
}

const JS_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '<': '\\u003C',
  '>': '\\u003E',
  '&': '\\u0026',
  '=': '\\u003D',
};

/**
 * Go template.JSEscapeString (Go 1.23, as in helm v3.17.3): `\ ' "` backslashed, `< > & =` and
 * ASCII control characters as \u00XX, non-printable non-ASCII runes as \uXXXX; backquotes
 * are left alone (only html/template escapes them).
 */
export function jsEscapeString(s: string): string {
  let out = '';
  for (const ch of normalizeGoString(s)) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      const esc = JS_ESCAPES[ch];
      if (esc !== undefined) out += esc;
      else if (cp < 0x20) out += '\\u00' + cp.toString(16).toUpperCase().padStart(2, '0');
      else out += ch;
    } else if (isPrint(cp) || (cp >= 0xd800 && cp < 0xe000)) {
      // An invalid byte decodes as U+FFFD, which is printable, so Go writes the byte as it is.
      out += ch;
    } else {
      out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
    }
  }
  return out;
}

/** Go url.QueryEscape: bytes other than `A-Z a-z 0-9 - _ . ~` as %XX, space as `+`. */
export function urlQueryEscape(s: string): string {
  if (/^[A-Za-z0-9\-_.~]*$/.test(s)) return s;
  let out = '';
  for (const b of goStringToBytes(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (b === 0x20) out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** The struct a non-nil struct pointer points to: same fields, `%T` without the `*`. */
class PointedToStruct extends GoStruct {
  readonly goType: string;
  constructor(private readonly pointer: GoStruct) {
    super();
    this.goType = pointer.goType.slice(1);
  }
  fieldNames(): readonly string[] {
    return this.pointer.fieldNames();
  }
  field(name: string): GoValue | typeof NO_FIELD {
    return this.pointer.field(name);
  }
  override method(name: string): GoFunc | undefined {
    return this.pointer.method(name);
  }
}

/**
 * Go text/template's printableValue (exec.go), the value fmt is given when a template prints
 * a value: an invalid or nil value becomes "<no value>", and a pointer to a struct is printed
 * as the struct it points to (`{a b}`, not `&{a b}`) unless it has a String method.
 */
export function printableValue(v: GoValue): GoValue {
  if (v === undefined || v === null) return '<no value>';
  if (v instanceof GoStruct && v.goType.startsWith('*') && !v.isNilPointer() && v.goString() === undefined) {
    return new PointedToStruct(v);
  }
  return v;
}

/**
 * Go text/template's evalArgs: a single string argument as is, anything else through
 * printableValue and fmt.Sprint (so `html 1 2` sees "1 2", `html "a" "b"` sees "ab" and
 * `html nil` sees "<no value>").
 */
export function evalArgs(args: readonly GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map(printableValue));
}

/** The `html` builtin (template.HTMLEscaper). */
export function htmlEscaper(args: readonly GoValue[]): string {
  return htmlEscapeString(evalArgs(args));
}

/** The `js` builtin (template.JSEscaper). */
export function jsEscaper(args: readonly GoValue[]): string {
  return jsEscapeString(evalArgs(args));
}

/** The `urlquery` builtin (template.URLQueryEscaper). */
export function urlQueryEscaper(args: readonly GoValue[]): string {
  return urlQueryEscape(evalArgs(args));
}
