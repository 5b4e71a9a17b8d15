/**
 * dpu-gitops.yaml: schema problems at their file:line (lines counted by hand in the texts
 * below), YAML errors, unreadable files, and paths resolved against the file's directory.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfigFile } from '../../config/index.js';
import { loadSchema } from '../../config/schema.js';
import { RULE_IDS } from '../../contract/registry.js';

function file(text: string, name = 'dpu-gitops.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'config-load-'));
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

function issuesOf(path: string): string[] {
  try {
    loadConfigFile(path, 'dpu-gitops.yaml');
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.message.split('\n');
  }
  assert.fail('the config loaded');
}

test('every schema problem is reported once, at the line of its key or value', () => {
  const lines = issuesOf(
    file(
      [
        '# comment', // 1
        'cluster: Tenant_1', // 2
        'chart-paths:', // 3
        '  https://x.example.com/a: charts/a', // 4
        '  https://x.example.com/b: 3', // 5
        'rules:', // 6
        '  disable:', // 7
        '    - arm64-image', // 8
        '    - arm64-imag', // 9
        '  severity:', // 10
        '    kube-schema: fatal', // 11
        '    no-such-rule: error', // 12
        'kube-versoin: "1.30"', // 13
        'api-versions: apps/v1', // 14
      ].join('\n'),
    ),
  );
  assert.equal(lines.length, 7, lines.join('\n'));
  assert.match(lines[0]!, /^dpu-gitops\.yaml:2: cluster: must match pattern/);
  assert.equal(lines[1], 'dpu-gitops.yaml:5: chart-paths["https://x.example.com/b"]: must be a string');
  assert.match(lines[2]!, /^dpu-gitops\.yaml:9: rules\.disable\[1\]: must be one of pod-size, /);
  assert.equal(lines[3], 'dpu-gitops.yaml:11: rules.severity.kube-schema: must be one of error, warning');
  assert.match(lines[4]!, /^dpu-gitops\.yaml:12: rules\.severity\.no-such-rule: key must be one of /);
  assert.match(lines[5]!, /^dpu-gitops\.yaml:13: kube-versoin: unknown key \(known: cluster, chart-paths, /);
  assert.equal(lines[6], 'dpu-gitops.yaml:14: api-versions: must be a list');
});

test('a list where a string is expected, and a file that is not a map', () => {
  assert.deepEqual(issuesOf(file('cluster: c\napi-versions: apps/v1\n')), ['dpu-gitops.yaml:2: api-versions: must be a list']);
  assert.deepEqual(issuesOf(file('- cluster\n')), ['dpu-gitops.yaml:1: must be a map']);
});

test('YAML errors keep their line; duplicate keys are errors', () => {
  assert.deepEqual(issuesOf(file('cluster: a\ncluster: b\n')), ['dpu-gitops.yaml:2: not valid YAML: Map keys must be unique']);
  const [line] = issuesOf(file('cluster: a\nchart-paths: [\n'));
  assert.match(line!, /^dpu-gitops\.yaml:\d+: not valid YAML: /);
});

test('a missing file or a directory is named, never a raw ENOENT/EISDIR', () => {
  const dir = mkdtempSync(join(tmpdir(), 'config-load-'));
  assert.deepEqual(issuesOf(join(dir, 'nope.yaml')), ['dpu-gitops.yaml: cannot read the config file: no such file']);
  mkdirSync(join(dir, 'd'));
  assert.deepEqual(issuesOf(join(dir, 'd')), ['dpu-gitops.yaml: cannot read the config file: is a directory, not a file']);
});

test('paths are relative to the config file; absolute ones are refused at their line', () => {
  const path = file('chart-paths:\n  https://x.example.com/a: charts/a\nvendor-dir: ../vendor\ninventory: inv/dpus.yaml\n');
  const dir = join(path, '..');
  const c = loadConfigFile(path);
  assert.deepEqual(c.chartPaths, { 'https://x.example.com/a': join(dir, 'charts/a') });
  assert.equal(c.vendorDir, join(dir, '..', 'vendor'));
  assert.equal(c.inventory, join(dir, 'inv/dpus.yaml'));
  assert.deepEqual(issuesOf(file('cluster: c\ninventory: /etc/inventory.yaml\n')), ['dpu-gitops.yaml:2: inventory: /etc/inventory.yaml must be relative to dpu-gitops.yaml']);
});

test('an empty file is a config with nothing set', () => {
  const c = loadConfigFile(file(''));
  assert.deepEqual([c.chartPaths, c.rules, c.cluster], [{}, { disable: [], severity: {} }, undefined]);
});

test('the schema lists exactly the registry\'s rules', () => {
  const schema = loadSchema() as { definitions: { ruleId: { enum: string[] } } };
  assert.deepEqual([...schema.definitions.ruleId.enum].sort(), [...RULE_IDS].sort());
});
