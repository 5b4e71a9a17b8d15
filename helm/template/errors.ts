/**
 * Template errors as values with fields (mirrors Go text/template's parse errors and ExecError).
 * The Go wording is *formatted* from the fields (`goText()`), never parsed back out of text:
 * helm's layers and our CLI decide how to present them.
 */
import { quote } from './strconv.js';

/** A lexing or parsing error: Go prints `template: NAME:LINE: DETAIL`. */
export class TemplateParseError extends Error {
  constructor(
    /** The template (file) name being parsed: Go's Tree.ParseName. */
    readonly template: string,
    /** 1-based line of the offending token. */
    readonly line: number,
    /** The message after the location, e.g. `function "env" not defined`. */
    readonly detail: string,
  ) {
    super(`template: ${template}:${line}: ${detail}`);
    this.name = 'TemplateParseError';
  }

  /** Go's exact error text. */
  goText(): string {
    return `template: ${this.template}:${this.line}: ${this.detail}`;
  }
}

/** Where an execution error happened, computed from a node's byte offset (Go's ErrorContext). */
export interface ExecLocation {
  /** Tree.ParseName: the file the node was parsed from. */
  template: string;
  line: number;
  /** Byte column as Go reports it. */
  col: number;
  /** The node printed back as source (Go 1.23, which built helm v3.17.3, prints it whole). */
  nodeText: string;
}

/**
 * An execution error. Go prints
 * `template: FILE:LINE:COL: executing "NAME" at <NODE>: DETAIL`, or `template: NAME: DETAIL`
 * when no node is known.
 */
export class TemplateExecError extends Error {
  constructor(
    /** The name of the template being executed (Go's s.tmpl.Name()). */
    readonly executing: string,
    readonly location: ExecLocation | undefined,
    /** The message after the location, e.g. `error calling index: index out of range: 3`. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(formatExec(executing, location, detail), options);
    this.name = 'TemplateExecError';
  }

  goText(): string {
    return formatExec(this.executing, this.location, this.detail);
  }
}

function formatExec(executing: string, loc: ExecLocation | undefined, detail: string): string {
  if (!loc) return `template: ${executing}: ${detail}`;
  return `template: ${loc.template}:${loc.line}:${loc.col}: executing ${quote(executing)} at <${loc.nodeText}>: ${detail}`;
}


/** A named limit was exceeded (exec depth, include depth, template size...). */
export class TemplateLimitError extends Error {
  constructor(
    readonly limit: string,
    readonly max: number,
    message: string,
  ) {
    super(message);
    this.name = 'TemplateLimitError';
  }
}
