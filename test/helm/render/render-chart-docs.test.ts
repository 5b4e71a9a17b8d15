// renderChart builds its documents from the release's lists (helm/render/release-docs.ts) when
// that is certain to equal splitting the printed `helm template` text, and prints and re-splits
// otherwise. Expected values: the digest real helm v3.17.3 printed for operator-shaped, and the
// documents of helm v3.17.3's output for the edge chart below (`helm template r edge`), split by
// hand at its `---` lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { renderChart, loadChartSync } from '../../../helm/index.js';
import { loadChartFromFiles } from '../../../helm/chart/load-files.js';
import { goStringToBytes } from '../../../helm/template/gostring.js';

const ROOT = new URL('../../../', import.meta.url).pathname;

test('operator-shaped: the documents print as the bytes helm v3.17.3 printed', () => {
  const [digest, size] = readFileSync(`${ROOT}bench/charts/operator-shaped.helm-v3.17.3.sha256`, 'utf8').trim().split(' ');
  const result = renderChart(loadChartSync(`${ROOT}bench/charts/operator-shaped`), { releaseName: 'op', namespace: 'dpf-operator-system' });
  const printed = goStringToBytes(result.manifests.map((m) => `---\n# Source: ${m.path}\n${m.doc}\n`).join(''));
  assert.equal(printed.length, Number(size));
  assert.equal(createHash('sha256').update(printed).digest('hex'), digest);
});

function edgeChart() {
  const file = (name: string, text: string) => ({ name, data: new TextEncoder().encode(text) });
  return loadChartFromFiles([
    file('Chart.yaml', 'apiVersion: v2\nname: edge\nversion: 0.1.0\n'),
    // Two separators in a row: helm prints the second document as `---\napiVersion...`.
    file('templates/double.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n'),
    file('templates/dashes.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  x: |\n    ---not a separator for yaml\n'),
    file('templates/comment.yaml', '# only a comment\n'),
    file('templates/hook.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\n  annotations:\n    helm.sh/hook: test\n'),
  ]);
}

test('a document that prints as two is returned as the printed text splits', () => {
  const result = renderChart(edgeChart(), { releaseName: 'r' });
  // helm's output, split at its separators: the `# Source:` line of double.yaml's second document
  // is followed by `---`, so that document comes back empty and the rest has no source line.
  assert.deepEqual(
    result.manifests.map((m) => [m.path, m.doc, m.kind, m.hook]),
    [
      ['edge/templates/dashes.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  x: |\n    ---not a separator for yaml', 'ConfigMap', undefined],
      ['edge/templates/double.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a', 'ConfigMap', undefined],
      ['edge/templates/double.yaml', '', '', undefined],
      ['edge/templates/comment.yaml', '# only a comment', '', undefined],
      ['edge/templates/hook.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\n  annotations:\n    helm.sh/hook: test', 'Pod', 'test'],
    ],
  );
});

function edgeChartWithoutDouble() {
  const chart = edgeChart();
  chart.templates = chart.templates.filter((t) => t.name !== 'templates/double.yaml');
  return chart;
}

test('without that document, each printed chunk is one document, hooks last', () => {
  const all = renderChart(edgeChartWithoutDouble(), { releaseName: 'r' });
  assert.deepEqual(all.manifests.map((m) => [m.path, m.kind, m.hook]), [
    ['edge/templates/dashes.yaml', 'ConfigMap', undefined],
    ['edge/templates/comment.yaml', '', undefined],
    ['edge/templates/hook.yaml', 'Pod', 'test'],
  ]);
  const skipTests = renderChart(edgeChartWithoutDouble(), { releaseName: 'r', skipTests: true });
  assert.deepEqual(skipTests.manifests.map((m) => m.path), ['edge/templates/dashes.yaml', 'edge/templates/comment.yaml']);
  const noHooks = renderChart(edgeChartWithoutDouble(), { releaseName: 'r', noHooks: true });
  assert.deepEqual(noHooks.manifests.map((m) => m.path), ['edge/templates/dashes.yaml', 'edge/templates/comment.yaml']);
});
