/**
 * The parser's view of the item stream (mirrors the lookahead and error helpers of Go's
 * parse.Tree): three items of lookahead over the shared lexer, and Go's error reporting, whose
 * line is that of the item most recently read from the lexer.
 */
import { TemplateParseError } from './errors.js';
import type { Lexer } from './lex.js';
import { type Item, type ItemKind, itemString } from './token.js';

const NO_ITEM: Item = { kind: 'error', pos: 0, text: '', line: 0 };

/** Lookahead and error reporting for one tree's parse; each define/block has its own. */
export class ItemReader {
  /** Three-item lookahead; token[0] is always the item most recently read from the lexer. */
  private readonly token: Item[] = [NO_ITEM, NO_ITEM, NO_ITEM];
  private peekCount = 0;
  /** Line of the left delimiter starting the current action (0 outside actions). */
  protected actionLine = 0;

  constructor(
    /** Go's Tree.ParseName: the top-level template's name, used in every error. */
    protected readonly parseName: string,
    private readonly lexer: Lexer,
  ) {}

  protected next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lexer.nextItem();
    return this.token[this.peekCount];
  }

  protected backup(): void {
    this.peekCount++;
  }

  /** Backs up two items; the zeroth is already there. */
  protected backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }

  /** Backs up three items (pushed in reverse order); the zeroth is already there. */
  protected backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }

  protected peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1];
    this.peekCount = 1;
    this.token[0] = this.lexer.nextItem();
    return this.token[0];
  }

  protected nextNonSpace(): Item {
    let token: Item;
    do token = this.next();
    while (token.kind === 'space');
    return token;
  }

  /** The next non-space item, not consumed (the spaces before it are). */
  protected peekNonSpace(): Item {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  /** Go's Tree.errorf: `template: PARSENAME:LINE: DETAIL`. */
  protected errorf(detail: string): never {
    throw new TemplateParseError(this.parseName, this.token[0].line, detail);
  }

  protected expect(expected: ItemKind, context: string): Item {
    const token = this.nextNonSpace();
    if (token.kind !== expected) this.unexpected(token, context);
    return token;
  }

  protected expectOneOf(expected1: ItemKind, expected2: ItemKind, context: string): Item {
    const token = this.nextNonSpace();
    if (token.kind !== expected1 && token.kind !== expected2) this.unexpected(token, context);
    return token;
  }

  /** Complains about the item; a lexer error names the line its action started on. */
  protected unexpected(token: Item, context: string): never {
    if (token.kind === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (token.text.endsWith(' action')) extra = extra.slice(' in action'.length); // not "action in action"
      }
      this.errorf(`${itemString(token)}${extra}`);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }
}
