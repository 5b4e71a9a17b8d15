/**
 * Output sinks for CLI commands, injectable so tests run commands in-process.
 *
 * Text is a Go string (helm/template/gostring.ts): bytes that are not UTF-8, such as a binary
 * file a template printed, are held as escapes and must reach the stream as the raw bytes helm
 * writes, so the process streams write `goStringToBytes(text)`.
 */
import { goStringToBytes } from '../helm/template/gostring.js';
import { writeFd } from './fd-write.js';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** The real process streams, written as bytes (cli/fd-write.ts). */
export const processIO: CliIO = {
  stdout: (text) => writeFd(1, goStringToBytes(text)),
  stderr: (text) => writeFd(2, goStringToBytes(text)),
};

/** Collects output in memory (tests, and callers that post-process output). */
export function captureIO(): CliIO & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    out: () => out.join(''),
    err: () => err.join(''),
  };
}
