/**
 * The on-disk chart cache shared by concurrent `generate` processes in one sidecar:
 *   blobs/sha256/<hex>     chart archives, content-addressed (the name is the verified digest)
 *   refs/<sha256(key)>     small indirections with a TTL (repo index.yaml, OCI tag → digest)
 * Every write goes to a unique temp file and is renamed into place, so readers never see a
 * partial file and two writers of the same blob simply race to an identical result. Blobs are
 * bounded: after a write the least recently used ones go until the total fits `maxBytes`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ChartCacheOptions {
  dir: string;
  /** Upper bound of blobs/ in bytes. */
  maxBytes: number;
  /** How long refs (indexes, tags) stay fresh, in ms. */
  refTtlMs: number;
}

export const DEFAULT_CACHE_MAX_BYTES = 512 * 1024 * 1024;
export const DEFAULT_REF_TTL_MS = 5 * 60 * 1000;

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
    if (!/^[0-9a-f]{64}$/.test(hex)) return undefined;
    const path = this.blobPath(hex);
    try {
      const data = readFileSync(path);
      if (sha256Hex(data) !== hex) {
        rmSync(path, { force: true });
        return undefined;
      }
      const now = new Date();
      utimesSync(path, now, now);
      return data;
    } catch {
      return undefined;
    }
  }

  /** Stores a blob under its own sha256; returns the hex digest. */
  putBlob(data: Uint8Array): string {
    const hex = sha256Hex(data);
    atomicWrite(this.blobPath(hex), data);
    this.prune();
    return hex;
  }

  /** A ref's value when younger than the TTL (or any age with `allowStale`). */
  getRef(key: string, allowStale = false): string | undefined {
    const path = this.refPath(key);
    try {
      const st = statSync(path);
      if (!allowStale && Date.now() - st.mtimeMs > this.opts.refTtlMs) return undefined;
      const text = readFileSync(path, 'utf8');
      const nl = text.indexOf('\n');
      // The first line repeats the key, so a sha256 collision can never return another ref.
      return nl >= 0 && text.slice(0, nl) === JSON.stringify(key) ? text.slice(nl + 1) : undefined;
    } catch {
      return undefined;
    }
  }

  putRef(key: string, value: string): void {
    atomicWrite(this.refPath(key), `${JSON.stringify(key)}\n${value}`);
  }

  /** Removes least recently used blobs until blobs/ fits maxBytes. */
  prune(): void {
    const dir = join(this.opts.dir, 'blobs', 'sha256');
    let entries: { path: string; size: number; mtime: number }[];
    try {
      entries = readdirSync(dir)
        .filter((n) => /^[0-9a-f]{64}$/.test(n))
        .map((n) => {
          const st = statSync(join(dir, n));
          return { path: join(dir, n), size: st.size, mtime: st.mtimeMs };
        });
    } catch {
      return;
    }
    let total = entries.reduce((s, e) => s + e.size, 0);
    entries.sort((a, b) => a.mtime - b.mtime);
    for (const e of entries) {
      if (total <= this.opts.maxBytes) break;
      rmSync(e.path, { force: true });
      total -= e.size;
    }
  }
}

function atomicWrite(path: string, data: Uint8Array | string): void {
  const dir = join(path, '..');
  mkdirSync(dir, { recursive: true });
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
