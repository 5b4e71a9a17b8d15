/**
 * helm v3.17.3's wording of render failures (pkg/engine/engine.go cleanupParseError,
 * cleanupExecError). helm builds these by cutting Go's error text at ": ", so the same cuts are
 * applied here to the Go text our template errors format from their fields; that keeps helm's
 * quirks (only the last ": "-separated part of a parse error survives; a `required`/`fail`
 * message anywhere in a nested error is reported at the outermost location).
 */
import { TemplateExecError, TemplateParseError } from '../template/index.js';
import { HELM_ERR_END, HELM_ERR_START } from './engine-funcs.js';

/** A chart template failed to parse or execute; `message` is helm's text (after `Error: `). */
export class RenderError extends Error {
  constructor(
    message: string,
    /** The chart template path, e.g. `mychart/templates/a.yaml`. */
    readonly template: string,
    readonly kind: 'parse' | 'exec',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RenderError';
  }
}

const WARN_PATTERN = new RegExp(`${HELM_ERR_START}([^]*)${HELM_ERR_END}`);

/** cleanupParseError: `parse error at (FILE:LINE): LAST_PART`. */
export function parseErrorText(filename: string, err: unknown): string {
  const text = err instanceof TemplateParseError ? err.goText() : errorMessage(err);
  const tokens = text.split(': ');
  if (tokens.length === 1) return `parse error in (${filename}): ${text}`;
  return `parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`;
}

/**
 * cleanupExecError: `execution error at (FILE:LINE:COL): MESSAGE` for `required`/`fail`,
 * otherwise Go's own text (`template: FILE:LINE:COL: executing "FILE" at <NODE>: ...`).
 */
export function execErrorText(filename: string, err: unknown): string {
  if (!(err instanceof TemplateExecError)) return errorMessage(err);
  const text = err.goText();
  const tokens = splitN(text, ': ', 3);
  if (tokens.length !== 3) return `execution error in (${filename}): ${text}`;
  const marked = WARN_PATTERN.exec(tokens[2] as string);
  if (marked !== null) return `execution error at (${tokens[1]}): ${marked[1]}`;
  return text;
}

/** strings.SplitN. */
function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
