/**
 * Keeps the HTTPS server's certificate current: reads the cert and key files every
 * `intervalMs` and, when their bytes change (cert-manager renewing the Secret, kubelet swapping
 * the mounted files), installs them with `server.setSecureContext`. Polling by content, not
 * fs.watch, because Secret volumes update by symlink swaps that watchers miss. A bad pair is
 * logged and the old certificate stays in use.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:https';
import { createSecureContext } from 'node:tls';
import type { Logger } from './logger.js';

/** The cert and key as read from disk. */
export interface KeyPair {
  cert: Buffer;
  key: Buffer;
}

/** A certificate or key that cannot be used: says which file and flag, never a raw errno. */
export class KeyPairError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KeyPairError';
  }
}

/** Reads the pair and checks that TLS accepts it (throws KeyPairError otherwise). */
export function readKeyPair(certFile: string, keyFile: string): KeyPair {
  const pair = { cert: readPem(certFile, 'TLS certificate', '--cert'), key: readPem(keyFile, 'TLS private key', '--key') };
  try {
    createSecureContext(pair);
  } catch (err) {
    throw new KeyPairError(`TLS certificate ${certFile} and key ${keyFile} are not a usable pair: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  return pair;
}

const ERRNO_WORDS: Readonly<Record<string, string>> = { ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'is a directory', ENOTDIR: 'a parent is not a directory', ELOOP: 'too many symbolic links' };

function readPem(file: string, what: string, flag: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = (code && ERRNO_WORDS[code]) ?? (err instanceof Error ? err.message : String(err));
    throw new KeyPairError(`${what} ${file} cannot be read: ${why} (${flag})`, { cause: err });
  }
}

function digest(pair: KeyPair): string {
  return createHash('sha256').update(pair.cert).update('\0').update(pair.key).digest('hex');
}

/** Polls the files and swaps the server's certificate when they change. */
export class CertReloader {
  private current: string;
  private timer: NodeJS.Timeout | undefined;
  /** Number of successful reloads (tests, logs). */
  reloads = 0;

  constructor(
    private readonly server: Server,
    private readonly certFile: string,
    private readonly keyFile: string,
    initial: KeyPair,
    private readonly logger: Logger,
  ) {
    this.current = digest(initial);
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => this.check(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One poll: reload when the files differ from what is installed. */
  check(): void {
    let pair: KeyPair;
    try {
      pair = readKeyPair(this.certFile, this.keyFile);
    } catch (err) {
      // Mid-rotation the cert and key can briefly mismatch; keep serving the old pair.
      this.logger.warn({ err: err instanceof Error ? err.message : String(err), certFile: this.certFile }, 'certificate reload skipped');
      return;
    }
    const next = digest(pair);
    if (next === this.current) return;
    this.server.setSecureContext(pair);
    this.current = next;
    this.reloads += 1;
    this.logger.info({ certFile: this.certFile, reloads: this.reloads }, 'certificate reloaded');
  }
}
