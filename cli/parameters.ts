/**
 * `dpu-gitops parameters`: the CMP `parameters.dynamic.command` (runs in the app dir). Prints
 * one JSON array (ArgoCD refuses an object or empty output, argo-cd#16077): the parameters
 * plugin.yaml does not announce statically, `chart-paths` listing the chart references of the
 * app dir's DPUServices. Unreadable files do not fail it: the UI tab must still load.
 */
import { resolve } from 'node:path';
import { chartReference } from '../plugin/chart-source/types.js';
import { scanInputs } from '../plugin/discover.js';
import { DPUSERVICE_KIND, isDpfKind, type JsonObject } from '../dpf/dpuservice.js';
import { dynamicAnnouncement } from '../plugin/parameters.js';
import { parseCommandArgs } from './args.js';
import type { CliIO } from './io.js';

export const PARAMETERS_USAGE = `Usage: dpu-gitops parameters [--app-dir DIR]

Prints the plugin parameter announcement (one JSON array) for the ArgoCD UI. Files that cannot
be read are left out, never an error: the UI's parameter tab must still load.

Flags:
      --app-dir DIR   the app directory (default: the current directory, as ArgoCD runs it)
  -h, --help          this help

Exit status: 0 printed; 2 a usage error.
`;

export async function run(argv: string[], io: CliIO, ctx: { cwd?: string } = {}): Promise<number> {
  const parsed = parseCommandArgs(argv, { 'app-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, PARAMETERS_USAGE, io, { allowPositionals: false });
  if (typeof parsed === 'number') return parsed;
  const appDir = resolve(ctx.cwd ?? process.cwd(), parsed.values['app-dir'] ?? '.');
  const refs: string[] = [];
  for (const d of scanInputs(appDir).documents) {
    // DPUServiceTemplates carry the same helmChart.source as DPUServices (DPUDeployment apps).
    if (!isDpfKind(d.value, DPUSERVICE_KIND) && !isDpfKind(d.value, 'DPUServiceTemplate')) continue;
    const src = ((((d.value as JsonObject).spec as JsonObject | undefined)?.helmChart as JsonObject | undefined)?.source ?? {}) as JsonObject;
    if (typeof src.repoURL === 'string') {
      refs.push(chartReference({ repoURL: src.repoURL, ...(typeof src.chart === 'string' ? { chart: src.chart } : {}), ...(typeof src.path === 'string' ? { path: src.path } : {}) }));
    }
  }
  io.stdout(`${JSON.stringify(dynamicAnnouncement(refs))}\n`);
  return 0;
}
