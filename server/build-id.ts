/**
 * Which build a process runs: the entry script's real path and modification time plus the node
 * version. A client only talks to a server of its own build, so a rebuilt or upgraded install
 * never gets output from an older server that is still running.
 */
import { realpathSync, statSync } from 'node:fs';

export function buildId(entryScript: string | undefined = process.argv[1]): string {
  if (!entryScript) return `unknown:${process.version}`;
  try {
    const path = realpathSync(entryScript);
    return `${path}:${statSync(path).mtimeMs}:${process.version}`;
  } catch {
    return `unknown:${process.version}`;
  }
}
