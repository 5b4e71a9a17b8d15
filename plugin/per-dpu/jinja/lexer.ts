/**
 * Tokenizer mirroring jinja2/lexer.py with the default Environment settings: delimiters `{{ }}`,
 * `{% %}`, `{# #}`; trim_blocks, lstrip_blocks and keep_trailing_newline off; newline `\n`.
 * Behaviours kept: every `\r\n`/`\r` becomes `\n` and one final newline is dropped before
 * lexing; `{%-`/`{{-`/`{#-` strip the whitespace before the tag, `-%}`/`-}}`/`-#}` after it;
 * `{% raw %}` blocks; tag ends are ignored while brackets are open; Python string escapes.
 */
import { syntaxError } from './errors.js';
import { pyReprStr } from './pyrepr.js';

export type TokenType =
  | 'data'
  | 'variable_begin'
  | 'variable_end'
  | 'block_begin'
  | 'block_end'
  | 'name'
  | 'string'
  | 'integer'
  | 'float'
  | 'eof'
  | OperatorType;

export type OperatorType =
  | 'add' | 'sub' | 'div' | 'floordiv' | 'mul' | 'mod' | 'pow' | 'tilde' | 'lbracket' | 'rbracket'
  | 'lparen' | 'rparen' | 'lbrace' | 'rbrace' | 'eq' | 'ne' | 'gt' | 'gteq' | 'lt' | 'lteq'
  | 'assign' | 'dot' | 'colon' | 'pipe' | 'comma' | 'semicolon';

export interface Token {
  type: TokenType;
  /** Text for data/name/string/operators, bigint for integer, number for float. */
  value: string | bigint | number;
  line: number;
}

/** Jinja2's operators, longest first so `**` wins over `*`. */
export const OPERATORS: readonly [string, OperatorType][] = [
  ['//', 'floordiv'], ['**', 'pow'], ['==', 'eq'], ['!=', 'ne'], ['>=', 'gteq'], ['<=', 'lteq'],
  ['+', 'add'], ['-', 'sub'], ['/', 'div'], ['*', 'mul'], ['%', 'mod'], ['~', 'tilde'],
  ['[', 'lbracket'], [']', 'rbracket'], ['(', 'lparen'], [')', 'rparen'], ['{', 'lbrace'],
  ['}', 'rbrace'], ['>', 'gt'], ['<', 'lt'], ['=', 'assign'], ['.', 'dot'], [':', 'colon'],
  ['|', 'pipe'], [',', 'comma'], [';', 'semicolon'],
];

/** Python's `\s` / str.isspace() set (JS `\s` lacks \x1c-\x1f and \x85, and adds \ufeff). */
const WS = '[\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const WS_RUN = new RegExp(`${WS}+`, 'y');
const TRAILING_WS = new RegExp(`${WS}+$`);
const TAG_START = /\{[%{#]/g;
const RAW_BEGIN = new RegExp(`\\{%(-|\\+|)${WS}*raw${WS}*(?:-%\\}${WS}*|%\\})`, 'y');
const RAW_END = new RegExp(`\\{%(-|\\+|)${WS}*endraw${WS}*(?:\\+%\\}|-%\\}${WS}*|%\\})`, 'g');
const COMMENT_END = new RegExp(`\\+#\\}|-#\\}${WS}*|#\\}`, 'g');
const BLOCK_END = new RegExp(`\\+%\\}|-%\\}${WS}*|%\\}`, 'y');
const VARIABLE_END = new RegExp(`-\\}\\}${WS}*|\\}\\}`, 'y');
const FLOAT = /(?<!\.)(?:\d+_)*\d+(?:(?:\.(?:\d+_)*\d+)?[eE][+-]?(?:\d+_)*\d+|\.(?:\d+_)*\d+)/y;
const INTEGER = /(?:0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[\da-fA-F])+|[1-9](?:_?\d)*|0(?:_?0)*)/y;
const NAME = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
const STRING = /'([^'\\]*(?:\\.[^'\\]*)*)'|"([^"\\]*(?:\\.[^"\\]*)*)"/sy;

/** Python `str.rstrip()` (whitespace per str.isspace). */
export function pyRstripWs(s: string): string {
  return s.replace(TRAILING_WS, '');
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Jinja2's source preparation: newlines normalized, one trailing newline dropped. */
export function prepareSource(source: string): string {
  const lines = source.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

/** Tokenizes a template (after prepareSource). Throws JinjaError('syntax') on lexical errors. */
export function tokenize(raw: string): Token[] {
  const src = prepareSource(raw);
  const out: Token[] = [];
  let pos = 0;
  let line = 1;
  const push = (type: TokenType, value: string | bigint | number) => out.push({ type, value, line });

  while (pos < src.length) {
    TAG_START.lastIndex = pos;
    const m = TAG_START.exec(src);
    if (!m) {
      push('data', src.slice(pos));
      line += countNewlines(src.slice(pos));
      break;
    }
    const start = m.index;
    const kind = src[start + 1];
    let text = src.slice(pos, start);
    // {% raw %} is tried before the other tags at the same position, as Jinja2's root rule does.
    if (kind === '%') {
      RAW_BEGIN.lastIndex = start;
      const r = RAW_BEGIN.exec(src);
      if (r) {
        if (r[1] === '-') text = pyRstripWs(text);
        if (text) push('data', text);
        line += countNewlines(src.slice(pos, start)) + countNewlines(r[0]);
        pos = start + r[0].length;
        RAW_END.lastIndex = pos;
        const e = RAW_END.exec(src);
        if (!e) throw syntaxError('Missing end of raw directive', line);
        let body = src.slice(pos, e.index);
        const bodyLines = countNewlines(body);
        if (e[1] === '-') body = pyRstripWs(body);
        if (body) push('data', body);
        line += bodyLines + countNewlines(e[0]);
        pos = e.index + e[0].length;
        continue;
      }
    }
    const sign = src[start + 2] === '-' || src[start + 2] === '+' ? src[start + 2] : '';
    if (sign === '-') text = pyRstripWs(text);
    if (text) push('data', text);
    line += countNewlines(src.slice(pos, start));
    pos = start + 2 + sign.length;
    if (kind === '#') {
      COMMENT_END.lastIndex = pos;
      const e = COMMENT_END.exec(src);
      if (!e) throw syntaxError('Missing end of comment tag', line);
      line += countNewlines(src.slice(pos, e.index + e[0].length));
      pos = e.index + e[0].length;
      continue;
    }
    const isBlock = kind === '%';
    push(isBlock ? 'block_begin' : 'variable_begin', src.slice(start, pos));
    const r = lexTag(src, pos, line, isBlock, out);
    pos = r.pos;
    line = r.line;
  }
  // Jinja2's end-of-template token carries the line of the last token before it.
  out.push({ type: 'eof', value: '', line: out.length ? out[out.length - 1]!.line : 1 });
  return out;
}

function lexTag(src: string, pos: number, line: number, isBlock: boolean, out: Token[]): { pos: number; line: number } {
  const balancing: string[] = [];
  const endRe = isBlock ? BLOCK_END : VARIABLE_END;
  const tryAt = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = pos;
    return re.exec(src);
  };
  while (pos < src.length) {
    let m: RegExpExecArray | null;
    if (balancing.length === 0 && (m = tryAt(endRe))) {
      out.push({ type: isBlock ? 'block_end' : 'variable_end', value: m[0], line });
      line += countNewlines(m[0]);
      return { pos: pos + m[0].length, line };
    }
    if ((m = tryAt(WS_RUN))) {
      line += countNewlines(m[0]);
      pos += m[0].length;
      continue;
    }
    if ((m = tryAt(FLOAT))) {
      out.push({ type: 'float', value: Number(m[0].replace(/_/g, '')), line });
      pos += m[0].length;
      continue;
    }
    if ((m = tryAt(INTEGER))) {
      out.push({ type: 'integer', value: parseIntLiteral(m[0]), line });
      pos += m[0].length;
      continue;
    }
    if ((m = tryAt(NAME))) {
      out.push({ type: 'name', value: m[0], line });
      pos += m[0].length;
      continue;
    }
    if ((m = tryAt(STRING))) {
      const body = m[1] ?? m[2] ?? '';
      out.push({ type: 'string', value: decodePythonEscapes(body, line), line });
      line += countNewlines(m[0]);
      pos += m[0].length;
      continue;
    }
    const op = OPERATORS.find(([text]) => src.startsWith(text, pos));
    if (op) {
      const [text, type] = op;
      if (text === '{' || text === '(' || text === '[') balancing.push(text === '{' ? '}' : text === '(' ? ')' : ']');
      else if (text === '}' || text === ')' || text === ']') {
        const expected = balancing.pop();
        if (expected === undefined) throw syntaxError(`unexpected '${text}'`, line);
        if (expected !== text) throw syntaxError(`unexpected '${text}', expected '${expected}'`, line);
      }
      out.push({ type, value: text, line });
      pos += text.length;
      continue;
    }
    throw syntaxError(`unexpected char ${pyReprStr(src[pos]!)} at ${pos}`, line);
  }
  return { pos, line };
}

function parseIntLiteral(text: string): bigint {
  const t = text.replace(/_/g, '');
  if (/^0[oO]/.test(t)) return BigInt('0o' + t.slice(2));
  return BigInt(t); // 0x.., 0b.. and decimal are BigInt syntax too
}

/** Python's unicode-escape decoding of a string literal body. */
export function decodePythonEscapes(body: string, line: number): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[++i];
    if (n === undefined) throw syntaxError('\\ at end of string', line);
    const simple: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '' };
    if (n in simple) {
      out += simple[n];
    } else if (n >= '0' && n <= '7') {
      let j = i;
      while (j < i + 3 && j < body.length && body[j]! >= '0' && body[j]! <= '7') j++;
      out += String.fromCodePoint(parseInt(body.slice(i, j), 8));
      i = j - 1;
    } else if (n === 'x' || n === 'u' || n === 'U') {
      const len = n === 'x' ? 2 : n === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) {
        throw syntaxError(`truncated \\${n === 'x' ? 'xXX' : n === 'u' ? 'uXXXX' : 'UXXXXXXXX'} escape`, line);
      }
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) throw syntaxError('illegal Unicode character', line);
      out += String.fromCodePoint(cp);
      i += len;
    } else if (n === 'N') {
      throw syntaxError('malformed \\N character escape', line);
    } else {
      out += '\\' + n; // unknown escapes stay as written, as in Python
    }
  }
  return out;
}
