/**
 * Kubernetes schema validation of single objects. Expected results are the Kubernetes API's
 * own definitions (OpenAPI v1.34, transcribed by hand: DeploymentSpec requires selector and
 * template, replicas is int32; Container requires name; ServicePort.targetPort is IntOrString;
 * ResourceRequirements holds Quantities; ObjectMeta.labels is map[string]string) and the
 * lifecycle facts of k8s.io/api (batch/v1beta1 CronJob removed in 1.25, apps/v1 introduced 1.9).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlToGo } from '../../../helm/yaml/parse.js';
import { collectCrds, validateObjects, type KubeSchemaOptions } from '../../../contract/kube-schema/validate.js';

const opts = (o: Partial<KubeSchemaOptions> = {}): KubeSchemaOptions => ({ kubeVersion: { major: 1, minor: 32 }, strict: true, unknownKinds: 'warning', ...o });

function check(yaml: string, o: Partial<KubeSchemaOptions> = {}, crdYaml?: string) {
  const crds = collectCrds(crdYaml ? [{ value: parseYamlToGo(crdYaml), source: 'crds/x.yaml' }] : []);
  return validateObjects([{ value: parseYamlToGo(yaml), origin: null }], crds, opts(o)).map((f) => [f.severity, f.problem.path.join('.'), f.problem.message]);
}

const deployment = (spec: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
${spec}`;

const goodSpec = `  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports: [{containerPort: 80}]
          resources:
            limits: {cpu: 1, memory: 128Mi}
            requests: {cpu: "500m"}`;

test('a valid Deployment has no findings (Quantity limits may be numbers)', () => {
  assert.deepEqual(check(deployment(goodSpec)), []);
});

test('type errors: replicas is an integer, labels are strings', () => {
  assert.deepEqual(check(deployment(goodSpec.replace('replicas: 2', 'replicas: "2"'))), [['error', 'spec.replicas', 'expected integer, but got string']]);
  assert.deepEqual(check(deployment(goodSpec.replace('labels: {app: web}', 'labels: {app: 1}'))), [['error', 'spec.template.metadata.labels.app', 'expected string, but got integer']]);
});

test('unknown fields are errors in strict mode only', () => {
  const spec = goodSpec.replace('image: nginx:1.27', 'image: nginx:1.27\n          imagePullPolicyy: Always');
  assert.deepEqual(check(deployment(spec)), [['error', 'spec.template.spec.containers.0.imagePullPolicyy', "additionalProperties 'imagePullPolicyy' not allowed"]]);
  assert.deepEqual(check(deployment(spec), { strict: false }), []);
});

test('required fields: DeploymentSpec.selector, Container.name', () => {
  const noSelector = goodSpec.replace('  selector:\n    matchLabels: {app: web}\n', '');
  assert.deepEqual(check(deployment(noSelector)), [['error', 'spec', "missing properties: 'selector'"]]);
  assert.deepEqual(check(deployment(goodSpec.replace('- name: web\n          image', '- image'))), [['error', 'spec.template.spec.containers.0', "missing properties: 'name'"]]);
});

test('IntOrString: a Service targetPort is a port number or a name', () => {
  const svc = (target: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 80, targetPort: ${target}}]\n`;
  assert.deepEqual(check(svc('8080')), []);
  assert.deepEqual(check(svc('http')), []);
  assert.deepEqual(check(svc('true')), [['error', 'spec.ports.0.targetPort', 'expected integer or string, but got boolean']]);
});

test('kinds the target version does not serve', () => {
  const cron = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\nspec: {}\n';
  assert.deepEqual(check(cron, { kubeVersion: { major: 1, minor: 25 } }), [['error', 'apiVersion', 'batch/v1beta1 CronJob is not served by Kubernetes v1.25 (removed in v1.25)']]);
  assert.deepEqual(check(deployment(goodSpec), { kubeVersion: { major: 1, minor: 8 } }), [['error', 'apiVersion', 'apps/v1 Deployment is not served by Kubernetes v1.8 (introduced in v1.9)']]);
});

test('kinds without a schema follow --unknown-kinds', () => {
  const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n';
  assert.equal(check(widget)[0]?.[0], 'warning');
  assert.equal(check(widget, { unknownKinds: 'error' })[0]?.[0], 'error');
  assert.deepEqual(check(widget, { unknownKinds: 'ignore' }), []);
  // Not a Kubernetes object at all: nothing to say.
  assert.deepEqual(check('a: 1\n'), []);
});

const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size: {type: integer, minimum: 1}
                port: {x-kubernetes-int-or-string: true}
                note: {type: string, nullable: true}
                mode: {type: string, enum: [fast, slow]}
                extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
    - name: v0
      served: false
      storage: false
`;

test('custom resources are checked by their CRD schema, strictly', () => {
  const cr = (spec: string, version = 'v1') => `apiVersion: example.com/${version}\nkind: Widget\nmetadata: {name: w}\nspec:\n${spec}`;
  assert.deepEqual(check(cr('  size: 2\n  port: http\n  note: null\n  extra: {anything: [1, 2]}\n'), {}, crd), []);
  assert.deepEqual(check(cr('  size: 2\n  port: 80\n'), {}, crd), []);
  assert.deepEqual(check(cr('  port: 80\n'), {}, crd), [['error', 'spec', "missing properties: 'size'"]]);
  assert.deepEqual(check(cr('  size: 2\n  colour: red\n'), {}, crd), [['error', 'spec.colour', "additionalProperties 'colour' not allowed"]]);
  assert.deepEqual(check(cr('  size: 2\n  colour: red\n'), { strict: false }, crd), []);
  assert.deepEqual(check(cr('  size: two\n'), {}, crd), [['error', 'spec.size', 'expected integer, but got string']]);
  assert.deepEqual(check(cr('  size: 2\n  mode: medium\n'), {}, crd), [['error', 'spec.mode', 'value must be one of "fast", "slow"']]);
  // A version the CRD does not serve has no schema.
  assert.equal(check(cr('  size: 2\n', 'v0'), {}, crd)[0]?.[2].startsWith('could not find schema for Widget'), true);
});
