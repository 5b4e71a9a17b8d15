// Startup template rendering for one DPU: context shape, YAML check and its cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileStartupTemplate, renderStartupConfig, StartupTemplateError, YamlCheckCache } from '../../../plugin/per-dpu/startup-template.js';
import { PyDict } from '../../../plugin/per-dpu/jinja/index.js';

const ctx = {
  hostname: 'dpu-1',
  config: PyDict.from([['asn', 65001n], ['ratio', 1.0]]),
  ipaddresses: { ip_lo: { ip: '11.0.0.1', cidr: '11.0.0.1/32', prefixlen: 32, gateway: '' } },
};

test('context: config, ipaddresses.<iface>.{ip,cidr,prefixlen,gateway}, hostname', () => {
  const t = compileStartupTemplate('h: {{ hostname }}\nasn: {{ config.asn }}\nr: {{ config.ratio }}\nlo: {{ ipaddresses.ip_lo.cidr }} {{ ipaddresses.ip_lo.prefixlen + 0 }} [{{ ipaddresses.ip_lo.gateway }}]\n');
  assert.equal(renderStartupConfig(t, ctx, 'dpu-1'), 'h: dpu-1\nasn: 65001\nr: 1.0\nlo: 11.0.0.1/32 32 []');
});

test('syntax errors carry the template line and no DPU', () => {
  assert.throws(() => compileStartupTemplate('a\n{% for x in y %}'), (e: unknown) => e instanceof StartupTemplateError && e.kind === 'template-syntax' && e.line === 2 && e.dpu === undefined);
  assert.throws(() => compileStartupTemplate('{{ x | ipaddr }}'), (e: unknown) => e instanceof StartupTemplateError && /No filter named 'ipaddr'/.test(e.message));
});

test('output that is not YAML is an error of that DPU', () => {
  const t = compileStartupTemplate('a: [{{ hostname }}');
  assert.throws(() => renderStartupConfig(t, ctx, 'dpu-1'), (e: unknown) => e instanceof StartupTemplateError && e.kind === 'output-not-yaml' && e.dpu === 'dpu-1');
});

test('the YAML check cache erases digits only, and never keys text where digits matter', () => {
  const c = new YamlCheckCache();
  assert.equal(c.keyFor('a: 10.0.0.1/29\nb: 65001'), 'a: 0.0.0.0/0\nb: 0');
  for (const unsafe of ['a: &x1 1', 'b: *x1', 'c: !tag 1', 'd: "\\x41"', '%YAML 1.1', 'e: |2\n  x', 'f: 2024-02-30', '- 2024-2-3 10:00:00', '[2024-02-30]', '{a: 2024-1-2}', 'k:2024-01-02', 'g: ' + 'x'.repeat(600)]) {
    assert.equal(c.keyFor(unsafe), undefined, unsafe);
  }
  // a DPU name embeds its PCI address, which no plain scalar can read as a date
  assert.equal(c.keyFor('hostname: worker1-0000-08-00\nv: 1.2024-01-02'), 'hostname: worker0-0-0-0\nv: 0.0-0-0');
  const t = compileStartupTemplate('ip: {{ ipaddresses.ip_lo.ip }}');
  renderStartupConfig(t, ctx, 'dpu-1', undefined, c);
  assert.equal(c.has(c.keyFor('ip: 11.0.0.1')), true);
});
