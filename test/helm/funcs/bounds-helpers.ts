// Shared by the bounds tests: one-template charts rendered through renderChart (the library
// path of the CMP, lint and the webhook, with its default budget) or through the `template`
// command's path (no budget, as helm), and the limit named by a failure's cause chain.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderChart, renderTemplateCommand, type RenderChartOptions } from '../../../helm/index.js';
import { loadChartFromFiles } from '../../../helm/chart/load-files.js';
import { TemplateLimitError } from '../../../helm/template/errors.js';

const file = (name: string, text: string) => ({ name, data: new TextEncoder().encode(text) });

/** A chart whose only template is `template`. */
export function oneTemplateChart(template: string) {
  return loadChartFromFiles([file('Chart.yaml', 'apiVersion: v2\nname: bounds\nversion: 0.1.0\n'), file('templates/x.yaml', template)]);
}

/** What renderChart reports for the template: its error, or the first document. */
export function renderWithBudget(template: string, options: Partial<RenderChartOptions> = {}): { error?: Error; doc?: string } {
  try {
    const result = renderChart(oneTemplateChart(template), { releaseName: 'r', ...options });
    return { doc: result.manifests[0]?.doc ?? '' };
  } catch (e) {
    return { error: e as Error };
  }
}

/** The TemplateLimitError somewhere in an error's cause chain. */
export function limitOf(e: unknown): TemplateLimitError | undefined {
  for (let c: unknown = e, depth = 0; c instanceof Error && depth < 100; c = c.cause, depth++) {
    if (c instanceof TemplateLimitError) return c;
  }
  return undefined;
}

/** `dpu-gitops template` (no budget) on a chart directory holding the template. */
export function renderUnbounded(template: string): { error?: string; stdout: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bounds-'));
  try {
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: bounds\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'templates', 'x.yaml'), template);
    const r = renderTemplateCommand({
      args: ['r', dir], namespace: 'default', valueFiles: [], set: [], setString: [], setJson: [], setFile: [], setLiteral: [],
      includeCrds: false, skipTests: false, noHooks: false, isUpgrade: false, skipSchemaValidation: false, subNotes: false,
      kubeVersion: '', apiVersions: [], showOnly: [],
    });
    return r.error !== undefined ? { error: r.error, stdout: r.stdout } : { stdout: r.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A list that shares its sub-lists: 2^depth leaves for a few bytes of heap. */
export const SHARED_LIST = (depth: number): string =>
  `{{- $a := list 1 }}{{ range until ${depth} }}{{ $a = list $a $a }}{{ end }}`;
