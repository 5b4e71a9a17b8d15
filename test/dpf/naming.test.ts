// DPF naming: GetApplicationName/GenerateName and generateServiceID (internal/digest FromObjects,
// Short). Expected values were recorded with Go (scripts/record/dpf/names.go).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { applicationName, releaseNameOf, serviceIdOf } from '../../dpf/release-name.js';
import { goJsonString } from '../../dpf/go-json.js';

const rows = JSON.parse(readFileSync(new URL('./fixtures/names.json', import.meta.url), 'utf8')) as {
  cluster: string; name: string; namespace: string; applicationName: string; serviceID: string;
}[];

for (const r of rows) {
  test(`GetApplicationName(${r.cluster}, ${r.name}) = ${r.applicationName}`, () => {
    assert.equal(applicationName(r.cluster, r.name), r.applicationName);
  });
  test(`generateServiceID derives ${r.serviceID} for ${r.namespace}/${r.name}`, () => {
    assert.equal(serviceIdOf(undefined, r.name, r.namespace), r.serviceID);
  });
}

test('GetApplicationName keeps names of exactly 63 characters', () => {
  const name = applicationName('c'.repeat(31), 's'.repeat(31));
  assert.equal(name.length, 63);
  assert.equal(name, `${'c'.repeat(31)}-${'s'.repeat(31)}`);
});

test('above 63 characters the name is 57 characters, a dash and 5 hex digits', () => {
  assert.match(applicationName('c'.repeat(40), 's'.repeat(40)), /^c{40}-s{16}-[0-9a-f]{5}$/);
});

test('releaseName wins over the Application name; empty releaseName falls back (ArgoCD default)', () => {
  assert.equal(releaseNameOf('my-rel', 'cl', 'svc'), 'my-rel');
  assert.equal(releaseNameOf('', 'cl', 'svc'), 'cl-svc');
  assert.equal(releaseNameOf(undefined, 'in-cluster', 'svc'), 'in-cluster-svc');
});

test('an explicit serviceID is used as is (generateServiceID)', () => {
  assert.equal(serviceIdOf('doca-hbn', 'x', 'y'), 'doca-hbn');
  assert.equal(serviceIdOf('', 'x', 'y'), '');
});

test('goJsonString escapes like encoding/json with HTML escaping', () => {
  assert.equal(goJsonString('a<b>&c\u2028"\\\n\u0001'), '"a\\u003cb\\u003e\\u0026c\\u2028\\"\\\\\\n\\u0001"');
});
