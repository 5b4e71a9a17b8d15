/**
 * A bound on one render's work, shared by every template it executes (including `include`,
 * `tpl` and `template` calls). Go's text/template and helm have none: `helm template` may run
 * forever on a hostile chart. The renderer's library API (used by the CMP, lint and the webhook,
 * which render charts from git or remote repositories inside one shared process) passes a
 * budget; the `template` command, which must behave as helm does, passes none.
 */
import { TemplateLimitError } from './errors.js';

/** How many walked nodes pass between two clock reads (Date.now is not free). */
const CHECK_EVERY_STEPS = 1024;

export class ExecBudget {
  private steps = 0;

  constructor(
    /** Epoch milliseconds after which execution stops. */
    readonly deadline: number,
    /** Longest output (in UTF-16 code units) one template execution may produce. */
    readonly maxOutputChars: number,
    /** The timeout the deadline came from, for the message. */
    readonly timeoutMs: number,
  ) {}

  /** A budget of `timeoutMs` from now. */
  static startingNow(timeoutMs: number, maxOutputChars: number): ExecBudget {
    return new ExecBudget(Date.now() + timeoutMs, maxOutputChars, timeoutMs);
  }

  /** Called for every walked node with the current output length; throws TemplateLimitError. */
  tick(outputLength: number): void {
    if (++this.steps % CHECK_EVERY_STEPS !== 0) return;
    if (outputLength > this.maxOutputChars) {
      throw new TemplateLimitError(
        'RENDER_OUTPUT',
        this.maxOutputChars,
        `rendering produced more than ${this.maxOutputChars} characters of output`,
      );
    }
    if (Date.now() > this.deadline) {
      throw new TemplateLimitError('RENDER_TIMEOUT', this.timeoutMs, `rendering did not finish within ${this.timeoutMs} ms`);
    }
  }
}
