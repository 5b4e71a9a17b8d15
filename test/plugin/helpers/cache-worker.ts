/**
 * A child process for chart-cache-bounds.test.ts: writes blobs and refs into one shared cache
 * dir with a small cap (so every write evicts), and reads back whatever is there — blob files
 * straight from disk (their name must be the sha256 of their bytes) and refs through the cache
 * (their value carries its own sha256). Prints one JSON line: counts of reads and of partial or
 * corrupt entries seen.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChartCache } from '../../../plugin/chart-source/cache.js';

const [dir, iterationsText, maxBytesText] = process.argv.slice(2);
const cache = new ChartCache({ dir: dir!, maxBytes: Number(maxBytesText), refTtlMs: 60_000 });
const sha = (d: Uint8Array | string): string => createHash('sha256').update(d).digest('hex');
let blobReads = 0;
let refReads = 0;
let corrupt = 0;
const keys: string[] = [];
for (let i = 0; i < Number(iterationsText); i++) {
  cache.putBlob(randomBytes(1024 + Math.floor(Math.random() * 64 * 1024)));
  const payload = randomBytes(512 + Math.floor(Math.random() * 32 * 1024)).toString('base64');
  const key = `index:https://repo-${process.pid}-${i}.example.com/index.yaml`;
  keys.push(key, `index:https://repo-shared-${i % 7}.example.com/index.yaml`);
  cache.putRef(keys[keys.length - 1]!, `${sha(payload)}\n${payload}`);
  cache.putRef(key, `${sha(payload)}\n${payload}`);
  const blobDir = join(dir!, 'blobs', 'sha256');
  for (const name of readdirSync(blobDir)) {
    if (!/^[0-9a-f]{64}$/.test(name)) continue;
    let data: Buffer;
    try {
      data = readFileSync(join(blobDir, name));
    } catch {
      continue; // evicted between readdir and read: fine
    }
    blobReads++;
    if (sha(data) !== name) corrupt++;
  }
  for (const k of keys.slice(-20)) {
    const value = cache.getRef(k);
    if (value === undefined) continue;
    refReads++;
    const nl = value.indexOf('\n');
    if (nl < 0 || sha(value.slice(nl + 1)) !== value.slice(0, nl)) corrupt++;
  }
}
process.stdout.write(`${JSON.stringify({ blobReads, refReads, corrupt })}\n`);
