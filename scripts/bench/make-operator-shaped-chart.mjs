#!/usr/bin/env node
// Writes bench/charts/operator-shaped: a chart of our own with the shape of DPF's dpf-operator
// chart (hundreds of templates, several subcharts, large CRDs rendered from templates,
// include/toYaml/tpl-heavy helpers), for the render benchmarks. Deterministic: the same files
// every run. Its helm v3.17.3 output is recorded by scripts/bench/record-operator-shaped.sh.
//   node scripts/bench/make-operator-shaped-chart.mjs
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'charts', 'operator-shaped');
rmSync(root, { recursive: true, force: true });

function write(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

const CONTROLLERS = ['provisioning', 'dpuservice', 'dpudeployment', 'servicechain', 'ipam', 'interface', 'credential', 'storage', 'flavor', 'bfb', 'cluster', 'nodeeffect', 'maintenance', 'upgrade', 'kamaji-manager', 'static-cm'];
const SUBCHARTS = [
  { name: 'networking', controllers: ['multus', 'sriov', 'ovs-cni', 'ovs-helper', 'sfc', 'chainset', 'ipam-node', 'flannel'] },
  { name: 'monitoring', controllers: ['exporter', 'collector', 'relabeler', 'alerts'] },
  { name: 'storage-plugin', controllers: ['csi-node', 'csi-controller', 'snapshotter'] },
  { name: 'nfd', controllers: ['master', 'worker', 'gc'] },
  { name: 'cert-helper', controllers: ['issuer', 'injector'] },
  { name: 'kamaji-lite', controllers: ['api', 'etcd', 'datastore'] },
];

function helpers(chart) {
  return `{{/* Helpers in the style of DPF's chart: names, labels, images and resources through include, tpl and toYaml. */}}
{{- define "${chart}.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "${chart}.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "${chart}.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "${chart}.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ tpl (toYaml .) $ }}
{{- end }}
{{- end }}

{{- define "${chart}.selectorLabels" -}}
app.kubernetes.io/name: {{ include "${chart}.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "${chart}.image" -}}
{{- $registry := tpl (.root.Values.image.registry | default "nvcr.io") .root -}}
{{- printf "%s/%s:%s" $registry .image.repository (.image.tag | default .root.Chart.AppVersion) -}}
{{- end }}

{{- define "${chart}.resources" -}}
{{- $defaults := dict "requests" (dict "cpu" "100m" "memory" "128Mi") "limits" (dict "memory" "512Mi") -}}
{{- toYaml (mergeOverwrite $defaults (.resources | default dict)) -}}
{{- end }}

{{- define "${chart}.securityContext" -}}
{{- toYaml (dict "allowPrivilegeEscalation" false "readOnlyRootFilesystem" true "runAsNonRoot" true "capabilities" (dict "drop" (list "ALL"))) -}}
{{- end }}
`;
}

function controllerTemplates(chart, c) {
  const v = `.Values.controllers.${c.replace(/-/g, '_')}`;
  const name = `{{ include "${chart}.fullname" . }}-${c}`;
  const common = `  labels:\n    {{- include "${chart}.labels" . | nindent 4 }}\n    app.kubernetes.io/component: ${c}\n`;
  return {
    [`${c}/deployment.yaml`]: `{{- if ${v}.enabled }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: {{ .Release.Namespace }}
${common}spec:
  replicas: {{ ${v}.replicas | default 1 }}
  selector:
    matchLabels:
      {{- include "${chart}.selectorLabels" . | nindent 6 }}
      app.kubernetes.io/component: ${c}
  template:
    metadata:
      annotations:
        checksum/config: {{ include (print $.Template.BasePath "/${c}/configmap.yaml") . | sha256sum }}
      labels:
        {{- include "${chart}.selectorLabels" . | nindent 8 }}
        app.kubernetes.io/component: ${c}
    spec:
      serviceAccountName: ${name}
      {{- with .Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: manager
          image: {{ include "${chart}.image" (dict "root" . "image" ${v}.image) }}
          args:
            {{- range $k, $val := ${v}.flags }}
            - --{{ $k }}={{ $val }}
            {{- end }}
          ports:
            - name: metrics
              containerPort: 8080
            - name: webhook
              containerPort: 9443
          resources:
            {{- include "${chart}.resources" (dict "resources" ${v}.resources) | nindent 12 }}
          securityContext:
            {{- include "${chart}.securityContext" . | nindent 12 }}
          volumeMounts:
            - name: config
              mountPath: /etc/${c}
      volumes:
        - name: config
          configMap:
            name: ${name}
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end }}
`,
    [`${c}/service.yaml`]: `{{- if ${v}.enabled }}
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: {{ .Release.Namespace }}
${common}spec:
  ports:
    - name: metrics
      port: 8080
      targetPort: metrics
    - name: webhook
      port: 443
      targetPort: webhook
  selector:
    {{- include "${chart}.selectorLabels" . | nindent 4 }}
    app.kubernetes.io/component: ${c}
{{- end }}
`,
    [`${c}/serviceaccount.yaml`]: `{{- if ${v}.enabled }}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
  namespace: {{ .Release.Namespace }}
${common}{{- end }}
`,
    [`${c}/role.yaml`]: `{{- if ${v}.enabled }}
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ${name}
${common}rules:
{{- range $group := list "" "apps" "svc.dpu.nvidia.com" "provisioning.dpu.nvidia.com" "operator.dpu.nvidia.com" "storage.dpu.nvidia.com" }}
  - apiGroups: [{{ $group | quote }}]
    resources: ["*"]
    verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
{{- end }}
{{- end }}
`,
    [`${c}/rolebinding.yaml`]: `{{- if ${v}.enabled }}
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ${name}
${common}roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ${name}
subjects:
  - kind: ServiceAccount
    name: ${name}
    namespace: {{ .Release.Namespace }}
{{- end }}
`,
    [`${c}/pdb.yaml`]: `{{- if and ${v}.enabled (gt (int (${v}.replicas | default 1)) 1) }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${name}
  namespace: {{ .Release.Namespace }}
${common}spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      {{- include "${chart}.selectorLabels" . | nindent 6 }}
      app.kubernetes.io/component: ${c}
{{- end }}
`,
    [`${c}/configmap.yaml`]: `{{- if ${v}.enabled }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  namespace: {{ .Release.Namespace }}
${common}data:
  config.yaml: |
    {{- tpl (toYaml ${v}.config) . | nindent 4 }}
  flags.json: {{ toJson ${v}.flags | quote }}
{{- end }}
`,
  };
}

/** A CRD rendered from a template, with a large generated schema (like DPF's 100-900 KB CRDs). */
function crdTemplate(chart, kind, group, fields) {
  const props = (depth, prefix) => {
    if (depth === 0) return `type: string\ndescription: ${prefix} is a leaf field of the generated schema; it carries a sentence of text the way real CRDs do.\n`;
    let out = 'type: object\nproperties:\n';
    for (let i = 0; i < fields; i++) {
      const child = props(depth - 1, `${prefix}.f${i}`).split('\n').filter(Boolean).map((l) => `    ${l}`).join('\n');
      out += `  f${i}:\n${child}\n`;
    }
    return out;
  };
  const schema = props(3, kind).split('\n').filter(Boolean).map((l) => `            ${l}`).join('\n');
  const plural = `${kind.toLowerCase()}s`;
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${plural}.${group}
  annotations:
    controller-gen.kubebuilder.io/version: v0.16.1
  labels:
    {{- include "${chart}.labels" . | nindent 4 }}
spec:
  group: ${group}
  names:
    kind: ${kind}
    listKind: ${kind}List
    plural: ${plural}
    singular: ${kind.toLowerCase()}
  scope: Namespaced
  versions:
    - name: v1alpha1
      served: true
      storage: true
      subresources:
        status: {}
      schema:
        openAPIV3Schema:
${schema}
`;
}

function values(controllers) {
  let out = `nameOverride: ""\nfullnameOverride: ""\nimagePullSecrets:\n  - name: ngc-secret\nimage:\n  registry: "{{ .Release.Name }}-registry.example.com"\ncommonLabels:\n  team: dpf\n  release: "{{ .Release.Name }}"\ntolerations:\n  - key: node-role.kubernetes.io/control-plane\n    operator: Exists\n    effect: NoSchedule\ncontrollers:\n`;
  for (const c of controllers) {
    out += `  ${c.replace(/-/g, '_')}:\n    enabled: true\n    replicas: 1\n    image:\n      repository: doca/${c}-controller\n      tag: v24.10.0\n    flags:\n      leader-elect: "true"\n      metrics-bind-address: ":8080"\n      zap-log-level: "info"\n    resources:\n      requests:\n        cpu: 200m\n    config:\n      name: "{{ .Release.Name }}-${c}"\n      reconcileSeconds: 30\n      features:\n        - a\n        - b\n`;
  }
  return out;
}

// The parent chart: 16 controllers x 7 templates, 24 CRDs, helpers, NOTES.
const KINDS = ['DPUService', 'DPUDeployment', 'DPUServiceChain', 'DPUServiceIPAM', 'DPUServiceInterface', 'DPUServiceCredentialRequest', 'DPUServiceTemplate', 'DPUServiceConfiguration', 'DPU', 'DPUSet', 'BFB', 'DPUFlavor', 'DPUCluster', 'DPFOperatorConfig', 'ServiceChain', 'ServiceChainSet', 'ServiceInterface', 'ServiceInterfaceSet', 'DPUStorageVendor', 'DPUStoragePolicy', 'DPUVolume', 'DPUVolumeAttachment', 'DPUNode', 'DPUNodeMaintenance'];
write(join(root, 'Chart.yaml'), `apiVersion: v2\nname: operator-shaped\ndescription: A chart with the shape of DPF's dpf-operator chart, for benchmarks.\ntype: application\nversion: 0.1.0\nappVersion: v24.10.0\ndependencies:\n${SUBCHARTS.map((s) => `  - name: ${s.name}\n    version: 0.1.0\n    condition: ${s.name.replace(/-/g, '_')}.enabled\n`).join('')}`);
write(join(root, 'values.yaml'), `${values(CONTROLLERS)}${SUBCHARTS.map((s) => `${s.name.replace(/-/g, '_')}:\n  enabled: true\n`).join('')}`);
write(join(root, 'templates', '_helpers.tpl'), helpers('operator'));
write(join(root, 'templates', 'NOTES.txt'), 'Installed {{ .Chart.Name }} {{ .Chart.Version }} as {{ .Release.Name }}.\n');
for (const c of CONTROLLERS) for (const [file, text] of Object.entries(controllerTemplates('operator', c))) write(join(root, 'templates', file), text);
KINDS.forEach((kind, i) => write(join(root, 'templates', 'crds', `${kind.toLowerCase()}.yaml`), crdTemplate('operator', kind, i % 2 ? 'svc.dpu.nvidia.com' : 'provisioning.dpu.nvidia.com', 6)));

// Subcharts, each with its own helpers and controllers.
for (const s of SUBCHARTS) {
  const dir = join(root, 'charts', s.name);
  const chart = s.name.replace(/-/g, '');
  write(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${s.name}\nversion: 0.1.0\nappVersion: v24.10.0\n`);
  write(join(dir, 'values.yaml'), values(s.controllers));
  write(join(dir, 'templates', '_helpers.tpl'), helpers(chart));
  for (const c of s.controllers) for (const [file, text] of Object.entries(controllerTemplates(chart, c))) write(join(dir, 'templates', file), text);
  write(join(dir, 'templates', 'crds', `${s.name}.yaml`), crdTemplate(chart, `${s.name.replace(/(^|-)(\w)/g, (_, __, ch) => ch.toUpperCase())}Config`, `${s.name}.dpu.nvidia.com`, 5));
}
process.stdout.write(`wrote ${root}\n`);
