// `dpu-gitops render-startup`: the example template against what Python Jinja2 rendered
// (examples/expected, recorded by scripts/record/per-dpu/record-example.py), and the errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureIO } from '../../cli/io.js';
import { run } from '../../cli/render-startup.js';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { yamlStream } from '../../plugin/output.js';
import { decodeDpuServiceIpam, loadInventoryFile, perDpuShards, renderPerDpu } from '../../plugin/per-dpu/index.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const CONTEXT = join(ROOT, 'examples/startup-context.yaml');
const EXPECTED = readFileSync(join(ROOT, 'examples/expected/hbn-startup.worker1-0000-09-00.yaml'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'render-startup-'));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const HBN_TEMPLATE = (readFileSync(join(ROOT, 'examples/services/hbn.yaml'), 'utf8').match(/startupYAMLJ2: \|\n([\s\S]*?)\n  serviceID/)![1]!)
  .split('\n')
  .map((l) => l.slice(10))
  .join('\n');

async function renderStartup(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO();
  const code = await run([...args, '--log-format', 'text'], io);
  return { code, out: io.out(), err: io.err() };
}

test('the DPUService example renders byte for byte what Python Jinja2 rendered', async () => {
  const r = await renderStartup([join(ROOT, 'examples/services/hbn.yaml'), '--context', CONTEXT]);
  assert.equal(r.err, '');
  assert.equal(r.code, 0);
  assert.equal(r.out, EXPECTED);
});

test('a template file gives the same bytes as the DPUService holding it', async () => {
  const r = await renderStartup([file('startup.yaml.j2', `${HBN_TEMPLATE}\n`), '-c', CONTEXT]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, EXPECTED);
});

test('a missing variable: non-zero exit, file, line and variable named, nothing on stdout', async () => {
  const r = await renderStartup([file('missing.j2', 'a: {{ hostname }}\nb: {{ config.bgp_asn }}\n'), '-c', CONTEXT]);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.equal(r.err, `error: ${dir}/missing.j2:2: template-render: undefined variable 'bgp_asn': UndefinedError: 'dict object' has no attribute 'bgp_asn' [DPU worker1-0000-09-00]\n`);
});

test('line numbers inside a DPUService count in the template text', async () => {
  const svc = file('svc.yaml', 'apiVersion: svc.dpu.nvidia.com/v1alpha1\nkind: DPUService\nmetadata: {name: x}\nspec:\n  helmChart:\n    values:\n      configuration:\n        startupYAMLJ2: |\n          a: 1\n          b: {{ ipaddresses.ip_lo.cidr }}\n          c: {{ ipaddresses.ip_mgmt.ip }}\n');
  const r = await renderStartup([svc, '-c', CONTEXT]);
  assert.equal(r.code, 1);
  assert.match(r.err, /^error: \S+svc\.yaml \(startupYAMLJ2\):3: template-render: undefined variable 'ip_mgmt'/);
});

test('syntax errors, non-YAML output and runaway loops fail cleanly', { timeout: 30_000 }, async () => {
  const syntax = await renderStartup([file('syntax.j2', 'a: 1\n{% for x in config.vlans %}\n'), '-c', CONTEXT]);
  assert.equal(syntax.code, 1);
  assert.match(syntax.err, /syntax\.j2:2: template-syntax: TemplateSyntaxError: Unexpected end of template/);
  const notYaml = await renderStartup([file('flow.j2', 'a: [{{ hostname }}\n'), '-c', CONTEXT]);
  assert.equal(notYaml.code, 1);
  assert.match(notYaml.err, /flow\.j2: output-not-yaml: rendered config is not YAML/);
  const shown = await renderStartup([join(dir, 'flow.j2'), '-c', CONTEXT, '--no-yaml-check']);
  assert.equal(shown.code, 0);
  assert.equal(shown.out, 'a: [worker1-0000-09-00');
  const loop = await renderStartup([file('loop.j2', '{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}'), '-c', CONTEXT]);
  assert.equal(loop.code, 1);
  // Whichever bound comes first (steps, or the clock on a loaded machine) ends it cleanly.
  assert.match(loop.err, /loop\.j2:1: template-limit: LimitExceeded: template (exceeded \d+ evaluation steps|rendering exceeded \d+ ms)/);
  const escape = await renderStartup([file('escape.j2', "{{ ''.__class__.__mro__[1].__subclasses__() }}"), '-c', CONTEXT]);
  assert.equal(escape.code, 1);
  assert.match(escape.err, /escape\.j2:1: template-security: SecurityError/);
});

test('a context file is read as PyYAML reads it, and checked', async () => {
  const ctx = file('ctx.yaml', "hostname: dpu1\nconfig: {flag: on, ratio: 1.0, octal: 010}\nipaddresses: {ip_lo: {cidr: 11.0.0.5/32}}\n");
  const r = await renderStartup([file('types.j2', 'flag: {{ config.flag }}\nratio: {{ config.ratio }}\noctal: {{ config.octal }}\nlo: {{ ipaddresses.ip_lo }}\n'), '-c', ctx]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, "flag: True\nratio: 1.0\noctal: 8\nlo: {'ip': '11.0.0.5', 'cidr': '11.0.0.5/32', 'prefixlen': 32, 'gateway': ''}");
  const bad = await renderStartup([join(dir, 'types.j2'), '-c', file('bad.yaml', 'hostname: dpu1\nconfig: [1]\nipaddress: {}\nipaddresses: {a: {cidr: 1.2.3.4/24, prefixlen: 16}}\n')]);
  assert.equal(bad.code, 1);
  assert.equal(
    bad.err,
    `error: ${dir}/bad.yaml: invalid startup context: ipaddress: unknown key (a template sees only hostname, config and ipaddresses); config: must be a mapping (the merged perDPUValuesYAML values); ipaddresses.a.prefixlen: 16 disagrees with 24 derived from the other keys\n`,
  );
});

test('usage errors exit 2', async () => {
  assert.equal((await renderStartup([])).code, 2);
  assert.equal((await renderStartup([join(ROOT, 'examples/services/hbn.yaml')])).code, 2);
  assert.equal((await renderStartup(['a', 'b', '-c', CONTEXT])).code, 2);
  const help = await renderStartup(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /^Usage: dpu-gitops render-startup TEMPLATE \(--context FILE\.yaml \| --shards STREAM\.yaml --dpu NODE\)/);
});

/** The example service's startup shards (as generate emits them) written to a file; `transform` edits the stream. */
function shardsFile(name: string, transform: (s: string) => string = (s) => s): string {
  const svc = parse(readFileSync(join(ROOT, 'examples/services/hbn.yaml'), 'utf8')) as { metadata: { name: string; namespace: string }; spec: { helmChart: { values: Record<string, unknown> }; serviceDaemonSet: Record<string, unknown> } };
  const inventory = loadInventoryFile(join(ROOT, 'examples/inventory.yaml'));
  const ipams = parseAllDocuments(readFileSync(join(ROOT, 'examples/services/ipam.yaml'), 'utf8')).map((d) => decodeDpuServiceIpam(d.toJS()));
  const r = renderPerDpu({ name: svc.metadata.name, namespace: svc.metadata.namespace, values: svc.spec.helmChart.values, serviceDaemonSet: svc.spec.serviceDaemonSet }, inventory, { ipams });
  const shards = perDpuShards(r, { releaseName: 'rel', namespace: 'ns', serviceID: 'doca-hbn', shards: 4 });
  return file(name, transform(yamlStream(shards.map((s) => ({ comments: [], object: s.object })))));
}

test("--shards --dpu: the context generate stored for the DPU renders Python's bytes", async () => {
  const stream = shardsFile('shards.yaml');
  const r = await renderStartup([join(ROOT, 'examples/services/hbn.yaml'), '--shards', stream, '--dpu', 'worker1-0000-09-00']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, EXPECTED);
  // kubectl get configmap -o yaml prints a List
  const list = file('list.yaml', stringify({ apiVersion: 'v1', kind: 'List', items: parseAllDocuments(readFileSync(stream, 'utf8')).map((d) => d.toJS()) }));
  const fromList = await renderStartup([join(ROOT, 'examples/services/hbn.yaml'), '--shards', list, '--dpu', 'worker1-0000-09-00']);
  assert.equal(fromList.out, EXPECTED);
});

test('--shards: a DPU in no shard, or in two, is an error naming it; the flags go together', async () => {
  const stream = shardsFile('shards2.yaml');
  const missing = await renderStartup([join(ROOT, 'examples/services/hbn.yaml'), '--shards', stream, '--dpu', 'worker3-0000-08-00']);
  assert.equal(missing.code, 1);
  assert.equal(missing.err, `error: ${stream}: invalid startup context: no ConfigMap holds worker3-0000-08-00.context.json: DPU 'worker3-0000-08-00' is in none of these startup shards\n`);
  const twice = shardsFile('twice.yaml', (s) => `${s}${s.replaceAll('namespace: ns', 'namespace: other')}`);
  const dup = await renderStartup([join(ROOT, 'examples/services/hbn.yaml'), '--shards', twice, '--dpu', 'worker1-0000-09-00']);
  assert.equal(dup.code, 1);
  assert.match(dup.err, /invalid startup context: 2 ConfigMaps hold worker1-0000-09-00\.context\.json \(ns\/rel-startup-2, other\/rel-startup-2\)/);
  for (const args of [['--shards', stream], ['--dpu', 'x'], ['--shards', stream, '--dpu', 'x', '--context', CONTEXT]]) {
    const usage = await renderStartup([join(ROOT, 'examples/services/hbn.yaml'), ...args]);
    assert.equal(usage.code, 2, args.join(' '));
    assert.match(usage.err, /^error: render-startup needs one TEMPLATE and either --context FILE or --shards FILE with --dpu NODE\n/);
  }
});

test("--mode dpf renders as DPF's guideline renderer (autoescape, lenient Undefined); a DPUService's annotation sets it", async () => {
  // Python 3.11 + Jinja2 3.1.2: Environment(autoescape=True).from_string(t).render(hostname='h', config={'d': "it's <x>"}, ipaddresses={})
  //   -> "a: it&#39;s &lt;x&gt;\nb: \nc: h"
  const t = file('dpf.j2', 'a: {{ config.d }}\nb: {{ config.nosuch }}\nc: {{ hostname }}');
  const ctx = file('dpf-ctx.yaml', 'hostname: h\nconfig: {d: "it\'s <x>"}\n');
  const dpf = await renderStartup([t, '--context', ctx, '--mode', 'dpf']);
  assert.equal(dpf.code, 0, dpf.err);
  assert.equal(dpf.out, 'a: it&#39;s &lt;x&gt;\nb: \nc: h');
  const strict = await renderStartup([t, '--context', ctx]);
  assert.equal(strict.code, 1);
  assert.match(strict.err, /dpf\.j2:2: template-render: undefined variable 'nosuch': UndefinedError: 'dict object' has no attribute 'nosuch'/);
  const svc = readFileSync(join(ROOT, 'examples/services/hbn.yaml'), 'utf8').replace('  namespace: dpf-operator-system\nspec:', '  namespace: dpf-operator-system\n  annotations:\n    dpu-gitops.nvidia.com/startup-render-mode: dpf\nspec:').replace('{{ config.mtu }}', '{{ config.mtu }}{{ config.nosuch }}');
  const annotated = await renderStartup([file('annotated.yaml', svc), '--context', CONTEXT]);
  assert.equal(annotated.code, 0, annotated.err);
  assert.equal(annotated.out, EXPECTED);
  assert.equal((await renderStartup([file('annotated2.yaml', svc), '--context', CONTEXT, '--mode', 'strict'])).code, 1);
  assert.equal((await renderStartup([t, '--context', ctx, '--mode', 'loose'])).code, 2);
});

test('a DPUService file without a startupYAMLJ2 is an error, not its own text echoed as a template', async () => {
  const svc = file(
    'no-template.yaml',
    'apiVersion: svc.dpu.nvidia.com/v1alpha1\nkind: DPUService\nmetadata:\n  name: dummy\n  namespace: svc\nspec:\n  helmChart:\n    source: {repoURL: https://e.com, chart: c, version: 1.0.0}\n    values:\n      image: {tag: v1}\n',
  );
  const r = await renderStartup([svc, '--context', CONTEXT]);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.equal(r.err, `error: ${svc}: DPUService svc/dummy has no spec.helmChart.values.configuration.startupYAMLJ2 string: nothing to render (add one, or give the template file itself)\n`);
  // A YAML template file that holds no DPUService still renders as a template.
  const plain = await renderStartup([file('plain.yaml', '- set:\n    hostname: {{ hostname }}\n'), '--context', CONTEXT]);
  assert.equal(plain.code, 0, plain.err);
  assert.match(plain.out, /hostname: worker1-0000-09-00/);
});
