/**
 * Lexical items of Go text/template (mirrors src/text/template/parse/lex.go: item, itemType and
 * item.String, which parse errors print).
 */
import { goByteLength } from './gostring.js';
import { isPrint, quote } from './strconv.js';

/** The kinds of item the lexer emits (Go's itemType, without the `item` prefix). */
export type ItemKind =
  | 'error' // error occurred; text is the message
  | 'bool' // boolean constant
  | 'char' // printable ASCII character; grab bag for comma etc.
  | 'charConstant' // character constant 'x'
  | 'comment' // comment text, emitted only when parsing comments
  | 'complex' // complex constant (1+2i); an imaginary alone is a number
  | 'assign' // '=' introducing an assignment
  | 'declare' // ':=' introducing a declaration
  | 'eof'
  | 'field' // alphanumeric identifier starting with '.'
  | 'identifier' // alphanumeric identifier not starting with '.'
  | 'leftDelim'
  | 'leftParen' // '(' inside an action
  | 'number' // simple number, including imaginary
  | 'pipe' // '|'
  | 'rawString' // raw quoted string (includes quotes)
  | 'rightDelim'
  | 'rightParen' // ')' inside an action
  | 'space' // run of spaces separating arguments
  | 'string' // quoted string (includes quotes)
  | 'text' // plain text outside actions
  | 'variable' // '$', '$x', '$1'
  | KeywordKind;

/** Keyword kinds: Go orders them after itemKeyword, and item.String prints them as `<word>`. */
export type KeywordKind =
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

/** Words the lexer turns into keyword items (Go's `key` map). */
export const KEYWORDS: ReadonlyMap<string, KeywordKind> = new Map<string, KeywordKind>([
  ['.', 'dot'],
  ['block', 'block'],
  ['break', 'break'],
  ['continue', 'continue'],
  ['define', 'define'],
  ['else', 'else'],
  ['end', 'end'],
  ['if', 'if'],
  ['range', 'range'],
  ['nil', 'nil'],
  ['template', 'template'],
  ['with', 'with'],
]);

const KEYWORD_KINDS: ReadonlySet<ItemKind> = new Set<ItemKind>(KEYWORDS.values());

/** Whether kind is a keyword (Go: `typ > itemKeyword`). */
export function isKeyword(kind: ItemKind): kind is KeywordKind {
  return KEYWORD_KINDS.has(kind);
}

/**
 * One lexed item. `pos` is the UTF-16 index of its first character in the source (Go counts
 * bytes; only error columns are reported, and those are converted), `line` the 1-based line it
 * starts on, `text` the source text (or the message, for errors).
 */
export interface Item {
  kind: ItemKind;
  pos: number;
  text: string;
  line: number;
}

/**
 * Go's item.String(), as parse errors print items: `EOF`, the message of an error, `<end>` for
 * keywords, `"text"` quoted, or the first 10 runes quoted plus `...` when the text is longer
 * than 10 bytes.
 */
export function itemString(item: Item): string {
  if (item.kind === 'eof') return 'EOF';
  if (item.kind === 'error') return item.text;
  if (isKeyword(item.kind)) return `<${item.text}>`;
  if (goByteLength(item.text) > 10) return quote(firstRunes(item.text, 10)) + '...';
  return quote(item.text);
}

/** Go's `%#U` of a rune: `U+0041 'A'`, or `U+0001` when the rune is not printable. */
export function formatRuneU(r: number): string {
  const hex = 'U+' + r.toString(16).toUpperCase().padStart(4, '0');
  return isPrint(r) ? `${hex} '${String.fromCodePoint(r)}'` : hex;
}

/** The first n runes of s (Go's `%.10q` precision counts runes; an invalid byte is one). */
function firstRunes(s: string, n: number): string {
  let out = '';
  let count = 0;
  for (const ch of s) {
    if (count === n) break;
    out += ch;
    count++;
  }
  return out;
}
