/**
 * The emitter's output: a growable byte buffer. A JavaScript array of numbers would cost 8 bytes
 * of heap per output byte and abort V8 (a fatal error, not an exception) past 2^27 entries; a
 * template's toYaml of a large value reaches that. Writing is also where a long encoding
 * checks the render's deadline (template/budget.ts), every 64 KiB.
 */
import { pollWork } from '../template/budget.js';

const POLL_EVERY = 0x10000;

export class OutputBytes {
  private buf = new Uint8Array(1024);
  private size = 0;

  push(b: number): void {
    if (this.size === this.buf.length) this.grow();
    this.buf[this.size++] = b;
    if ((this.size & (POLL_EVERY - 1)) === 0) pollWork(POLL_EVERY);
  }

  /** The bytes written so far (a view, valid until the next push). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.size);
  }

  private grow(): void {
    const next = new Uint8Array(this.buf.length * 2);
    next.set(this.buf);
    this.buf = next;
  }
}
