/**
 * getHostByName. helm v3.17 replaces sprig's function with one that returns "" unless DNS
 * lookups are enabled (`helm template --enable-dns`; engine.go EnableDNS), so `networkFuncs`
 * is that default and `dnsNetworkFuncs` is sprig's own (sprig v3.3.0 network.go): net.LookupHost,
 * then one of the addresses at random. sprig ignores the lookup error, so a name that does
 * not resolve leaves no addresses and rand.Intn(0) panics; text/template reports that as
 * `error calling getHostByName: invalid argument to Intn`.
 *
 * Templates run synchronously but node:dns is asynchronous. The lookup therefore runs in a
 * short-lived worker thread (dns.lookup, i.e. getaddrinfo: /etc/hosts, then DNS, like Go's
 * resolver) while this thread blocks on Atomics.wait for its answer, bounded by a timeout.
 */
import { workerThreads } from '../on-demand.js';
import { GoError, type GoFunc, T_STRING } from '../template/value.js';
import { define } from './define.js';

/** How long a lookup may block rendering before it counts as a failure. */
export const LOOKUP_TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;

/** The worker: resolve workerData.name, write the JSON answer into the shared buffer, wake the caller. */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { lookup } = require('node:dns');
const state = new Int32Array(workerData.shared, 0, 2);
const bytes = new Uint8Array(workerData.shared, 8);
lookup(workerData.name, { all: true, verbatim: true }, (err, addrs) => {
  const json = new TextEncoder().encode(JSON.stringify(err ? [] : addrs.map((a) => a.address)));
  const n = Math.min(json.length, bytes.length);
  bytes.set(json.subarray(0, n));
  Atomics.store(state, 1, n);
  Atomics.store(state, 0, 1);
  Atomics.notify(state, 0);
});
`;

/** net.LookupHost, synchronously: the addresses for a host name, [] when it does not resolve. */
export function lookupHostSync(name: string, timeoutMs = LOOKUP_TIMEOUT_MS): string[] {
  const shared = new SharedArrayBuffer(8 + MAX_ANSWER_BYTES);
  const state = new Int32Array(shared, 0, 2);
  const worker = new (workerThreads().Worker)(WORKER_SOURCE, { eval: true, workerData: { name, shared } });
  worker.unref();
  try {
    if (Atomics.wait(state, 0, 0, timeoutMs) === 'timed-out' && Atomics.load(state, 0) === 0) return [];
    const n = Atomics.load(state, 1);
    const text = new TextDecoder().decode(new Uint8Array(shared, 8, n).slice());
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((a): a is string => typeof a === 'string') : [];
  } catch {
    return [];
  } finally {
    void worker.terminate();
  }
}

/** sprig getHostByName: one address of the host, chosen at random. */
export function getHostByName(name: string): string {
  const addrs = lookupHostSync(name);
  if (addrs.length === 0) throw new GoError('invalid argument to Intn');
  return addrs[Math.floor(Math.random() * addrs.length)]!;
}

/** helm's default getHostByName (DNS lookups disabled): always "". */
export const networkFuncs: readonly GoFunc[] = [define('getHostByName', [T_STRING], T_STRING, () => '')];

/** sprig getHostByName, as helm has it with --enable-dns. */
export const dnsNetworkFuncs: readonly GoFunc[] = [define('getHostByName', [T_STRING], T_STRING, getHostByName)];
