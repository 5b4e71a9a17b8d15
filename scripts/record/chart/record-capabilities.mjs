// Records `.Capabilities` of real helm v3.17.3 `helm template` for default and given
// --kube-version / --api-versions.
//
//   node scripts/record/chart/record-capabilities.mjs
//
// Writes test/helm/chart/golden/capabilities.json.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { helm, helmError, helmVersion, tempDir, writeTree } from './helm.mjs';

const root = resolve(new URL('../../..', import.meta.url).pathname);
const out = join(root, 'test/helm/chart/golden/capabilities.json');

const chart = tempDir('caps-chart-');
writeTree(chart, {
  'Chart.yaml': 'apiVersion: v2\nname: caps\nversion: 0.1.0\n',
  'templates/caps.yaml': `# version: {{ .Capabilities.KubeVersion.Version }}
# major: {{ .Capabilities.KubeVersion.Major }}
# minor: {{ .Capabilities.KubeVersion.Minor }}
# gitVersion: {{ .Capabilities.KubeVersion.GitVersion }}
# kubeJson: {{ toJson .Capabilities.KubeVersion }}
# helmJson: {{ toJson .Capabilities.HelmVersion }}
# hasApps: {{ .Capabilities.APIVersions.Has "apps/v1" }}
# hasKind: {{ .Capabilities.APIVersions.Has "apps/v1/Deployment" }}
# apis: {{ toJson .Capabilities.APIVersions }}
`,
});

const cases = [
  ['default', []],
  ['kube version short', ['--kube-version', '1.29']],
  ['kube version with v and prerelease', ['--kube-version', 'v1.28.3-gke.1200']],
  ['kube version with metadata', ['--kube-version', '1.30.1+k3s1']],
  ['kube version invalid', ['--kube-version', 'abc']],
  ['api versions appended', ['--api-versions', 'monitoring.coreos.com/v1', '--api-versions', 'apps/v1/Deployment,x/v1']],
];

const results = [];
for (const [name, args] of cases) {
  const r = helm(['template', 'x', chart, ...args]);
  if (r.code !== 0) {
    results.push({ name, args, error: helmError(r.stderr) });
    continue;
  }
  const fields = {};
  for (const line of r.stdout.split('\n')) {
    const m = /^# (\w+): (.*)$/.exec(line);
    if (m) fields[m[1]] = m[2];
  }
  fields.apis = JSON.parse(fields.apis);
  fields.kubeJson = JSON.parse(fields.kubeJson);
  fields.helmJson = JSON.parse(fields.helmJson);
  results.push({ name, args, fields });
}
writeFileSync(out, JSON.stringify({ recordedWith: helmVersion(), command: 'node scripts/record/chart/record-capabilities.mjs', cases: results }, null, 1) + '\n');
process.stdout.write(`wrote ${results.length} cases to ${out}\n`);
