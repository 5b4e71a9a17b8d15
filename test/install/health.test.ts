/**
 * The Argo CD health checks for DPF kinds (templates/install/health/dpf-conditions.lua), run by
 * a real Lua 5.1 interpreter over the status fixtures in test/install/health/, which follow
 * Argo CD's own layout (resource_customizations/<group>/<Kind>/health_test.yaml + testdata/).
 * Fixtures and expected health are written by hand from DPF's API types and pkg/conditions
 * (condition types, reasons Success/Pending/Error/Failure/AwaitingDeletion, observedGeneration,
 * spec.paused, spec.overrides.paused).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { DPF_HEALTH_KINDS, healthScriptPath } from '../../cli/install-health.js';
import { toLuaLiteral } from './lua-table.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixturesRoot = join(here, 'health');
const harness = join(here, 'health-harness.lua');
const LUA = '/usr/bin/lua5.1';
const luaMissing = existsSync(LUA) ? false : `${LUA} is not installed (Debian package lua5.1)`;

interface HealthTest {
  healthStatus: { status: string; message: string };
  inputPath: string;
}

function runHealth(script: string, resource: unknown): { status: string; message: string } {
  const dir = mkdtempSync(join(tmpdir(), 'health-'));
  const objectFile = join(dir, 'object.lua');
  writeFileSync(objectFile, `return ${toLuaLiteral(resource)}\n`);
  const r = spawnSync(LUA, [harness, script, objectFile], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const m = /^(\d+):/.exec(r.stdout);
  assert.ok(m, r.stdout);
  const statusLen = Number(m[1]);
  const status = r.stdout.slice(m[0].length, m[0].length + statusLen);
  const rest = r.stdout.slice(m[0].length + statusLen);
  const m2 = /^(\d+):/.exec(rest);
  assert.ok(m2, rest);
  const message = rest.slice(m2[0].length);
  assert.equal(Buffer.byteLength(message, 'utf8'), Number(m2[1]));
  return { status, message };
}

const kindDirs = readdirSync(fixturesRoot).flatMap((group) => readdirSync(join(fixturesRoot, group)).map((kind) => ({ group, kind })));

test('every shipped health check has fixtures, and every fixture folder is a shipped kind', () => {
  assert.deepEqual(
    kindDirs.map(({ group, kind }) => `${group}/${kind}`).sort(),
    DPF_HEALTH_KINDS.map(({ group, kind }) => `${group}/${kind}`).sort(),
  );
});

for (const { group, kind } of kindDirs) {
  const dir = join(fixturesRoot, group, kind);
  const spec = parse(readFileSync(join(dir, 'health_test.yaml'), 'utf8')) as { tests: HealthTest[] };
  test(`${group}/${kind}: health over ${spec.tests.length} status fixtures in lua5.1`, { skip: luaMissing }, () => {
    const states = new Set<string>();
    for (const t of spec.tests) {
      const resource = parse(readFileSync(join(dir, t.inputPath), 'utf8'));
      assert.equal(resource.kind, kind, t.inputPath);
      assert.equal(resource.apiVersion.split('/')[0], group, t.inputPath);
      assert.deepEqual(runHealth(healthScriptPath(), resource), t.healthStatus, t.inputPath);
      states.add(t.healthStatus.status);
    }
    const expected = kind === 'DPUServiceConfiguration' ? ['Healthy'] : ['Degraded', 'Healthy', 'Progressing'];
    for (const s of expected) assert.ok(states.has(s), `${kind} has a ${s} fixture`);
  });
}

test('the health script uses only what Argo CD gives it (no string, math, os or io library)', () => {
  const source = readFileSync(healthScriptPath(), 'utf8').replace(/--.*$/gm, '');
  for (const lib of ['string.', 'math.', 'os.', 'io.', 'require', ':format', ':sub', ':find', ':match', 'goto ']) {
    assert.ok(!source.includes(lib), `the script uses ${lib}`);
  }
});

test('a message with quotes, backslashes, newlines and UTF-8 comes back exactly', { skip: luaMissing }, () => {
  const message = 'chart "doca-hbn" \\ not found:\n* café\t\u0001 12';
  const resource = {
    apiVersion: 'svc.dpu.nvidia.com/v1alpha1',
    kind: 'DPUService',
    metadata: { name: 'x', generation: 1 },
    spec: {},
    status: { observedGeneration: 1, conditions: [{ type: 'Ready', status: 'False', reason: 'Failure', message }] },
  };
  assert.deepEqual(runHealth(healthScriptPath(), resource), { status: 'Degraded', message: `Ready (Failure): ${message}` });
});
