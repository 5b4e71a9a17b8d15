/** Positions and errors of the libyaml port, worded as go-yaml v2 reports them. */

/** A position in the input: character index, 0-based line and column (libyaml's yaml_mark_t). */
export interface Mark {
  index: number;
  line: number;
  column: number;
}

export type LibyamlErrorKind = 'reader' | 'scanner' | 'parser';

/**
 * A reader, scanner or parser error with libyaml's fields. `goMessage()` gives the text go-yaml v2
 * builds in parser.fail() (decode.go), without the `yaml: ` prefix.
 */
export class LibyamlError extends Error {
  constructor(
    readonly kind: LibyamlErrorKind,
    readonly problem: string,
    readonly problemMark: Mark | undefined,
    readonly context: string = '',
    readonly contextMark: Mark | undefined = undefined,
  ) {
    super(problem);
    this.name = 'LibyamlError';
  }

  /** The 1-based line go-yaml prints, or 0 when it prints none. */
  goLine(): number {
    // go-yaml tests the 0-based mark line against 0 and adds 1 only for scanner errors, so a
    // parser error on the second line reads "line 1", and errors on the first line have no line.
    if (this.problemMark && this.problemMark.line !== 0) {
      return this.problemMark.line + (this.kind === 'scanner' ? 1 : 0);
    }
    if (this.contextMark && this.contextMark.line !== 0) return this.contextMark.line;
    return 0;
  }

  /** `line N: problem` or just `problem`, as go-yaml's parser.fail formats it. */
  goMessage(): string {
    const line = this.goLine();
    return (line !== 0 ? `line ${line}: ` : '') + (this.problem || 'unknown problem parsing YAML content');
  }
}
