/**
 * The product's version, read from the package.json of the installed package, so the source
 * tree, dist/cli, the esbuild bundle (dist/bundle) and an `npm install`ed copy all report the
 * version they were packed with. Found by walking up from this module: the bundle keeps no
 * path of its own to package.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'dpu-gitops';

export class PackageVersionError extends Error {
  constructor(readonly startDir: string) {
    super(`package.json of ${PACKAGE_NAME} not found above ${startDir}`);
    this.name = 'PackageVersionError';
  }
}

/** The `version` of the nearest package.json named dpu-gitops above `fromDir`. */
export function packageVersion(fromDir = dirname(fileURLToPath(import.meta.url))): string {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === PACKAGE_NAME && typeof pkg.version === 'string') return pkg.version;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new PackageVersionError(fromDir);
    dir = parent;
  }
}
