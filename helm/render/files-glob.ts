/**
 * github.com/gobwas/glob v0.2.3 with `/` as the separator, the matcher behind helm's
 * `.Files.Glob`: `*` and `?` stop at `/`, `**` crosses it, `[a-z]` is one range, `[abc]` a
 * list, `[!...]` negates, `{a,b}` alternates, `\` escapes. A pattern that does not compile is
 * an error (helm then falls back to `**`). Quirks kept: `[a-z0-9]` does not compile, an
 * unclosed `{` is accepted, character classes also match `/`.
 */

/** A gobwas/glob compile error. */
export class GlobSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GlobSyntaxError';
  }
}

type Token =
  | { type: 'text'; raw: string }
  | { type: 'any' | 'super' | 'single' | 'termsOpen' | 'separator' | 'termsClose' | 'rangeOpen' | 'rangeClose' | 'not' }
  | { type: 'rangeLo' | 'rangeHi'; raw: string };

/** The lexer (syntax/lexer/lexer.go): a token list, or a syntax error. */
function lex(pattern: string): Token[] {
  const runes = Array.from(pattern);
  const tokens: Token[] = [];
  let pos = 0;
  let termsLevel = 0;
  const textBreakers = ['?', '*', '[', '{'];
  const termsBreakers = [...textBreakers, '}', ','];

  const fetchText = (breakers: string[]): void => {
    let data = '';
    let escaped = false;
    while (pos < runes.length) {
      const r = runes[pos] as string;
      pos++;
      if (!escaped) {
        if (r === '\\') {
          escaped = true;
          continue;
        }
        if (breakers.includes(r)) {
          pos--;
          break;
        }
      }
      escaped = false;
      data += r;
    }
    if (data.length > 0) tokens.push({ type: 'text', raw: data });
  };

  const fetchRange = (): void => {
    let wantHi = false;
    let wantClose = false;
    let seenNot = false;
    for (;;) {
      if (pos >= runes.length) throw new GlobSyntaxError('unexpected end of input');
      const r = runes[pos] as string;
      pos++;
      if (wantClose) {
        if (r !== ']') throw new GlobSyntaxError('expected close range character');
        tokens.push({ type: 'rangeClose' });
        return;
      }
      if (wantHi) {
        tokens.push({ type: 'rangeHi', raw: r });
        wantClose = true;
        continue;
      }
      if (!seenNot && r === '!') {
        tokens.push({ type: 'not' });
        seenNot = true;
        continue;
      }
      if (runes[pos] === '-') {
        pos++;
        tokens.push({ type: 'rangeLo', raw: r });
        wantHi = true;
        continue;
      }
      pos--;
      fetchText([']']);
      wantClose = true;
    }
  };

  while (pos < runes.length) {
    const r = runes[pos] as string;
    pos++;
    if (r === '{') {
      termsLevel++;
      tokens.push({ type: 'termsOpen' });
    } else if (r === ',' && termsLevel > 0) {
      tokens.push({ type: 'separator' });
    } else if (r === '}' && termsLevel > 0) {
      tokens.push({ type: 'termsClose' });
      termsLevel--;
    } else if (r === '[') {
      tokens.push({ type: 'rangeOpen' });
      fetchRange();
    } else if (r === '?') {
      tokens.push({ type: 'single' });
    } else if (r === '*') {
      if (runes[pos] === '*') {
        pos++;
        tokens.push({ type: 'super' });
      } else tokens.push({ type: 'any' });
    } else {
      pos--;
      fetchText(termsLevel > 0 ? termsBreakers : textBreakers);
    }
  }
  return tokens;
}

interface PatternNode {
  parts: (string | AnyOfNode)[];
  parent: AnyOfNode | undefined;
}
interface AnyOfNode {
  alternatives: PatternNode[];
  parent: PatternNode;
}

/** The parser (syntax/ast/parser.go) emitting regular-expression source per node. */
function toRegexSource(tokens: Token[]): string {
  const root: PatternNode = { parts: [], parent: undefined };
  let tree = root;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i++] as Token;
    switch (t.type) {
      case 'text':
        tree.parts.push(escapeRegex(t.raw));
        break;
      case 'any':
        tree.parts.push('[^/]*');
        break;
      case 'super':
        tree.parts.push('[^]*');
        break;
      case 'single':
        tree.parts.push('[^/]');
        break;
      case 'termsOpen': {
        const anyOf: AnyOfNode = { alternatives: [], parent: tree };
        tree.parts.push(anyOf);
        const p: PatternNode = { parts: [], parent: anyOf };
        anyOf.alternatives.push(p);
        tree = p;
        break;
      }
      case 'separator': {
        const anyOf = tree.parent as AnyOfNode;
        const p: PatternNode = { parts: [], parent: anyOf };
        anyOf.alternatives.push(p);
        tree = p;
        break;
      }
      case 'termsClose':
        tree = (tree.parent as AnyOfNode).parent;
        break;
      case 'rangeOpen':
        i = parseRange(tokens, i, tree);
        break;
      default:
        throw new GlobSyntaxError(`unexpected token: ${t.type}`);
    }
  }
  return emit(root);
}

function parseRange(tokens: Token[], start: number, tree: PatternNode): number {
  let not = false;
  let lo = '';
  let hi = '';
  let chars = '';
  for (let i = start; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type === 'not') not = true;
    else if (t.type === 'rangeLo') lo = t.raw;
    else if (t.type === 'rangeHi') {
      hi = t.raw;
      if ((hi.codePointAt(0) ?? 0) < (lo.codePointAt(0) ?? 0)) {
        throw new GlobSyntaxError(`hi character '${hi}' should be greater than lo '${lo}'`);
      }
    } else if (t.type === 'text') chars = t.raw;
    else if (t.type === 'rangeClose') {
      const isRange = lo !== '' && hi !== '';
      if ((chars !== '') === isRange) throw new GlobSyntaxError('could not parse range');
      const body = isRange ? `${escapeClass(lo)}-${escapeClass(hi)}` : Array.from(chars).map(escapeClass).join('');
      tree.parts.push(`[${not ? '^' : ''}${body}]`);
      return i + 1;
    }
  }
  throw new GlobSyntaxError('unexpected end');
}

function emit(p: PatternNode): string {
  return p.parts.map((part) => (typeof part === 'string' ? part : `(?:${part.alternatives.map(emit).join('|')})`)).join('');
}

function escapeRegex(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function escapeClass(ch: string): string {
  return /[\\\]^-]/.test(ch) ? '\\' + ch : ch;
}

/** glob.Compile(pattern, '/'): a matcher, or GlobSyntaxError. */
export function compileGlob(pattern: string): (name: string) => boolean {
  const re = new RegExp(`^(?:${toRegexSource(lex(pattern))})$`, 'u');
  return (name) => re.test(name);
}
