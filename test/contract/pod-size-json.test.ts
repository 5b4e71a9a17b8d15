// pod-size measures an object without text as the API server's JSON: Go's encoding/json, which
// escapes <, >, & and U+2028 (6 bytes each). Lengths recorded with Go's json.Marshal
// (scripts/record/contract/pod-size-json.go) for manifests sized around the 65,536-byte limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkPodSize, POD_MANIFEST_LIMIT_BYTES } from '../../contract/index.js';
import { compactJsonLength } from '../../contract/json.js';

const recorded = JSON.parse(readFileSync(new URL('./fixtures/pod-size-go-json.json', import.meta.url), 'utf8')) as {
  cases: { specials: string; filler: number; bytes: number }[];
};

/** The manifest the recorder builds (same keys and values). */
function pod(blob: string): unknown {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'escapes', namespace: 'dpf', annotations: { blob, html: '<b>a & b</b>' } },
    spec: { containers: [{ name: 'c', image: 'example.com/c:1', ports: [{ containerPort: 8080, protocol: 'TCP' }], resources: { limits: { cpu: 0.5 } } }] },
  };
}

for (const c of recorded.cases) {
  const escapes = [...c.specials].length;
  test(`pod-size: ${escapes} escaped character(s) ${JSON.stringify(c.specials.slice(0, 3))}… + ${c.filler} bytes measure ${c.bytes} bytes as Go's json.Marshal`, () => {
    const object = pod(c.specials + 'x'.repeat(c.filler));
    assert.equal(compactJsonLength(object), c.bytes);
    // JSON.stringify would have counted fewer bytes and let these through.
    assert.ok(Buffer.byteLength(JSON.stringify(object)) < c.bytes);
    const findings = checkPodSize({ object: { kind: 'Pod', namespace: 'dpf', name: 'escapes' }, pod: object });
    if (c.bytes <= POD_MANIFEST_LIMIT_BYTES) assert.deepEqual(findings, []);
    else assert.deepEqual(findings.map((f) => [f.rule, f.measured, f.limit, f.detail?.measuredFrom]), [['pod-size', c.bytes, POD_MANIFEST_LIMIT_BYTES, 'compact JSON']]);
  });
}

test('pod-size: one escaped < over the limit by Go bytes is denied although JSON.stringify says 65,507 bytes', () => {
  const c = recorded.cases.find((x) => x.specials === '<' && x.bytes === POD_MANIFEST_LIMIT_BYTES + 1)!;
  const object = pod(c.specials + 'x'.repeat(c.filler));
  // Six characters Go escapes (the blob's < and <, >, &, <, > of the html annotation), 5 bytes more each.
  assert.equal(Buffer.byteLength(JSON.stringify(object)), POD_MANIFEST_LIMIT_BYTES + 1 - 6 * 5);
  assert.equal(checkPodSize({ object: { kind: 'Pod' }, pod: object }).length, 1);
});
