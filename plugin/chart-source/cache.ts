/**
 * The on-disk chart cache shared by concurrent `generate` processes and the webhook:
 *   blobs/sha256/<hex>     chart archives, content-addressed (the name is the verified digest)
 *   refs/<sha256(key)>     indirections with a TTL (repo index.yaml, OCI tag → digest, tag lists)
 * Refs and blobs share one size cap (default 512 MiB, DPU_GITOPS_CACHE_MAX_MB): after every
 * write the least recently used files go until the total fits. "Used" is the access time,
 * set explicitly on every hit (so `noatime` mounts do not matter); a ref's modification time
 * stays its age for the TTL.
 *
 * Safe across processes without locks: every write goes to a unique temp file in the same
 * directory and is renamed into place, so a reader sees a whole file or none, and two writers
 * of one entry race to an identical or equally valid result. Eviction only unlinks final
 * names: a reader that already opened the file still reads it whole, and a writer's rename
 * simply recreates it. Temp files are never evicted while young (another process is writing
 * them); ones older than STALE_TEMP_MS are left-overs of a crashed writer and are removed.
 * Files that vanish under a listing are skipped. Blobs are verified against their name on
 * every read, refs carry their key on the first line. A failing cache write never fails a fetch.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ChartCacheOptions {
  dir: string;
  /** Upper bound of refs/ and blobs/ together, in bytes. */
  maxBytes: number;
  /** How long refs (indexes, tags) stay fresh, in ms. */
  refTtlMs: number;
}

export const DEFAULT_CACHE_MAX_BYTES = 512 * 1024 * 1024;
export const DEFAULT_REF_TTL_MS = 5 * 60 * 1000;

/** A temp file older than this belongs to a writer that died: prune removes it. */
export const STALE_TEMP_MS = 10 * 60 * 1000;

const BLOB_NAME = /^[0-9a-f]{64}$/;
const TEMP_NAME = /\.tmp$/;

/** Cache settings from the sidecar env (DPU_GITOPS_CACHE_DIR, _CACHE_MAX_MB, _INDEX_TTL_SECONDS). */
export function cacheOptionsFromEnv(env: Readonly<Record<string, string | undefined>>): ChartCacheOptions {
  const num = (k: string, d: number): number => {
    const v = Number(env[k]);
    return env[k] !== undefined && Number.isFinite(v) && v >= 0 ? v : d;
  };
  return {
    dir: env.DPU_GITOPS_CACHE_DIR || join(tmpdir(), 'dpu-gitops-cache'),
    maxBytes: num('DPU_GITOPS_CACHE_MAX_MB', DEFAULT_CACHE_MAX_BYTES / 1024 / 1024) * 1024 * 1024,
    refTtlMs: num('DPU_GITOPS_INDEX_TTL_SECONDS', DEFAULT_REF_TTL_MS / 1000) * 1000,
  };
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export class ChartCache {
  constructor(readonly opts: ChartCacheOptions) {}

  private blobPath(hex: string): string {
    return join(this.opts.dir, 'blobs', 'sha256', hex);
  }

  private refPath(key: string): string {
    return join(this.opts.dir, 'refs', sha256Hex(key));
  }

  /** The blob with this sha256, or undefined. Marks it recently used. */
  getBlob(hex: string): Buffer | undefined {
    if (!BLOB_NAME.test(hex)) return undefined;
    const path = this.blobPath(hex);
    try {
      const data = readFileSync(path);
      if (sha256Hex(data) !== hex) {
        rmSync(path, { force: true });
        return undefined;
      }
      markUsed(path);
      return data;
    } catch {
      return undefined;
    }
  }

  /** Stores a blob under its own sha256; returns the hex digest. */
  putBlob(data: Uint8Array): string {
    const hex = sha256Hex(data);
    if (atomicWrite(this.blobPath(hex), data)) this.prune();
    return hex;
  }

  /** A ref's value when younger than the TTL (or any age with `allowStale`). Marks it recently used. */
  getRef(key: string, allowStale = false): string | undefined {
    const path = this.refPath(key);
    try {
      const st = statSync(path);
      if (!allowStale && Date.now() - st.mtimeMs > this.opts.refTtlMs) return undefined;
      const text = readFileSync(path, 'utf8');
      const nl = text.indexOf('\n');
      // The first line repeats the key, so a sha256 collision can never return another ref.
      if (nl < 0 || text.slice(0, nl) !== JSON.stringify(key)) return undefined;
      markUsed(path, st.mtime);
      return text.slice(nl + 1);
    } catch {
      return undefined;
    }
  }

  putRef(key: string, value: string): void {
    if (atomicWrite(this.refPath(key), `${JSON.stringify(key)}\n${value}`)) this.prune();
  }

  /** Removes least recently used refs and blobs until both fit maxBytes; stale temp files go too. */
  prune(): void {
    const entries = [...listFiles(join(this.opts.dir, 'refs'), 'ref'), ...listFiles(join(this.opts.dir, 'blobs', 'sha256'), 'blob')];
    let total = 0;
    const now = Date.now();
    const evictable: CacheFile[] = [];
    for (const e of entries) {
      if (e.temp) {
        if (now - e.mtimeMs > STALE_TEMP_MS) rmSync(e.path, { force: true });
        else total += e.size;
        continue;
      }
      total += e.size;
      evictable.push(e);
    }
    if (total <= this.opts.maxBytes) return;
    evictable.sort((a, b) => a.atimeMs - b.atimeMs);
    for (const e of evictable) {
      if (total <= this.opts.maxBytes) break;
      try {
        rmSync(e.path, { force: true });
      } catch {
        // Another process may hold it on a platform that refuses; it is counted as gone anyway.
      }
      total -= e.size;
    }
  }

  /** Bytes in refs/ and blobs/ now (tests, metrics). */
  sizeOnDisk(): number {
    return [...listFiles(join(this.opts.dir, 'refs'), 'ref'), ...listFiles(join(this.opts.dir, 'blobs', 'sha256'), 'blob')].reduce((n, e) => n + e.size, 0);
  }
}

interface CacheFile {
  path: string;
  size: number;
  atimeMs: number;
  mtimeMs: number;
  temp: boolean;
}

/** The cache's files in one directory; ones that vanish while listed are skipped. */
function listFiles(dir: string, kind: 'ref' | 'blob'): CacheFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: CacheFile[] = [];
  for (const name of names) {
    const temp = TEMP_NAME.test(name);
    if (!temp && kind === 'blob' && !BLOB_NAME.test(name)) continue;
    if (!temp && kind === 'ref' && !BLOB_NAME.test(name)) continue;
    const path = join(dir, name);
    try {
      const st = statSync(path);
      if (st.isFile()) out.push({ path, size: st.size, atimeMs: st.atimeMs, mtimeMs: st.mtimeMs, temp });
    } catch {
      // Evicted or renamed by another process between readdir and stat.
    }
  }
  return out;
}

/** Sets the access time to now (the LRU clock); keeps `mtime` when given (a ref's age). */
function markUsed(path: string, mtime?: Date): void {
  const now = new Date();
  try {
    utimesSync(path, now, mtime ?? now);
  } catch {
    // Evicted meanwhile: the data read is still whole.
  }
}

/** Writes through a unique temp file and a rename; false when the disk refused (cache is best effort). */
function atomicWrite(path: string, data: Uint8Array | string): boolean {
  const dir = join(path, '..');
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, path);
    return true;
  } catch {
    rmSync(tmp, { force: true });
    return false;
  }
}
