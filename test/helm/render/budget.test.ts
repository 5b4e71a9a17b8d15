// renderChart (the library path of the CMP, lint and the webhook) bounds template execution;
// `dpu-gitops template` (helm's behaviour) does not. The test timeouts only turn a regression
// into a failure instead of a hang; no duration is asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderChart } from '../../../helm/index.js';
import { loadChartFromFiles } from '../../../helm/chart/load-files.js';

function chart(template: string) {
  const file = (name: string, text: string) => ({ name, data: new TextEncoder().encode(text) });
  return loadChartFromFiles([
    file('Chart.yaml', 'apiVersion: v2\nname: runaway\nversion: 0.1.0\n'),
    file('templates/cm.yaml', template),
    file('templates/_helpers.tpl', '{{- define "spin" }}{{ range until 100000 }}{{ range until 100000 }}x{{ end }}{{ end }}{{ end }}'),
  ]);
}

test('a runaway range ends with a limit error, not a hang', { timeout: 60_000 }, () => {
  const loop = '{{ range $i := until 100000 }}{{ range $j := until 100000 }}{{ end }}{{ end }}';
  assert.throws(() => renderChart(chart(loop), { releaseName: 'r', timeoutMs: 200 }), /rendering did not finish within 200 ms/);
});

test('a runaway include is stopped by the same budget', { timeout: 60_000 }, () => {
  assert.throws(
    () => renderChart(chart('{{ include "spin" . }}'), { releaseName: 'r', timeoutMs: 200, maxOutputChars: 1 << 30 }),
    /error calling include: rendering did not finish within 200 ms/,
  );
});

test('output beyond the bound ends with a limit error', { timeout: 60_000 }, () => {
  const big = '{{ range until 100000 }}{{ range until 100000 }}xxxxxxxxxxxxxxxx{{ end }}{{ end }}';
  assert.throws(
    () => renderChart(chart(big), { releaseName: 'r', timeoutMs: 600_000, maxOutputChars: 1 << 20 }),
    /rendering produced more than 1048576 characters of output/,
  );
});

test('an ordinary chart renders within the default budget', () => {
  const ok = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  n: {{ len (until 1000) | quote }}\n';
  const result = renderChart(chart(ok), { releaseName: 'r' });
  assert.equal(result.manifests.length, 1);
  assert.equal(result.manifests[0]!.name, 'r');
});
