/**
 * The public renderChart API (helm/index.ts) against the helm v3.17.3 recording of the DPF-style
 * case: the documents it returns, printed as `helm template` prints them, must be the recording.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadChartSync, renderChart, ReleaseError } from '../../helm/index.js';
import { readValues } from '../../helm/chart/read-values.js';

const caseDir = join(dirname(fileURLToPath(import.meta.url)), 'cases', 'chart-dpf-service');

function dpfValues() {
  const values = readValues(readFileSync(join(caseDir, 'dpuservice-values.yaml')));
  // The recorded case also passes `--set exposedPorts.ports.syslog=true`.
  const exposed = values.get('exposedPorts') as Map<string, unknown>;
  (exposed.get('ports') as Map<string, unknown>).set('syslog', true);
  return values;
}

test('renderChart returns the documents helm template prints, in its order', () => {
  const chart = loadChartSync(join(caseDir, 'chart'));
  const result = renderChart(chart, {
    releaseName: 'dpu-cluster-1-doca-telemetry',
    namespace: 'dpf-operator-system',
    values: dpfValues(),
  });
  const printed = result.manifests.map((m) => `---\n# Source: ${m.path}\n${m.doc}\n`).join('');
  assert.equal(printed, readFileSync(join(caseDir, 'expected.stdout'), 'utf8'));
  assert.deepEqual(
    result.manifests.map((m) => [m.kind, m.name]),
    [
      ['ConfigMap', 'dpu-cluster-1-doca-telemetry-config'],
      ['Service', 'dpu-cluster-1-doca-telemetry-exposed'],
      ['DaemonSet', 'dpu-cluster-1-doca-telemetry'],
    ],
  );
  const daemonSet = result.manifests[2]!.object as { metadata: { namespace: string }; spec: { template: { spec: { hostNetwork: boolean } } } };
  assert.equal(daemonSet.metadata.namespace, 'dpf-operator-system');
  assert.equal(daemonSet.spec.template.spec.hostNetwork, true);
  assert.equal(result.notes, 'doca-telemetry deployed as dpu-cluster-1-doca-telemetry\n');
});

test('renderChart reports template failures with helm wording', () => {
  const chart = loadChartSync(join(caseDir, '..', 'chart-required', 'chart'));
  assert.throws(
    () => renderChart(chart, { releaseName: 'rel' }),
    (e: unknown) => e instanceof ReleaseError && e.message === 'execution error at (app/templates/cm.yaml:7:8): image.tag is required!',
  );
});
