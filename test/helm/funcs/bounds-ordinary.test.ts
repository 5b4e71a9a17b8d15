// The bounded functions render ordinary inputs exactly as helm v3.17.3 does, with and without a
// budget: the chart under fixtures/bounds-ordinary calls each of them (including until 1048576,
// the largest list the default budget allows), and its expected output was recorded by
// `helm template r fixtures/bounds-ordinary` with helm v3.17.3.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadChartSync, renderChart, renderTemplateCommand } from '../../../helm/index.js';

const chartDir = fileURLToPath(new URL('./fixtures/bounds-ordinary', import.meta.url));
const expected = readFileSync(new URL('./fixtures/bounds-ordinary.helm-v3.17.3.yaml', import.meta.url), 'utf8');

test('renderChart (default budget) gives helm\'s document', { timeout: 60_000 }, () => {
  const result = renderChart(loadChartSync(chartDir), { releaseName: 'r' });
  assert.equal(result.manifests.length, 1);
  assert.equal(`---\n# Source: ${result.manifests[0]!.path}\n${result.manifests[0]!.doc}\n`, expected);
});

test('dpu-gitops template (no budget) prints helm\'s output', { timeout: 60_000 }, () => {
  const r = renderTemplateCommand({
    args: ['r', chartDir], namespace: 'default', valueFiles: [], set: [], setString: [], setJson: [], setFile: [], setLiteral: [],
    includeCrds: false, skipTests: false, noHooks: false, isUpgrade: false, skipSchemaValidation: false, subNotes: false,
    kubeVersion: '', apiVersions: [], showOnly: [],
  });
  assert.equal(r.error, undefined);
  assert.equal(r.stdout, expected);
});
