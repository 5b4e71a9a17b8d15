/**
 * `preview -o json`: one JSON array of the per-service objects, the same fields and values as
 * the YAML documents (Python floats as numbers), checked against the hand-worked merge of the
 * fixture (preview-fixture.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { captureIO } from '../../cli/io.js';
import { run } from '../../cli/preview.js';
import { INVENTORY, MERGED_A1, NET_SERVICE, STARTUP_A1, STORAGE_SERVICE, tree } from './preview-fixture.js';

const root = tree({ 'inventory.yaml': INVENTORY, 'app/net.yaml': NET_SERVICE, 'app/storage.yaml': STORAGE_SERVICE });

async function preview(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO();
  const code = await run([...args, '--log-format', 'text'], io, { env: {}, cwd: root });
  return { code, out: io.out(), err: io.err() };
}

test('-o json: an array of the per-service objects with the hand-merged values', async () => {
  const r = await preview(['app', '--dpu', 'dpu-a1', '--inventory', 'inventory.yaml', '-o', 'json']);
  assert.equal(r.err, '');
  assert.equal(r.code, 0);
  const docs = JSON.parse(r.out) as Record<string, unknown>[];
  assert.equal(docs.length, 2);
  const [net, storage] = docs;
  assert.deepEqual({ ...net, shard: undefined }, {
    dpuService: 'ns1/net',
    dpu: 'dpu-a1',
    hostname: 'dpu-a1',
    targeted: true,
    renderMode: 'strict',
    matchedPatterns: ['*', 'dpu-a?'],
    values: MERGED_A1,
    ipaddresses: {},
    shard: undefined,
    startupConfig: STARTUP_A1,
  });
  assert.deepEqual(storage, { dpuService: 'ns1/storage', dpu: 'dpu-a1', targeted: false });
  // A Python float is a JSON number; an int beyond 2^53 keeps every digit.
  assert.match(r.out, /\n {6}"whole": 2,\n/);
  assert.match(r.out, /\n {6}"ratio": 1\.5,\n/);
  assert.match(r.out, /\n {6}"big": 12345678901234567890\n/);
});

test('-o json holds the same objects as the YAML documents (the default)', async () => {
  const json = await preview(['app', '--dpu', 'dpu-a1', '--inventory', 'inventory.yaml', '-o', 'json', '--cluster', 'c1']);
  const yaml = await preview(['app', '--dpu', 'dpu-a1', '--inventory', 'inventory.yaml', '--cluster', 'c1']);
  assert.equal(yaml.code, 0, yaml.err);
  const fromYaml = parseAllDocuments(yaml.out).map((d) => d.toJS() as unknown);
  assert.deepEqual(JSON.parse(json.out), fromYaml);
  // The YAML shows the Python float as a float.
  assert.match(yaml.out, /\n {2}whole: 2\.0\n/);
  const explicit = await preview(['app', '--dpu', 'dpu-a1', '--inventory', 'inventory.yaml', '-o', 'yaml', '--cluster', 'c1']);
  assert.equal(explicit.out, yaml.out);
});

test('--startup-only ignores -o: the startup config byte for byte', async () => {
  const r = await preview(['app', '--dpu', 'dpu-a1', '--inventory', 'inventory.yaml', '--service', 'net', '--startup-only', '-o', 'json']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, STARTUP_A1);
});

test('-o with another format is a usage error', async () => {
  const r = await preview(['app', '--dpu', 'dpu-a1', '--inventory', 'inventory.yaml', '-o', 'xml']);
  assert.equal(r.code, 2);
  assert.match(r.err, /^error: --output must be yaml or json, not "xml"\n/);
});
