/** `webhook --config FILE`: what the webhook takes from the config, and the start-up refusals. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfigFile } from '../../config/index.js';
import { webhookLayer } from '../../config/webhook-settings.js';
import { run } from '../../cli/webhook.js';

function configDir(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'webhook-config-'));
  mkdirSync(join(dir, 'etc'));
  writeFileSync(join(dir, 'etc', 'dpu-gitops.yaml'), text);
  return dir;
}

test('chart paths and the vendor dir become relative to the chart root; rules and repositories pass through', () => {
  const dir = configDir('cluster: tenant\nchart-paths:\n  https://c.example.com/a: ../charts/a\nvendor-dir: ../vendor\nallowed-repositories: [https://c.example.com/*]\nrules:\n  disable: [arm64-image]\n  severity:\n    pod-fields: warning\n');
  const layer = webhookLayer(loadConfigFile(join(dir, 'etc', 'dpu-gitops.yaml')), dir);
  assert.deepEqual(layer, { cluster: 'tenant', chartPaths: { 'https://c.example.com/a': 'charts/a' }, vendorDir: 'vendor', allowedRepos: ['https://c.example.com/*'], disable: ['arm64-image'], severity: { 'pod-fields': 'warning' } });
  assert.throws(() => webhookLayer(loadConfigFile(join(dir, 'etc', 'dpu-gitops.yaml')), join(dir, 'etc')), /chart-paths\["https:\/\/c\.example\.com\/a"\]: .* is outside the chart root .* \(set --chart-root/);
});

async function webhook(argv: string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const code = await run(['--cert', 'c.pem', '--key', 'k.pem', '--log-level', 'silent', ...argv], { stdout: () => {}, stderr: (s) => void err.push(s) }, { env: {} });
  return { code, err: err.join('') };
}

test('the webhook refuses to start on a config with problems, naming file:line', async () => {
  const dir = configDir('cluster: tenant\nrules:\n  disable: [nope]\n');
  const r = await webhook(['--config', join(dir, 'etc', 'dpu-gitops.yaml')]);
  assert.equal(r.code, 2);
  assert.match(r.err, /^error: .*dpu-gitops\.yaml:3: rules\.disable\[0\]: must be one of /);
});

test('the config\'s allowed-repositories are the webhook\'s when no flag or environment says otherwise', async () => {
  const dir = configDir('allowed-repositories: ["!*"]\n');
  const r = await webhook(['--config', join(dir, 'etc', 'dpu-gitops.yaml'), '--chart-root', dir]);
  assert.equal(r.code, 2);
  assert.match(r.err, /allowed-repos pattern "!\*"/);
  // A flag replaces the config's list: the bad pattern is not used, the start goes on to the
  // certificate files, which do not exist.
  const flagged = await webhook(['--config', join(dir, 'etc', 'dpu-gitops.yaml'), '--chart-root', dir, '--allow-repo', 'https://ok.example.com/*', '--port', '0', '--host', '127.0.0.1']);
  assert.equal(flagged.code, 1);
  assert.match(flagged.err, /cannot start the webhook: .*c\.pem/);
});
