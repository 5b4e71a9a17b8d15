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

export async function run(argv: string[], io: { stdout(s: string): void; stderr(s: string): void }, ctx: { cwd?: string } = {}): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout('Usage: dpu-gitops parameters [--app-dir DIR]\n\nPrints the plugin parameter announcement (JSON array) for the ArgoCD UI.\n');
    return 0;
  }
  let appDir = ctx.cwd ?? process.cwd();
  if (argv[0] === '--app-dir' && argv[1] !== undefined && argv.length === 2) appDir = resolve(appDir, argv[1]);
  else if (argv.length > 0) {
    io.stderr(`error: unexpected arguments: ${argv.join(' ')}\n`);
    return 2;
  }
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
