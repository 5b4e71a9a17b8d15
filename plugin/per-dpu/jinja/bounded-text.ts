/**
 * A string built from many pieces whose total is not known in advance (repr of a list, `join`,
 * `tojson`, `urlencode`, `xmlattr`). Each piece is counted as it is added, so the build stops
 * as soon as it passes the render's string limit instead of after gigabytes: a 100,000-item list
 * that holds the same 1 MiB string 100,000 times is refused after about 1 MiB of work.
 */
import { budget } from './budget.js';
import { limitError } from './errors.js';

export class BoundedText {
  private readonly parts: string[] = [];
  length = 0;
  private readonly max: number;

  constructor() {
    this.max = budget().limits.maxStringLength;
  }

  /** Throws the limit error when `extra` more characters would not fit. */
  reserve(extra: number): void {
    if (this.length + extra > this.max) throw overLimit(this.max);
  }

  push(s: string): void {
    this.length += s.length;
    if (this.length > this.max) throw overLimit(this.max);
    this.parts.push(s);
  }

  text(): string {
    budget().step(1 + (this.length >> 4));
    return this.parts.join('');
  }
}

function overLimit(max: number) {
  return limitError(`string of more than ${max} characters exceeds the limit of ${max}`);
}
