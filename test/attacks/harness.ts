/**
 * The attack suite's real parts: the webhook as its own process (`dpu-gitops webhook`, from
 * source through tsx), hostile charts on disk, AdmissionReviews, and a Pod review timed while
 * hostile work runs. Every attack test asserts its outcome and that the process still answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadReview } from '../webhook/fixtures.js';
import { httpsRequest, makeCert, type HttpsResult, type TestCert } from '../webhook/tls.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface WebhookProcess {
  port: number;
  cert: TestCert;
  logs: Record<string, unknown>[];
  stderr: () => string;
  alive(): boolean;
  post(body: unknown, headers?: Record<string, string>): Promise<HttpsResult & { json: any }>;
  get(path: string): Promise<HttpsResult>;
  stop(): Promise<void>;
}

/** Starts `dpu-gitops webhook` on 127.0.0.1 with a free port and the given extra flags. */
export async function startWebhookProcess(args: string[], env: Record<string, string> = {}): Promise<WebhookProcess> {
  const cert = makeCert();
  const proc: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'cli', 'main.ts'), 'webhook', '--cert', cert.certFile, '--key', cert.keyFile, '--host', '127.0.0.1', '--port', '0', ...args],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const logs: Record<string, unknown>[] = [];
  let err = '';
  proc.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  let buffered = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`webhook did not start within 60 s: ${err}`)), 60_000);
    proc.once('exit', (code) => reject(new Error(`webhook exited with ${code} at start: ${err}`)));
    proc.stdout!.on('data', (c: Buffer) => {
      buffered += c.toString('utf8');
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        let entry: Record<string, unknown>;
        try {
          entry = JSON.parse(line) as Record<string, unknown>;
        } catch {
          continue;
        }
        logs.push(entry);
        if (entry.msg === 'webhook listening') {
          clearTimeout(timer);
          resolve(entry.port as number);
        }
      }
    });
  });
  return {
    port,
    cert,
    logs,
    stderr: () => err,
    alive: () => proc.exitCode === null && proc.signalCode === null,
    async post(body, headers = {}) {
      const text = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
      const r = await httpsRequest(port, cert.cert, 'POST', '/validate', text, headers);
      let json: unknown;
      try {
        json = JSON.parse(r.text);
      } catch {
        json = undefined;
      }
      return { ...r, json };
    },
    get: (path) => httpsRequest(port, cert.cert, 'GET', path),
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), 15_000).unref();
      }),
  };
}

/** Writes a chart (Chart.yaml + templates) under `root/<name>` and returns `root`. */
export function writeChart(root: string, name: string, version: string, templates: Record<string, string>, extra: Record<string, string> = {}): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: ${version}\n`);
  for (const [file, text] of Object.entries(templates)) writeFileSync(join(dir, 'templates', file), text);
  for (const [file, text] of Object.entries(extra)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return root;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `attack-${prefix}-`));
}

let uidCounter = 0;
function uid(): string {
  uidCounter += 1;
  return `00000000-0000-4000-8000-${String(uidCounter).padStart(12, '0')}`;
}

/** A DPUService CREATE review naming `chart` `version` at `repoURL`. */
export function dpuServiceReview(chart: string, version: string, repoURL = 'https://charts.attack.example'): any {
  const review = loadReview('dpuservice-create-valid');
  review.request.uid = uid();
  review.request.object.metadata.name = `svc-${chart}`.slice(0, 60);
  review.request.object.spec.serviceID = `svc-${chart}`.slice(0, 60);
  review.request.object.spec.helmChart.source = { repoURL, chart, version };
  return review;
}

export function podReview(): any {
  const review = loadReview('pod-create-valid');
  review.request.uid = uid();
  return review;
}

/**
 * Sends a Pod review `delayMs` after hostile work started and returns how long its answer took.
 * The Pod review needs no render: it must never wait behind one.
 */
export async function podReviewLatency(hook: WebhookProcess, delayMs = 500): Promise<{ ms: number; allowed: boolean }> {
  await new Promise((r) => setTimeout(r, delayMs));
  const started = performance.now();
  const r = await hook.post(podReview());
  return { ms: performance.now() - started, allowed: r.json?.response?.allowed === true };
}

/** The generous bound for "answered promptly while hostile work runs". */
export const PROMPT_MS = 2_000;
