/**
 * Reads one file a user put in the repository (a DPUService file, an inventory, a lint input) or
 * says exactly why it cannot: too big, not a regular file, unreadable, not UTF-8, a symlink that
 * resolves outside the repository or nowhere. Callers that feed ArgoCD turn every refusal into
 * an error, so a file that could hold a DPF object is never skipped without a word.
 */
import { lstatSync, readFileSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { ConfinementError, confinedRealPath, type Confinement } from '../helm/chart/confine.js';

/**
 * The largest input file read (8 MiB). Kubernetes stores an object of at most 1.5 MiB (etcd's
 * request limit), so one DPF object is far below this; the headroom is for multi-object streams
 * such as CRD bundles. Parsing the worst case (8 MiB of one-line keys) takes ~13 s and ~550 MB
 * with the `yaml` package: inside the CMP sidecar's 1 GiB limit and its 50 s deadline.
 */
export const MAX_INPUT_FILE_BYTES = 8 * 1024 * 1024;

/** Why a file was not read. */
export type UnreadReason = 'too-big' | 'not-regular' | 'unreadable' | 'not-utf8' | 'outside' | 'dangling';

/** A file that was not read; `message` states the cause, `fix` what to do. */
export class InputFileError extends Error {
  constructor(
    /** The file as the caller names it. */
    readonly file: string,
    readonly reason: UnreadReason,
    /** The cause, without the file name. */
    readonly detail: string,
    readonly fix: string,
    cause?: unknown,
  ) {
    super(`${file}: ${detail}`, cause === undefined ? undefined : { cause });
    this.name = 'InputFileError';
  }
}

export interface ReadInputOptions {
  /** How the file is named in messages (default: the path). */
  display?: string;
  /** Refuse the file when it resolves outside this directory. */
  confine?: Confinement;
  /** Default MAX_INPUT_FILE_BYTES. */
  maxBytes?: number;
}

/** The file's text (UTF-8, a BOM kept as U+FEFF like readFileSync 'utf8'), or InputFileError. */
export function readInputText(path: string, options: ReadInputOptions = {}): string {
  const file = options.display ?? path;
  const max = options.maxBytes ?? MAX_INPUT_FILE_BYTES;
  const real = resolveInput(path, file, options.confine);
  let st;
  try {
    st = statSync(real);
  } catch (e) {
    throw unreadable(file, e);
  }
  if (!st.isFile()) {
    throw new InputFileError(file, 'not-regular', `is not a regular file (${fileType(st)}), so it cannot be read`, 'remove it, or rename it so it does not end in .yaml, .yml or .json');
  }
  if (st.size > max) throw tooBig(file, st.size, max);
  let data: Buffer;
  try {
    data = readFileSync(real);
  } catch (e) {
    throw unreadable(file, e);
  }
  // The file may have grown between stat and read.
  if (data.length > max) throw tooBig(file, data.length, max);
  if (!isUtf8(data)) {
    const at = firstInvalidUtf8(data);
    const line = lineAt(data, at);
    throw new InputFileError(
      file,
      'not-utf8',
      `is not valid UTF-8 (byte 0x${data[at]!.toString(16).padStart(2, '0')} at offset ${at}, line ${line}): Kubernetes manifests are UTF-8`,
      'save the file as UTF-8',
    );
  }
  return data.toString('utf8');
}

/** The path to read: its real path, checked against the confinement; dangling links refused. */
function resolveInput(path: string, file: string, confine: Confinement | undefined): string {
  if (confine) {
    try {
      return confinedRealPath(path, confine);
    } catch (e) {
      if (!(e instanceof ConfinementError)) throw e;
      const detail = e.detail;
      if (e.reason === 'dangling') throw new InputFileError(file, 'dangling', detail, 'fix or remove the symlink', e);
      throw new InputFileError(file, 'outside', detail, `copy the file into the ${confine.name} instead of linking to it, or remove the link`, e);
    }
  }
  try {
    statSync(path);
  } catch (e) {
    let link = false;
    try {
      link = lstatSync(path).isSymbolicLink();
    } catch {
      // missing altogether
    }
    if (link) throw new InputFileError(file, 'dangling', 'is a symlink that does not resolve (dangling, or a loop)', 'fix or remove the symlink', e);
  }
  return path;
}

function unreadable(file: string, e: unknown): InputFileError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'no such file or directory' : (code ?? String(e));
  return new InputFileError(file, 'unreadable', `cannot be read: ${why}`, 'make the file readable by the plugin (uid 999), or remove it', e);
}

function tooBig(file: string, size: number, max: number): InputFileError {
  return new InputFileError(
    file,
    'too-big',
    `is ${mib(size)}, over the ${mib(max)} limit for an input file (read as a whole and parsed in memory)`,
    'split it into smaller files, or move it out of the app directory if it holds no manifests',
  );
}

function mib(n: number): string {
  const v = n / (1024 * 1024);
  return `${Number.isInteger(v) ? v : v.toFixed(1)} MiB`;
}

function fileType(st: import('node:fs').Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a file';
}

/** Offset of the first byte that breaks UTF-8 (the buffer is known to be invalid). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n: number;
    let min: number;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const x = b[i + k];
      if (x === undefined || (x & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (x & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}

function lineAt(b: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < b.length; i++) if (b[i] === 10) line++;
  return line;
}
