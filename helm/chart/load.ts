/**
 * loader.Load of helm v3.17.3 (pkg/chart/loader/load.go, archive.go LoadFile): a chart path is a
 * directory (LoadDir) or a gzipped archive file (LoadFile, which first checks the gzip signature
 * so a values.yaml given by mistake gets a helpful message).
 */
import { readFileSync, statSync } from 'node:fs';
import { ChartLoadError } from './errors.js';
import { ArchiveError, checkArchive } from './load-archive.js';
import { loadDirFiles, type LoadWarn } from './load-dir.js';
import { loadChartFromArchive, loadChartFromFiles } from './load-files.js';
import type { Chart } from './types.js';

/** Loads a chart directory or .tgz. Rejects with ChartLoadError carrying helm's message. */
export async function loadChart(path: string, warn?: LoadWarn): Promise<Chart> {
  return loadChartSync(path, warn);
}

/** loadChart without the promise. */
export function loadChartSync(path: string, warn: LoadWarn = () => {}): Chart {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : String(code);
    throw new ChartLoadError(`stat ${path}: ${reason}`, path, e);
  }
  try {
    if (isDir) return loadChartFromFiles(loadDirFiles(path, warn), warn);
    const data = readFileSync(path);
    const notArchive = checkArchive(path, data);
    if (notArchive !== undefined) throw notArchive;
    return loadChartFromArchive(data, warn);
  } catch (e) {
    if (e instanceof ChartLoadError) throw e;
    if (e instanceof ArchiveError && e.message === 'gzip: invalid header') {
      throw new ChartLoadError(`file '${path}' does not appear to be a valid chart file (details: ${e.message})`, path, e);
    }
    throw new ChartLoadError(e instanceof Error ? e.message : String(e), path, e);
  }
}
