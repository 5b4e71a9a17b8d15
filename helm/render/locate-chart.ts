/**
 * ChartPathOptions.LocateChart (helm v3.17.3 pkg/action/install.go) for local charts: an
 * existing path is used as is; a missing path that is absolute or starts with `.` fails with
 * `path "X" not found`. Other names would be repository charts, which are not downloaded here.
 */
import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { quote } from '../template/strconv.js';

/** A CHART argument that names no local chart. */
export class ChartNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartNotFoundError';
  }
}

/**
 * The local path of the CHART argument (trimmed, as helm does), relative ones taken from `cwd`
 * (default: the process's working directory). Throws ChartNotFoundError.
 */
export function locateLocalChart(name: string, cwd?: string): string {
  const trimmed = name.trim();
  try {
    statSync(cwd === undefined ? trimmed : resolve(cwd, trimmed));
    return trimmed;
  } catch {
    if (isAbsolute(trimmed) || trimmed.startsWith('.')) throw new ChartNotFoundError(`path ${quote(trimmed)} not found`);
    throw new ChartNotFoundError(
      `chart "${trimmed}" not found locally; repository charts are not supported, give a chart directory or .tgz path`,
    );
  }
}
