// lint over DPUDeployment apps (issue 13): the inputs are read across files, references and
// deploymentServiceName mismatches, CEL rules, version matching and the composed DPUServices'
// rules are reported with the DPUDeployment's file and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLint } from '../../contract/lint/run-lint.js';
import type { Finding } from '../../contract/types.js';
import { formatPath } from '../../contract/types.js';

const EX = new URL('../../examples/', import.meta.url).pathname;

function copy(): string {
  const root = mkdtempSync(join(tmpdir(), 'dpu-lint-dep-'));
  cpSync(join(EX, 'deployment'), join(root, 'deployment'), { recursive: true });
  cpSync(join(EX, 'charts'), join(root, 'charts'), { recursive: true });
  return root;
}

const lint = (root: string, extra: object = {}) => runLint({ paths: [join(root, 'deployment')], chartDirs: [join(root, 'charts')], cluster: 'dpu-cplane-tenant1', repoRoot: root, ...extra });
const errs = (fs: Finding[]) => fs.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.file?.split('/').pop()}:${f.line} ${f.path ? formatPath(f.path) : ''}: ${String(f.detail?.problem ?? '')}`);
const edit = (file: string, from: string, to: string) => writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));

test('the example lints without errors', () => {
  const r = lint(copy());
  assert.deepEqual(errs(r.findings), []);
});

test('a template that is not there and a deploymentServiceName mismatch, at the DPUDeployment\'s lines', () => {
  const root = copy();
  edit(join(root, 'deployment/dpudeployment.yaml'), 'serviceTemplate: ovn', 'serviceTemplate: ovn-missing');
  edit(join(root, 'deployment/dpuserviceconfigurations.yaml'), 'deploymentServiceName: hbn', 'deploymentServiceName: hbn2');
  assert.deepEqual(errs(lint(root).findings), [
    "deployment-references dpudeployment.yaml:26 spec.services.hbn.serviceConfiguration: service in DPUServiceConfiguration dpf-operator-system/hbn doesn't match requested service in DPUDeployment (its deploymentServiceName is \"hbn2\", the service key \"hbn\")",
    'deployment-references dpudeployment.yaml:28 spec.services.ovn.serviceTemplate: error while getting svc.dpu.nvidia.com/v1alpha1, Kind=DPUServiceTemplate dpf-operator-system/ovn-missing: not found in the app directory',
  ]);
});

test('a CEL rule of the DPUDeployment, at its line', () => {
  const root = copy();
  edit(join(root, 'deployment/dpudeployment.yaml'), 'name: ovn-hbn', 'name: ovn-hbn-with-a-long-name');
  assert.deepEqual(errs(lint(root).findings), ["deployment-spec dpudeployment.yaml:8 metadata.name: name length can't be bigger than 20 chars"]);
});

test('version matching: the BFB\'s DOCA version, else docaVersion', () => {
  const root = copy();
  edit(join(root, 'deployment/bfb.yaml'), 'doca: 2.9.1', 'doca: 2.8.0');
  const e = errs(lint(root).findings);
  assert.equal(e.length, 2);
  assert.match(e[0]!, /^deployment-version dpudeployment\.yaml:\d+ spec\.dpus\.bfb: version constraint for 'dpu\.nvidia\.com\/doca-version' found in DPUServiceTemplate '(hbn|ovn)' is not satisfied by the version '2\.8\.0' found in the given BFB$/);
  rmSync(join(root, 'deployment/bfb.yaml'));
  assert.deepEqual(errs(lint(root).findings), []);
  assert.equal(errs(lint(root, { docaVersion: '2.8.0' }).findings).length, 2);
});

test('a composed DPUService that DPF would reject is reported at the service\'s entry', () => {
  const root = copy();
  // A configPorts nodePort outside the NodePort range: checked on the composed DPUService.
  edit(join(root, 'deployment/dpuserviceconfigurations.yaml'), '  upgradePolicy:\n', '    configPorts:\n      ports:\n        - {name: api, port: 80, protocol: TCP, nodePort: 80}\n  upgradePolicy:\n');
  const e = errs(lint(root).findings);
  assert.deepEqual(e.map((x) => x.replace(/:\d+ /, ':N ')), ['dpuservice-config-ports dpudeployment.yaml:N spec.configPorts.ports[0].nodePort: must be between 30000 and 32767']);
});

test('dpu-gitops lint --doca-version: exit 1 with the mismatch when the BFB is not among the paths', async () => {
  const { run } = await import('../../cli/lint.js');
  const root = copy();
  rmSync(join(root, 'deployment/bfb.yaml'));
  let out = '';
  const io = { stdout: (s: string) => void (out += s), stderr: (s: string) => void (out += s) };
  const args = [join(root, 'deployment'), '--chart-dir', join(root, 'charts'), '--no-render', '--repo-root', root];
  assert.equal(await run(args, io), 0, out);
  out = '';
  assert.equal(await run([...args, '--doca-version', '2.8'], io), 1, out);
  assert.match(out, /error \[deployment-version\] .*is not satisfied by the version '2\.8' found in the given BFB/);
});
