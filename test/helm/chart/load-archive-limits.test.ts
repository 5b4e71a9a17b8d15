import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { ArchiveError, loadArchiveFiles } from '../../../helm/chart/load-archive.js';
import { MAX_ARCHIVE_ENTRIES } from '../../../helm/chart/limits.js';

/** One ustar header block for a regular file of `size` bytes. */
function header(name: string, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136);
  h.write('        ', 148);
  h.write('0', 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

test('a gzip bomb is refused', () => {
  // 200 MB of zeros gzip to ~200 KB. The archive is fed in small compressed slices so the limits
  // trip after about 1 MiB of inflation (no timing is asserted here: tests stay deterministic).
  const bomb = gzipSync(Buffer.alloc(200_000_000), { level: 9 });
  assert.throws(() => loadArchiveFiles(bomb), ArchiveError);
});

test('an archive with more than MAX_ARCHIVE_ENTRIES entries is refused', () => {
  const blocks: Buffer[] = [header('c/Chart.yaml', 0)];
  for (let i = 0; i < MAX_ARCHIVE_ENTRIES; i++) blocks.push(header(`c/templates/f${i}`, 0));
  blocks.push(Buffer.alloc(1024));
  const archive = gzipSync(Buffer.concat(blocks));
  assert.throws(() => loadArchiveFiles(archive), { name: 'ArchiveError', message: `chart archive has more than ${MAX_ARCHIVE_ENTRIES} entries` });
});

test('an archive just under the entry limit still loads, and data after the end marker is not read', () => {
  const blocks: Buffer[] = [header('c/Chart.yaml', 5), Buffer.concat([Buffer.from('a: b\n'), Buffer.alloc(507)])];
  blocks.push(Buffer.alloc(1024), Buffer.alloc(50_000_000));
  const files = loadArchiveFiles(gzipSync(Buffer.concat(blocks)));
  assert.deepEqual(files.map((f) => f.name), ['Chart.yaml']);
});
