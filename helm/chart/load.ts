/**
 * loader.Load of helm v3.17.3 (pkg/chart/loader/load.go, archive.go LoadFile): a chart path is a
 * directory (LoadDir) or a gzipped archive file (LoadFile, which first checks the gzip signature
 * so a values.yaml given by mistake gets a helpful message). By default symlinks are followed
 * as helm follows them; `confineTo` (generate, lint, the webhook) refuses any that leaves it.
 */
import { readFileSync, statSync } from 'node:fs';
import { ConfinementError, confinedRealPath, confinement, type Confinement } from './confine.js';
import { ChartLoadError } from './errors.js';
import { ArchiveError, checkArchive } from './load-archive.js';
import { loadDirFiles, type LoadWarn } from './load-dir.js';
import { loadChartFromArchive, loadChartFromFiles } from './load-files.js';
import type { Chart } from './types.js';

export interface ChartLoadOptions {
  /**
   * A directory (the repository copy, a chart folder) that the chart path and every file the
   * loader reads, `.Files` included, must resolve inside, symlinks followed. Unset: helm's
   * behaviour (any symlink followed, and logged through `warn`).
   */
  confineTo?: string | Confinement;
  /** What `confineTo` is, in messages (default "repository"). */
  confineName?: string;
}

/** Loads a chart directory or .tgz. Rejects with ChartLoadError carrying helm's message. */
export async function loadChart(path: string, warn?: LoadWarn, options: ChartLoadOptions = {}): Promise<Chart> {
  return loadChartSync(path, warn, options);
}

/** loadChart without the promise. */
export function loadChartSync(path: string, warn: LoadWarn = () => {}, options: ChartLoadOptions = {}): Chart {
  const confine = typeof options.confineTo === 'string' ? confinement(options.confineTo, options.confineName) : options.confineTo;
  if (confine) {
    try {
      confinedRealPath(path, confine);
    } catch (e) {
      if (e instanceof ConfinementError) throw new ChartLoadError(e.message, path, e);
      throw e;
    }
  }
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : String(code);
    throw new ChartLoadError(`stat ${path}: ${reason}`, path, e);
  }
  try {
    if (isDir) return loadChartFromFiles(loadDirFiles(path, warn, confine ? { confine } : {}), warn);
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
