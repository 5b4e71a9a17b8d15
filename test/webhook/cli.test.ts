import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from '../../cli/webhook.js';
import { loadReview } from './fixtures.js';
import { startWebhookProcess } from './process.js';
import { httpsRequest, makeCert } from './tls.js';

async function webhookCli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s) });
  return { code, out: out.join(''), err: err.join('') };
}

test('webhook: usage errors exit 2', async () => {
  assert.deepEqual(await webhookCli(), { code: 2, out: '', err: 'error: --cert and --key are required (the webhook serves HTTPS only)\n' });
  assert.deepEqual((await webhookCli('--cert', 'c', '--key', 'k', '--on-chart-unavailable', 'maybe')).err, 'error: --on-chart-unavailable must be deny or allow, not "maybe"\n');
  assert.deepEqual((await webhookCli('--cert', 'c', '--key', 'k', '--port', 'x')).err, 'error: --port must be a non-negative integer, not "x"\n');
  assert.equal((await webhookCli('--cert', 'c', '--key', 'k', '--disable', 'nope')).code, 2);
  assert.deepEqual(await webhookCli('--cert', 'c', '--key', 'k', '--chart-path', 'nope'), { code: 2, out: '', err: 'error: --chart-path needs REF=PATH, not "nope"\n' });
  const rule = await webhookCli('--cert', 'c', '--key', 'k', '--disable', 'nope');
  assert.equal(rule.code, 2);
  assert.match(rule.err, /^error: --disable: unknown rule "nope" \(rules: pod-size, pod-fields, /);
  assert.match((await webhookCli('--help')).out, /^Usage: dpu-gitops webhook --cert FILE --key FILE/);
});

test('webhook: missing certificate files exit 1 with a clear error', async () => {
  const r = await webhookCli('--cert', '/nonexistent/cert.pem', '--key', '/nonexistent/key.pem', '--port', '0', '--log-level', 'silent');
  assert.equal(r.code, 1);
  assert.equal(r.err, 'error: cannot start the webhook: TLS certificate /nonexistent/cert.pem cannot be read: no such file (--cert)\n');
});

test('webhook process: serves reviews over HTTPS, then SIGTERM shuts it down with exit 0', async () => {
  const cert = makeCert();
  const w = await startWebhookProcess(['--cert', cert.certFile, '--key', cert.keyFile, '--port', '0', '--host', '127.0.0.1', '--chart-dir', 'examples/charts']);
  const port = w.port;
  const r = await httpsRequest(port, cert.cert, 'POST', '/validate', JSON.stringify(loadReview('dpuservice-create-valid')));
  assert.equal(JSON.parse(r.text).response.allowed, true);
  assert.equal(await w.stop(), 0);
  assert.match(w.stdout(), /"signal":"SIGTERM","msg":"shutting down"/);
  assert.match(w.stdout(), /"msg":"webhook stopped"/);
});

test('webhook: settings that could only fail later stop the start (exit 2, cause named)', async () => {
  const { run: runWebhook } = await import('../../cli/webhook.js');
  const cli = async (argv: string[], env: Record<string, string> = {}) => {
    const err: string[] = [];
    const code = await runWebhook(argv, { stdout: () => {}, stderr: (s) => void err.push(s) }, { env });
    return { code, err: err.join('') };
  };
  const base = ['--cert', 'c', '--key', 'k', '--port', '0', '--log-level', 'silent'];
  const creds = await cli(base, { DPU_GITOPS_CREDENTIALS: '/nonexistent/credentials.yaml' });
  assert.equal(creds.code, 2);
  assert.match(creds.err, /^error: chart sources: credentials file \/nonexistent\/credentials\.yaml/);
  const pattern = await cli([...base, '--allow-repo', '!*']);
  assert.equal(pattern.code, 2);
  assert.match(pattern.err, /allowed-repos pattern "!\*"/);
  const timeouts = await cli([...base, '--chart-timeout', '9000', '--review-timeout', '8000']);
  assert.equal(timeouts.code, 2);
  assert.match(timeouts.err, /--chart-timeout \(9000 ms\) must be below --review-timeout \(8000 ms\)/);
});
