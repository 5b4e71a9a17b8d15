/**
 * The running render's budget (limits.ts). One render runs synchronously on one thread, so the
 * active budget is module state set by `runWithBudget`; operations that build strings or
 * collections charge it, so CPU time and memory stay bounded whatever the template does.
 * Outside a render (values printed by `preview`, tests) sizes are still checked, but steps and
 * the clock are not metered: a long-lived process must not accumulate a render's step count.
 */
import { limitError } from './errors.js';
import { DEFAULT_JINJA_LIMITS, type JinjaLimits } from './limits.js';

export class Budget {
  steps = 0;
  outputChars = 0;
  callDepth = 0;
  private nextClockCheck = 1024;
  private readonly started = Date.now();

  constructor(
    readonly limits: JinjaLimits,
    private readonly metered = true,
  ) {}

  /** Charges `n` steps; checks the clock every 1024 steps. */
  step(n = 1): void {
    if (!this.metered) return;
    this.steps += n;
    if (this.steps > this.limits.maxSteps) throw limitError(`template exceeded ${this.limits.maxSteps} evaluation steps`);
    if (this.steps >= this.nextClockCheck) {
      this.nextClockCheck = this.steps + 1024;
      if (Date.now() - this.started > this.limits.maxMillis) throw limitError(`template rendering exceeded ${this.limits.maxMillis} ms`);
    }
  }

  /** Checks a string about to be built and charges for its size. */
  stringOf(length: number): void {
    if (length > this.limits.maxStringLength) throw limitError(`string of ${length} characters exceeds the limit of ${this.limits.maxStringLength}`);
    this.step(1 + (length >> 4));
  }

  /** Checks a collection about to be built and charges for its size. */
  collectionOf(length: number): void {
    if (length > this.limits.maxCollectionLength) throw limitError(`collection of ${length} items exceeds the limit of ${this.limits.maxCollectionLength}`);
    this.step(1 + (length >> 4));
  }
}

let active: Budget = new Budget(DEFAULT_JINJA_LIMITS, false);

/** The budget of the render in progress (a default one outside renders). */
export function budget(): Budget {
  return active;
}

/** Runs `fn` with `b` as the active budget. */
export function runWithBudget<T>(b: Budget, fn: () => T): T {
  const prev = active;
  active = b;
  try {
    return fn();
  } finally {
    active = prev;
  }
}

/** Returns `s` after charging the active budget for it. */
export function charged(s: string): string {
  active.stringOf(s.length);
  return s;
}
