/**
 * A packaged chart whose subchart archives nest `levels` deep, each level holding `files` files
 * of `fileBytes` of one byte: tiny packed, large unpacked (the nested-archive bomb of issue 11).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create as createTar } from 'tar';

export function nestedChartArchive(levels: number, files: number, fileBytes: number, topName = 'top'): Buffer {
  const work = mkdtempSync(join(tmpdir(), 'nested-chart-'));
  let inner: Buffer | undefined;
  for (let level = levels; level >= 0; level--) {
    const name = level === 0 ? topName : `sub${level}`;
    const dir = join(work, `l${level}`, name);
    mkdirSync(join(dir, 'files'), { recursive: true });
    writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);
    for (let f = 0; f < files; f++) writeFileSync(join(dir, 'files', `f${f}.txt`), Buffer.alloc(fileBytes, 'a'));
    if (inner) {
      mkdirSync(join(dir, 'charts'));
      writeFileSync(join(dir, 'charts', `sub${level + 1}-0.1.0.tgz`), inner);
    }
    createTar({ gzip: true, sync: true, file: join(work, `l${level}.tgz`), cwd: join(work, `l${level}`) }, [name]);
    inner = readFileSync(join(work, `l${level}.tgz`));
  }
  return inner!;
}
