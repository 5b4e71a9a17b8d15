/**
 * templates.Render and templateDPUServiceConfigurationValues, with DPF's own test cases
 * (internal/dpuservice/templates/template_test.go and testdata/dpuserviceconfig_hbn.yaml,
 * transcribed by hand; expected RawExtension bytes are DPF's).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DependsOnTemplateError, renderDependsOnValues, renderValuesTemplate, templateDelims } from '../../../dpf/deployment/depends-on.js';
import { goJsonMarshal, sortedKeys } from '../../../dpf/go-json.js';

const raw = (v: object) => goJsonMarshal(sortedKeys(v as never));

const HBN_STARTUP =
  '- set:\n    interface:\n      pf2dpu2_if:\n        ip:\n          address:\n            {{ ipaddresses.ip_pf2dpu2.cidr }}: {}\n        type: swp\n        link:\n          mtu: 9000\n    router:\n      bgp:\n        autonomous-system: {{ config.bgp_autonomous_system }}\n        enable: ## .enabled_bgp ##\n';

test('Test_ProcessTestConfig: "##,##" delimiters leave the Jinja {{ }} alone', () => {
  const out = renderValuesTemplate({ configuration: { startupYAMLJ2: HBN_STARTUP } }, new Map([['enabled_bgp', 'on']]), { 'svc.dpu.nvidia.com/template-delimiter': '##,##' });
  assert.equal(
    raw(out),
    '{"configuration":{"startupYAMLJ2":"- set:\\n    interface:\\n      pf2dpu2_if:\\n        ip:\\n          address:\\n            {{ ipaddresses.ip_pf2dpu2.cidr }}: {}\\n        type: swp\\n        link:\\n          mtu: 9000\\n    router:\\n      bgp:\\n        autonomous-system: {{ config.bgp_autonomous_system }}\\n        enable: on\\n"}}',
  );
});

test('Test_ProcessDPUServiceConfiguration: basic test', () => {
  assert.equal(raw(renderValuesTemplate({ param1: '{{.param1}}', param2: '{{.param2}}' }, new Map([['param1', 'value1'], ['param2', 'value2']]), {})), '{"param1":"value1","param2":"value2"}');
});

test('Test_ProcessDPUServiceConfiguration: with numbers (the YAML quoting keeps them strings)', () => {
  assert.equal(raw(renderValuesTemplate({ param1: '{{.param1}}', param2: '{{.param2}}' }, new Map([['param1', 123], ['param2', 456]]), {})), '{"param1":"123","param2":"456"}');
});

test('Test_ProcessDPUServiceConfiguration: with missing params (missingkey=error)', () => {
  assert.throws(() => renderValuesTemplate({ param1: '{{.param1}}', param2: '{{.param2}}' }, new Map([['param1', 'value1']]), {}), (e: unknown) => {
    assert.ok(e instanceof DependsOnTemplateError);
    assert.match(e.message, /^failed to template service configuration: failed to execute service configuration template: template: serviceConfig:2:\d+: executing "serviceConfig" at <.param2>: map has no entry for key "param2"$/);
    return true;
  });
});

test('Test_ProcessDPUServiceConfiguration: with bad delimiters', () => {
  assert.throws(() => renderValuesTemplate({ param1: '{{.param1}}', param2: '{{{{.param2}}}}' }, new Map([['param1', 'value1'], ['param2', 'value2']]), {}), /failed to parse service configuration template: template: serviceConfig:/);
});

test('templateDelimsFromAnnotations: "L,R" trimmed; anything else keeps {{ }}', () => {
  assert.deepEqual(templateDelims({ 'svc.dpu.nvidia.com/template-delimiter': ' [[ , ]] ' }), ['[[', ']]']);
  assert.deepEqual(templateDelims({ 'svc.dpu.nvidia.com/template-delimiter': 'a,b,c' }), ['{{', '}}']);
  assert.deepEqual(templateDelims({}), ['{{', '}}']);
});

test('templateDPUServiceConfigurationValues: .Services.<dep>.Name/.Namespace of the generated DPUServices', () => {
  const out = renderDependsOnValues({ ovn: { hbnService: '{{ .Services.hbn.Name }}.{{ .Services.hbn.Namespace }}' } }, ['hbn'], new Map([['hbn', { name: 'hbn-x2b4c', namespace: 'dpf' }]]), {});
  assert.deepEqual(out, { ovn: { hbnService: 'hbn-x2b4c.dpf' } });
  assert.throws(() => renderDependsOnValues({ a: '{{ .Services.hbn.Name }}' }, ['hbn'], new Map(), {}), /^DependsOnTemplateError: DPUService hbn not found in patched services$|DPUService hbn not found in patched services/);
  // A dependency not listed in dependsOn is not in the data: missingkey=error.
  assert.throws(() => renderDependsOnValues({ a: '{{ .Services.dts.Name }}' }, ['hbn'], new Map([['hbn', { name: 'n', namespace: 'ns' }]]), {}), /map has no entry for key "dts"/);
  // A field the params struct lacks.
  assert.throws(() => renderDependsOnValues({ a: '{{ .Services.hbn.Nme }}' }, ['hbn'], new Map([['hbn', { name: 'n', namespace: 'ns' }]]), {}), /can't evaluate field Nme/);
});

test('dependsOn rendering is bounded: nested ranges that would print 6 GB stop at the 8 MiB output limit', () => {
  const names = new Map(Array.from({ length: 50 }, (_, i) => [`s${i}`, { name: `n${i}`, namespace: 'ns' }] as const));
  const deps = [...names.keys()];
  const nested = '{{range $.Services}}'.repeat(4) + 'x'.repeat(1000) + '{{end}}'.repeat(4);
  assert.throws(() => renderDependsOnValues({ a: nested }, deps, names, {}), (e: unknown) => {
    assert.ok(e instanceof DependsOnTemplateError);
    assert.match(e.message, /^failed to template service configuration: failed to execute service configuration template: /);
    assert.match(e.message, /8388608/);
    return true;
  });
});
