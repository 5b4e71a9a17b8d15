/**
 * Chart archive (.tgz) → in-memory files, mirroring helm v3.17.3 pkg/chart/loader/archive.go
 * (LoadArchiveFiles, ensureArchive): the first path segment (the chart directory) is dropped,
 * absolute paths, `..` escapes and drive letters are refused, sizes are capped per file and in
 * total, and a UTF-8 BOM is dropped. Parsing is synchronous (node-tar with minizlib), so
 * subchart archives can be opened from the pure files → chart step, and one budget can be
 * shared by an archive and the subchart archives opened while it loads
 * (withDecompressedTotalLimit).
 */
import { createRequire } from 'node:module';
import type { Parser as TarParser, ReadEntry } from 'tar';
import { ChartLoadError } from './errors.js';
import { stripBom } from './load-dir.js';
import { MAX_ARCHIVE_ENTRIES, MAX_DECOMPRESSED_CHART_SIZE, MAX_DECOMPRESSED_FILE_SIZE, MAX_DECOMPRESSED_TOTAL_SIZE } from './limits.js';
import type { ChartFile } from './types.js';
import { clean } from '../funcs/paths.js';

/**
 * tar's Parser, loaded on the first archive: its import costs ~45 ms of every fresh process,
 * and a chart directory needs none. require() because loading is synchronous (tar ships CJS).
 */
let tarParser: typeof TarParser | undefined;
function loadTarParser(): typeof TarParser {
  return (tarParser ??= (createRequire(import.meta.url)('tar') as { Parser: typeof TarParser }).Parser);
}

/** An archive helm would refuse to open, with helm's message; `size` when a size limit tripped. */
export class ArchiveError extends Error {
  constructor(
    message: string,
    readonly kind: 'format' | 'size' = 'format',
  ) {
    super(message);
    this.name = 'ArchiveError';
  }
}

/** A chart whose archive and nested subchart archives together decompress past the total limit. */
export class DecompressedTotalError extends ArchiveError {
  constructor(readonly limit: number) {
    super(`chart and its subchart archives decompress to more than ${limit} bytes in total`, 'size');
    this.name = 'DecompressedTotalError';
  }
}

/** The budget shared by the archives opened inside withDecompressedTotalLimit. */
let totalBudget: { remaining: number; limit: number } | undefined;

/**
 * Runs a synchronous chart load with one decompressed-size budget for the archive and every
 * subchart archive opened during it (a nested call keeps the outer, smaller budget). Loading
 * is synchronous, so no other load can run in between and see the budget.
 */
export function withDecompressedTotalLimit<T>(load: () => T, limit: number = MAX_DECOMPRESSED_TOTAL_SIZE): T {
  const outer = totalBudget;
  if (outer === undefined || limit < outer.remaining) totalBudget = { remaining: limit, limit };
  try {
    return load();
  } finally {
    if (outer !== undefined && totalBudget !== outer) outer.remaining -= totalBudget!.limit - totalBudget!.remaining;
    totalBudget = outer;
  }
}

/** Takes `bytes` from the shared budget; the error when it is exhausted. */
function spendTotal(bytes: number): DecompressedTotalError | undefined {
  if (totalBudget === undefined) return undefined;
  totalBudget.remaining -= bytes;
  return totalBudget.remaining < 0 ? new DecompressedTotalError(totalBudget.limit) : undefined;
}

/** gzip.ErrHeader's text. */
export const GZIP_HEADER_ERROR = 'gzip: invalid header';

/** Whether bytes start with the gzip signature helm checks (`\x1F\x8B\x08`). */
export function isGzip(data: Uint8Array): boolean {
  return data.length >= 3 && data[0] === 0x1f && data[1] === 0x8b && data[2] === 0x08;
}

/**
 * ensureArchive + LoadFile's error translation for a chart path that is a file: returns an
 * error when the bytes are not a gzip archive, worded as helm words it.
 */
export function checkArchive(name: string, data: Uint8Array): ChartLoadError | undefined {
  if (isGzip(data)) return undefined;
  if (name.endsWith('.yml') || name.endsWith('.yaml')) {
    return new ChartLoadError(`file '${name}' seems to be a YAML file, but expected a gzipped archive`, name);
  }
  return new ChartLoadError(`file '${name}' does not appear to be a gzipped archive; got '${detectContentType(data)}'`, name);
}

/**
 * A small part of Go's http.DetectContentType: the answers ensureArchive can print for a file
 * that is not gzip. helm sniffs a 512-byte buffer that stays zero-padded after a short read, so
 * any file under 512 bytes that no signature claims is `application/octet-stream`.
 */
export function detectContentType(data: Uint8Array): string {
  const head = new Uint8Array(512);
  head.set(data.subarray(0, 512));
  const starts = (sig: number[]) => sig.every((b, i) => head[i] === b);
  if (starts([0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0x42, 0x5a, 0x68])) return 'application/x-bzip2';
  if (starts([0x3c, 0x3f, 0x78, 0x6d, 0x6c])) return 'text/xml; charset=utf-8';
  // Go's text sniffing: any byte that is a control character other than TAB/LF/FF/CR/ESC is binary.
  for (const b of head) {
    if (b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f)) return 'application/octet-stream';
  }
  return 'text/plain; charset=utf-8';
}

/**
 * LoadArchiveFiles: the chart files inside a gzipped tar, with helm's path checks and size
 * limits. Throws ArchiveError with helm's messages.
 */
export function loadArchiveFiles(archive: Uint8Array): ChartFile[] {
  if (!isGzip(archive)) throw new ArchiveError(GZIP_HEADER_ERROR);
  const files: ChartFile[] = [];
  let remaining = MAX_DECOMPRESSED_CHART_SIZE;
  let failure: Error | undefined;
  let entries = 0;
  let skippedBytes = 0;
  let sawEof = false;

  const onEntry = (entry: ReadEntry): void => {
    if (failure === undefined && ++entries > MAX_ARCHIVE_ENTRIES) {
      failure = new ArchiveError(`chart archive has more than ${MAX_ARCHIVE_ENTRIES} entries`, 'size');
    }
    if (failure === undefined && (entry.type === 'Directory' || entry.type === 'GNUDumpDir')) {
      // Go's tar reader skips a directory's declared body; bound what we inflate to skip it.
      skippedBytes += entry.size;
      if (skippedBytes > MAX_DECOMPRESSED_CHART_SIZE) {
        failure = new ArchiveError(`decompressed chart is larger than the maximum file size ${MAX_DECOMPRESSED_CHART_SIZE}`, 'size');
      }
    }
    if (failure !== undefined || entry.type === 'Directory' || entry.type === 'GNUDumpDir') {
      entry.resume();
      return;
    }
    const problem = checkEntry(entry.path, entry.size, remaining);
    if (problem !== undefined) {
      failure = problem;
      entry.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let written = 0;
    entry.on('data', (chunk: Buffer) => {
      written += chunk.length;
      if (failure === undefined) failure = spendTotal(chunk.length);
      if (written <= remaining && failure === undefined) chunks.push(chunk);
    });
    entry.on('end', () => {
      if (failure !== undefined) return;
      // Go copies through a LimitReader of the remaining budget; a short copy or an exhausted
      // budget fails.
      const copied = Math.min(written, remaining);
      remaining -= copied;
      if (copied < entry.size || remaining <= 0) {
        failure = new ArchiveError(`decompressed chart is larger than the maximum file size ${MAX_DECOMPRESSED_CHART_SIZE}`, 'size');
        return;
      }
      files.push({ name: normalizeEntryName(entry.path), data: stripBom(new Uint8Array(Buffer.concat(chunks))) });
    });
  };

  const parser = new (loadTarParser())({ strict: true, onReadEntry: onEntry });
  // helm stops reading at the end-of-archive marker; whatever follows is never inflated.
  parser.on('eof', () => {
    sawEof = true;
  });
  // A pax/GNU header body over node-tar's meta limit: Go refuses special files over 1 MiB.
  parser.on('ignoredEntry', (entry: ReadEntry) => {
    if (entry.meta) failure ??= new ArchiveError('archive/tar: header field too long');
  });
  parser.on('error', (e: Error) => {
    failure ??= translateTarError(e);
  });
  parser.on('warn', (_code: string, message: string | Error) => {
    failure ??= translateTarError(message instanceof Error ? message : new Error(message));
  });
  try {
    // Feed the compressed bytes in small slices and stop at the first failure: zlib inflates
    // each write in one go, so one big write would inflate a gzip bomb whole before any limit
    // could look at it, and later entries would still be inflated after a limit tripped.
    const bytes = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
    for (let at = 0; at < bytes.length && failure === undefined && !sawEof; at += ARCHIVE_WRITE_SLICE_BYTES) {
      const slice = bytes.subarray(at, at + ARCHIVE_WRITE_SLICE_BYTES);
      // node-tar compares inflated bytes with the compressed bytes written so far; scale its
      // ratio so the bound stays MAX_ARCHIVE_INFLATION_RATIO × the whole archive, and a very
      // compressible file early in a legitimate chart does not trip it.
      parser.maxDecompressionRatio = (MAX_ARCHIVE_INFLATION_RATIO * bytes.length) / (at + slice.length);
      parser.write(slice);
    }
    if (failure === undefined && !sawEof) parser.end();
  } catch (e) {
    failure ??= translateTarError(e as Error);
  }
  if (failure !== undefined) throw failure;
  if (files.length === 0) throw new ArchiveError('no files in chart archive');
  return files;
}

/**
 * Compressed bytes handed to the tar parser per write: deflate expands at most ~1032:1, so one
 * write inflates to at most ~1 MiB before the size and entry limits get to look.
 */
const ARCHIVE_WRITE_SLICE_BYTES = 1024;

/** Most bytes one archive may inflate to, per compressed byte of the whole archive (node-tar's default ratio). */
const MAX_ARCHIVE_INFLATION_RATIO = 1000;

/** The per-header checks of LoadArchiveFiles, in helm's order. */
function checkEntry(rawName: string, size: number, remaining: number): ArchiveError | undefined {
  const n = entryRelativeName(rawName);
  if (n.startsWith('/')) return new ArchiveError('chart illegally contains absolute paths');
  const cleaned = clean(n);
  if (cleaned === '.') {
    return new ArchiveError(`chart illegally contains content outside the base directory: ${JSON.stringify(rawName)}`);
  }
  if (cleaned.startsWith('..')) return new ArchiveError('chart illegally references parent directory');
  if (/^[a-zA-Z]:\//.test(cleaned)) return new ArchiveError('chart contains illegally named files');
  if (firstSegment(rawName) === 'Chart.yaml') return new ArchiveError('chart yaml not in base directory');
  if (size > remaining) {
    return new ArchiveError(`decompressed chart is larger than the maximum file size ${MAX_DECOMPRESSED_CHART_SIZE}`, 'size');
  }
  if (size > MAX_DECOMPRESSED_FILE_SIZE) {
    return new ArchiveError(
      `decompressed chart file ${JSON.stringify(rawName)} is larger than the maximum file size ${MAX_DECOMPRESSED_FILE_SIZE}`,
      'size',
    );
  }
  if (totalBudget !== undefined && size > totalBudget.remaining) return new DecompressedTotalError(totalBudget.limit);
  return undefined;
}

/** Archives made on Windows may use `\`: helm splits on whichever separator the name holds. */
function delimiterOf(name: string): string {
  return name.includes('\\') ? '\\' : '/';
}

function firstSegment(name: string): string {
  return name.split(delimiterOf(name))[0] ?? '';
}

/** The name without its first segment, with `/` separators (before cleaning). */
function entryRelativeName(name: string): string {
  const d = delimiterOf(name);
  return name.split(d).slice(1).join(d).split(d).join('/');
}

function normalizeEntryName(name: string): string {
  return clean(entryRelativeName(name));
}


/** node-tar / zlib failures in the words of Go's archive/tar and compress/gzip. */
function translateTarError(e: Error): ArchiveError {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  if (code === 'TAR_ABORT' && /zlib|incorrect header|invalid/i.test(e.message)) return new ArchiveError(GZIP_HEADER_ERROR);
  if (/unexpected end|truncated|TAR_BAD_ARCHIVE/i.test(code + e.message)) return new ArchiveError('unexpected EOF');
  return new ArchiveError('archive/tar: invalid tar header');
}
