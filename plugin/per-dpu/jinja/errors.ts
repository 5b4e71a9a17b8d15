/**
 * Errors of the Jinja2 engine, as values with fields (ARCHITECTURE.md §8.2). `pythonType` is the
 * exception class Python Jinja2 raises for the same template (TemplateSyntaxError, UndefinedError,
 * TypeError, ...), `detail` its `str(exc)` text, `lineno` the template line Jinja2 reports.
 */
export type JinjaErrorKind =
  | 'syntax' // TemplateSyntaxError: the template does not parse
  | 'assertion' // TemplateAssertionError: unknown filter or test, found at compile time
  | 'undefined' // UndefinedError under StrictUndefined
  | 'type' // TypeError, ValueError, ... raised by an operation or filter
  | 'zero-division'
  | 'runtime' // TemplateRuntimeError and other failures inside the engine
  | 'security' // blocked by the sandbox (a Python internal such as __class__)
  | 'limit'; // a bound on time, steps, output, size or depth was reached

export class JinjaError extends Error {
  override readonly name = 'JinjaError';
  readonly kind: JinjaErrorKind;
  readonly pythonType: string;
  readonly detail: string;
  /** 1-based template line, when known. */
  lineno: number | undefined;
  /** For an UndefinedError: the missing variable, attribute or item name. */
  variable?: string;

  constructor(kind: JinjaErrorKind, pythonType: string, detail: string, lineno?: number, options?: { cause?: unknown }) {
    super(detail, options);
    this.kind = kind;
    this.pythonType = pythonType;
    this.detail = detail;
    this.lineno = lineno;
  }

  /** `UndefinedError: 'x' is undefined (line 3)`. */
  override get message(): string {
    return `${this.pythonType}: ${this.detail}${this.lineno !== undefined ? ` (line ${this.lineno})` : ''}`;
  }
  override set message(_v: string) {
    // Error's constructor assigns message; the text is always built from the fields.
  }
}

/** TemplateSyntaxError at `lineno`. */
export function syntaxError(detail: string, lineno: number): JinjaError {
  return new JinjaError('syntax', 'TemplateSyntaxError', detail, lineno);
}

/** Python TypeError (wrong operand or argument types). */
export function typeError(detail: string): JinjaError {
  return new JinjaError('type', 'TypeError', detail);
}

/** Python ValueError. */
export function valueError(detail: string): JinjaError {
  return new JinjaError('type', 'ValueError', detail);
}

/** A sandbox bound was reached. */
export function limitError(detail: string): JinjaError {
  return new JinjaError('limit', 'LimitExceeded', detail);
}
