/**
 * Bounds on one render. Templates come from git, so a render must end quickly and small whatever
 * the template does (issue 7: "a 90-byte nested loop must not hang the CMP or the webhook").
 * Python Jinja2 has none of these; its SandboxedEnvironment has MAX_RANGE = 100000, kept here.
 */
export interface JinjaLimits {
  /** Evaluation steps: one per node, per loop iteration, and per 16 characters or items built. */
  maxSteps: number;
  /** Characters of rendered output (a ConfigMap holds at most 1 MiB). */
  maxOutputChars: number;
  /** Length of any string built while rendering. */
  maxStringLength: number;
  /** Items in any list, tuple or dict built, and in a range() (Jinja2's sandbox MAX_RANGE). */
  maxCollectionLength: number;
  /** Nested macro calls and recursive loops. */
  maxCallDepth: number;
  /** Nesting of expressions and blocks in the parser. */
  maxParseDepth: number;
  /**
   * Bits of an integer built by arithmetic or read by int(). The default holds every int Python
   * 3.11 reads from text under its 4,300-digit limit (base 36: 22,232 bits), so `int` and
   * printing reach Python's own ValueError and OverflowError before this bound.
   */
  maxIntBits: number;
  /** Characters of template source. */
  maxTemplateLength: number;
  /** Wall-clock milliseconds of one render (checked every 1024 steps). */
  maxMillis: number;
}

export const DEFAULT_JINJA_LIMITS: Readonly<JinjaLimits> = Object.freeze({
  maxSteps: 5_000_000,
  maxOutputChars: 1_048_576,
  maxStringLength: 1_048_576,
  maxCollectionLength: 100_000,
  maxCallDepth: 100,
  maxParseDepth: 200,
  maxIntBits: 32_768,
  maxTemplateLength: 1_048_576,
  maxMillis: 2_000,
});
