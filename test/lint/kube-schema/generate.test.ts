/**
 * generate checks the Kubernetes schema of what each DPUService's chart renders: a warning by
 * default, an error that fails the run with the `kube-schema` parameter set to `error`, nothing
 * with `off`. The chart is the example chart plus a ConfigMap whose data value is a number
 * (ConfigMap.data is map[string]string in the Kubernetes API).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as generate } from '../../../cli/generate.js';
import { captureIO } from '../../../cli/io.js';
import { CHART_REF, DPUSERVICE, EXAMPLE_CHART } from '../../plugin/helpers/dummy-service.js';

const base = mkdtempSync(join(tmpdir(), 'kube-schema-generate-'));
after(() => rmSync(base, { recursive: true, force: true }));
const chart = join(base, 'repo', 'charts', 'dummydpuservice');
cpSync(EXAMPLE_CHART, chart, { recursive: true });
writeFileSync(join(chart, 'templates', 'settings.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-settings\ndata:\n  workers: 4\n');
const app = join(base, 'repo', 'services');
mkdirSync(app, { recursive: true });
writeFileSync(join(app, 'svc.yaml'), DPUSERVICE);

async function gen(mode?: string) {
  const io = captureIO();
  const params: object[] = [{ name: 'cluster', string: 'c' }, { name: 'chart-paths', map: { [CHART_REF]: '../charts/dummydpuservice' } }];
  if (mode) params.push({ name: 'kube-schema', string: mode });
  const code = await generate(['--log-level', 'silent'], io, {
    cwd: app,
    env: { ARGOCD_APP_SOURCE_PATH: 'services', ARGOCD_APP_NAMESPACE: 'dest', ARGOCD_APP_PARAMETERS: JSON.stringify(params), DPU_GITOPS_CACHE_DIR: join(base, '.cache') },
  });
  return { code, out: io.out(), err: io.err() };
}

// generate's line: object, template, field, then the message (which names the field too, as every rule's does).
const PROBLEM = /\[kube-schema\] ConfigMap c-dummy-settings dummydpuservice-chart\/templates\/settings\.yaml data\.workers: data\.workers: expected string, but got integer/;

test('default: a warning, and the stream is printed', async () => {
  const r = await gen();
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, PROBLEM);
  assert.match(r.out, /name: c-dummy-settings/);
});

test('kube-schema=error fails the run; off says nothing', async () => {
  const failed = await gen('error');
  assert.equal(failed.code, 1);
  assert.equal(failed.out, '');
  assert.match(failed.err, PROBLEM);
  const off = await gen('off');
  assert.equal(off.code, 0);
  assert.doesNotMatch(off.err, /kube-schema/);
});

test('a bad mode is a parameter error', async () => {
  const r = await gen('loud');
  assert.equal(r.code, 1);
  assert.match(r.err, /parameter kube-schema: must be warn, error or off/);
});
