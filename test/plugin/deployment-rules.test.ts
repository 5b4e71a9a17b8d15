// Rule control in the DPUDeployment stage (issue 15 item 5): the findings of the
// DPUServiceTemplates, DPUServiceConfigurations and DPUDeployments of examples/deployment are
// disabled by rules.disable / --disable, re-graded by rules.severity, and settled by the
// dpu-gitops.nvidia.com/disable annotation on the object they are about (a DPUDeployment's
// version findings also by its template's annotation). Expected texts are the rules' own
// (DPF's CEL message for the name length; the deployment-version "no DOCA version" warning).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ruleControl, type RuleControl } from '../../config/rules.js';
import { MessageCatalog } from '../../contract/index.js';
import { composedAnnotationIds, composeDeploymentStage, matchServiceVersion } from '../../plugin/deployment-stage.js';
import type { Problem } from '../../plugin/problems.js';

const DIR = new URL('../../examples/deployment/', import.meta.url).pathname;
const messages = MessageCatalog.load();
const ANNOTATION = 'dpu-gitops.nvidia.com/disable';
const LONG_NAME = 'ovn-hbn-with-a-long-name'; // 24 characters: DPF's CEL allows 20

type Obj = { kind: string; metadata: { name: string; annotations?: Record<string, string> }; [k: string]: unknown };

/** The example's inputs (IPAM aside), each as generate reads them. */
function inputs(): { value: Obj; location: { file: string; doc: number; line: number } }[] {
  const out: { value: Obj; location: { file: string; doc: number; line: number } }[] = [];
  for (const file of readdirSync(DIR).filter((f) => f !== 'ipam.yaml').sort()) {
    parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).forEach((d, doc) => out.push({ value: d.toJS() as Obj, location: { file, doc, line: 1 } }));
  }
  return out;
}

function edit(docs: ReturnType<typeof inputs>, kind: string, name: string, change: (o: Obj) => void): void {
  const d = docs.find((x) => x.value.kind === kind && x.value.metadata.name === name);
  assert.ok(d, `${kind} ${name}`);
  change(d.value);
}

const annotate = (ids: string) => (o: Obj) => void (o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [ANNOTATION]: ids });

function stage(docs: ReturnType<typeof inputs>, rules?: RuleControl) {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const s = composeDeploymentStage(docs, 'default', '', messages, errors, warnings, rules);
  return { stage: s, errors, warnings, services: s.services.map((x) => x.name).length };
}

const LENGTH_ERROR = /\[deployment-spec\] metadata\.name name length can't be bigger than 20 chars \(found 24 characters\)/;

test('a DPUDeployment finding: an error by default; rules.severity lowers it, rules.disable and the annotation drop it', () => {
  const long = () => {
    const docs = inputs();
    edit(docs, 'DPUDeployment', 'ovn-hbn', (o) => void (o.metadata.name = LONG_NAME));
    return docs;
  };
  const plain = stage(long());
  assert.equal(plain.errors.length, 1);
  assert.match(plain.errors[0]!.message, LENGTH_ERROR);
  assert.equal(plain.errors[0]!.object, `DPUDeployment dpf-operator-system/${LONG_NAME}`);
  assert.equal(plain.services, 0);

  const lowered = stage(long(), ruleControl({ disable: [], severity: { 'deployment-spec': 'warning' } }));
  assert.deepEqual(lowered.errors, []);
  assert.equal(lowered.warnings.filter((w) => LENGTH_ERROR.test(w.message)).length, 1);
  assert.equal(lowered.services, 2, 'a warning does not stop composing');

  const disabled = stage(long(), ruleControl({ disable: ['deployment-spec'], severity: {} }));
  assert.deepEqual([disabled.errors, disabled.warnings.filter((w) => LENGTH_ERROR.test(w.message)), disabled.services], [[], [], 2]);
  const byFlag = stage(long(), ruleControl(undefined, ['deployment-spec']));
  assert.deepEqual([byFlag.errors, byFlag.services], [[], 2]);

  const docs = long();
  edit(docs, 'DPUDeployment', LONG_NAME, annotate('deployment-spec'));
  const annotated = stage(docs);
  assert.deepEqual([annotated.errors, annotated.warnings.filter((w) => LENGTH_ERROR.test(w.message)), annotated.services], [[], [], 2]);
});

test('a reference warning (the BFB is not in the app directory) is settled by the DPUDeployment\'s annotation', () => {
  const withoutBfb = () => inputs().filter((d) => d.value.kind !== 'BFB');
  const plain = stage(withoutBfb());
  assert.deepEqual(plain.errors, []);
  const refs = plain.warnings.filter((w) => w.message.startsWith('[deployment-references]'));
  assert.equal(refs.length, 1);
  assert.equal(refs[0]!.object, 'DPUDeployment dpf-operator-system/ovn-hbn');
  const docs = withoutBfb();
  edit(docs, 'DPUDeployment', 'ovn-hbn', annotate('deployment-references'));
  assert.deepEqual(stage(docs).warnings.filter((w) => w.message.startsWith('[deployment-references]')), []);
});

test('an unresolved reference with its rule disabled composes nothing and says so (no crash, no silent drop)', () => {
  const docs = inputs().filter((d) => !(d.value.kind === 'DPUServiceTemplate' && d.value.metadata.name === 'hbn'));
  const r = stage(docs, ruleControl({ disable: ['deployment-references'], severity: {} }));
  assert.deepEqual(r.errors, []);
  assert.equal(r.services, 0);
  assert.ok(r.warnings.some((w) => w.object === 'DPUDeployment dpf-operator-system/ovn-hbn' && w.message.startsWith('not composed: ')), JSON.stringify(r.warnings));
});

test('version matching: the "no DOCA version" warning is settled by the template\'s or the DPUDeployment\'s annotation; raised to error it fails', () => {
  const NO_DOCA = /\[deployment-version\] spec\.dpus: versions not matched: no DOCA version known/;
  const run = (docs: ReturnType<typeof inputs>, rules?: RuleControl) => {
    const s = stage(docs, rules);
    const errors: Problem[] = [];
    const warnings: Problem[] = [];
    const ok = s.stage.services.map((svc) => matchServiceVersion(svc, { 'dpu.nvidia.com/doca-version': '>= 2.9' }, s.stage, messages, errors, warnings, rules));
    return { ok, errors, warnings: warnings.filter((w) => NO_DOCA.test(w.message)) };
  };
  const withoutBfb = () => inputs().filter((d) => d.value.kind !== 'BFB');
  const plain = run(withoutBfb());
  assert.deepEqual(plain.ok, [true, true]);
  assert.equal(plain.warnings.length, 2, 'one per composed service');
  assert.equal(plain.warnings[0]!.object, 'DPUDeployment dpf-operator-system/ovn-hbn');

  const byTemplate = withoutBfb();
  edit(byTemplate, 'DPUServiceTemplate', 'hbn', annotate('deployment-version'));
  assert.equal(run(byTemplate).warnings.length, 1, 'the hbn service\'s is settled, the ovn one\'s stays');

  const byDeployment = withoutBfb();
  edit(byDeployment, 'DPUDeployment', 'ovn-hbn', annotate('deployment-version'));
  assert.equal(run(byDeployment).warnings.length, 0);

  const raised = run(withoutBfb(), ruleControl({ disable: [], severity: { 'deployment-version': 'error' } }));
  assert.deepEqual(raised.ok, [false, false]);
  assert.equal(raised.errors.filter((e) => NO_DOCA.test(e.message)).length, 2);
});

test('composedAnnotationIds: what the DPUDeployment, template and configuration of a composed service name (for its chart\'s findings)', () => {
  const docs = inputs();
  edit(docs, 'DPUServiceTemplate', 'hbn', annotate('arm64-image'));
  edit(docs, 'DPUServiceConfiguration', 'hbn', annotate('kube-schema'));
  edit(docs, 'DPUDeployment', 'ovn-hbn', annotate('image-pull-secrets'));
  const { stage: s } = stage(docs);
  const ids = (service: string) => [...composedAnnotationIds(s, s.services.find((x) => s.origins.get(`${x.namespace}/${x.name}`)?.service === service)!)].sort();
  assert.deepEqual(ids('hbn'), ['arm64-image', 'image-pull-secrets', 'kube-schema']);
  assert.deepEqual(ids('ovn'), ['image-pull-secrets']);
  assert.deepEqual([...composedAnnotationIds(s, { namespace: 'x', name: 'not-composed' })], []);
});
