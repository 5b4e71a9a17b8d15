/**
 * Load-generation helpers shared by the webhook benchmarks: paced autocannon clients whose
 * latencies are collected from every response, server processes started on a free port, a test
 * certificate, AdmissionReview fixtures.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon, { type Result } from 'autocannon';

const root = process.cwd();

export interface Scenario {
  label: string;
  /** The fixed rate of the latency phase, req/s. */
  rate: number;
  port: () => number;
  body: Buffer;
  /** A new body per request (the render scenario); undefined = the same body every time. */
  vary?: (i: number) => Buffer;
}

export interface Phase {
  achievedRps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  failures: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function fmt(ms: number): string {
  return Number.isNaN(ms) ? '-' : ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}

/** The first response per scenario that was not `allowed: true` (printed: a bench that measures errors measures nothing). */
export const firstFailure: Record<string, string> = {};

/** Paced clients: one connection each, `PACERS` of them started evenly over one second. */
export const PACERS = 20;

/** Runs autocannon clients; latencies are collected from every response (float ms). */
export async function load(s: Scenario, seconds: number, opts: { rate?: number; connections: number }): Promise<Phase> {
  const samples: number[] = [];
  const counter = { n: 0 };
  const clients = opts.rate
    ? Array.from({ length: PACERS }, (_, i) =>
        delay((i * 1000) / PACERS).then(() => client(s, seconds, { rate: opts.rate! / PACERS, connections: 1 }, samples, counter)),
      )
    : [client(s, seconds, { connections: opts.connections }, samples, counter)];
  const results = await Promise.all(clients);
  samples.sort((a, b) => a - b);
  return {
    achievedRps: results.reduce((sum, r) => sum + r['2xx'] / r.duration, 0),
    p50Ms: percentile(samples, 50),
    p99Ms: percentile(samples, 99),
    maxMs: samples[samples.length - 1] ?? NaN,
    failures: results.reduce((sum, r) => sum + r.errors + r.timeouts + r.non2xx + r.mismatches, 0),
  };
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One autocannon instance. */
async function client(s: Scenario, seconds: number, opts: { rate?: number; connections: number }, samples: number[], counter: { n: number }): Promise<Result> {
  const instance = autocannon({
    url: `https://127.0.0.1:${s.port()}/validate`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: s.body,
    connections: opts.connections,
    duration: seconds,
    timeout: 10,
    tlsOptions: { rejectUnauthorized: false },
    ...(opts.rate ? { overallRate: opts.rate } : {}),
    ...(s.vary ? { requests: [{ setupRequest: (req) => ({ ...req, body: s.vary!(counter.n++) }) }] } : {}),
    verifyBody: (body) => {
      const ok = body.includes('"allowed":true');
      if (!ok) firstFailure[s.label] ??= body.slice(0, 400);
      return ok;
    },
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => void samples.push(ms));
  return instance;
}

/** Spawns a server process and resolves with the port its first matching stdout line names. */
export function startServer(args: string[], portOf: (line: string) => number | undefined): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let buffered = '';
    let stderr = '';
    let found = false;
    child.stderr!.on('data', (d: Buffer) => void (stderr += d.toString()));
    // Keep draining stdout (the webhook logs a line per review) so the pipe never blocks it.
    child.stdout!.on('data', (d: Buffer) => {
      if (found) return;
      buffered += d.toString();
      for (const line of buffered.split('\n')) {
        const port = portOf(line);
        if (port !== undefined) {
          found = true;
          buffered = '';
          resolve({ child, port });
          return;
        }
      }
    });
    child.once('exit', (code) => {
      if (!found) reject(new Error(`${args.join(' ')} exited with ${code}: ${stderr}`));
    });
  });
}

export function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export function makeCert(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

export function review(name: string): any {
  return JSON.parse(readFileSync(join(root, 'test/fixtures/admission', `${name}.json`), 'utf8'));
}

