// `.Capabilities` against real helm v3.17.3 (golden/capabilities.json, recorded by
// scripts/record/chart/record-capabilities.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCapabilities, KubeVersionStruct, BuildInfoStruct } from '../../../helm/chart/capabilities.js';
import { NO_FIELD, sliceType, typeMethod, type GoValue } from '../../../helm/template/value.js';
import { golden, plainJson } from './helpers.js';

interface CapsCase {
  name: string;
  args: string[];
  error?: string;
  fields?: Record<string, unknown>;
}

const cases = golden<{ cases: CapsCase[] }>('capabilities.json').cases;

/** --kube-version and --api-versions (a cobra StringSlice: repeated and comma-separated). */
function flags(args: string[]): { kube?: string; apis: string[] } {
  const out: { kube?: string; apis: string[] } = { apis: [] };
  for (let i = 0; i < args.length; i += 2) {
    if (args[i] === '--kube-version') out.kube = args[i + 1];
    else out.apis.push(...(args[i + 1] as string).split(','));
  }
  return out;
}

function field(v: GoValue, name: string): GoValue {
  const f = (v as KubeVersionStruct).field(name);
  assert.notEqual(f, NO_FIELD, name);
  return f as GoValue;
}

function call(v: GoValue, method: string, ...args: GoValue[]): GoValue {
  const fn = typeMethod(v, method);
  assert.ok(fn, `method ${method}`);
  return fn.impl(...args);
}

for (const c of cases) {
  test(`capabilities match helm: ${c.name}`, () => {
    const f = flags(c.args);
    if (c.error !== undefined) {
      assert.throws(() => defaultCapabilities(f.kube, f.apis), { message: c.error });
      return;
    }
    const caps = defaultCapabilities(f.kube, f.apis);
    const expected = c.fields as Record<string, unknown>;
    const kv = caps.field('KubeVersion') as GoValue;
    assert.equal(field(kv, 'Version'), expected.version);
    assert.equal(field(kv, 'Major'), expected.major);
    assert.equal(field(kv, 'Minor'), expected.minor);
    assert.equal(call(kv, 'GitVersion'), expected.gitVersion);
    assert.equal(call(kv, 'String'), expected.version);
    assert.deepEqual(plainJson(kv), expected.kubeJson);
    assert.deepEqual(plainJson(caps.field('HelmVersion')), expected.helmJson);
    const apis = caps.field('APIVersions') as GoValue[];
    assert.equal(sliceType(apis), 'chartutil.VersionSet');
    assert.deepEqual(apis, expected.apis);
    assert.equal(String(call(apis, 'Has', 'apps/v1')), expected.hasApps);
    assert.equal(String(call(apis, 'Has', 'apps/v1/Deployment')), expected.hasKind);
  });
}

test('capabilities print like Go structs', () => {
  const caps = defaultCapabilities();
  assert.equal(caps.goType, '*chartutil.Capabilities');
  assert.deepEqual(caps.fieldNames(), ['KubeVersion', 'APIVersions', 'HelmVersion']);
  assert.ok(caps.field('KubeVersion') instanceof KubeVersionStruct);
  assert.ok(caps.field('HelmVersion') instanceof BuildInfoStruct);
  // fmt sees a copy of KubeVersion (no String method on the value type): `{v1.32.0 1 32}`.
  assert.equal((caps.field('KubeVersion') as KubeVersionStruct).goString(), undefined);
});
