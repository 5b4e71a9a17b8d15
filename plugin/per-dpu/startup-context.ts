/**
 * A startup-template context file, for rendering one template for one DPU outside the pipeline
 * (`dpu-gitops render-startup`): the three variables the pipeline gives a template, read as the
 * DPU's Python reads YAML (PyYAML safe_load, yaml11.ts), so `on` is True and `1.0` a float:
 *
 * ```yaml
 * hostname: worker1-0000-08-00
 * config: {bgp_autonomous_system: 65112, mtu: 9000}     # the DPU's merged perDPUValuesYAML values
 * ipaddresses:                                          # per interface, as the pipeline fills them
 *   ip_lo: {ip: 11.0.0.7, cidr: 11.0.0.7/32, prefixlen: 32, gateway: ''}
 *   ip_pf2dpu2: {cidr: 10.0.120.3/29, gateway: 10.0.120.3}   # or the inventory's short forms
 * ```
 * An address may be given as the inventory file gives one (`cidr`, or `ip` + `prefixlen`;
 * `gateway` optional, '' when absent); the template always sees all four keys, as in the
 * pipeline. Keys given in both forms must agree.
 */
import { InputFileError, readInputText } from '../../dpf/input-file.js';
import { fromPyValue, PyDict, type PyValue } from './jinja/index.js';
import { decodeInventory, InventoryError } from './inventory.js';
import type { InterfaceAddress } from './ipam.js';
import type { StartupContext } from './startup-template.js';
import { loadYaml11, Yaml11Error } from './yaml11.js';

/** A context file that cannot be used; `problems` names every field at fault. */
export class StartupContextError extends Error {
  override readonly name = 'StartupContextError';
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: invalid startup context: ${problems.join('; ')}`);
  }
}

const KEYS = new Set(['hostname', 'config', 'ipaddresses']);

/** Decodes a context document already loaded as Python values. */
export function decodeStartupContext(doc: PyValue, source: string): StartupContext {
  if (!(doc instanceof PyDict)) throw new StartupContextError(source, ['the document must be a mapping with hostname, config and ipaddresses']);
  const problems: string[] = [];
  for (const k of doc.keys()) if (typeof k !== 'string' || !KEYS.has(k)) problems.push(`${String(fromPyValue(k))}: unknown key (a template sees only hostname, config and ipaddresses)`);
  const hostname = doc.get('hostname');
  if (typeof hostname !== 'string' || hostname === '') problems.push('hostname: required, a string');
  const config = doc.get('config') ?? new PyDict();
  if (!(config instanceof PyDict)) problems.push('config: must be a mapping (the merged perDPUValuesYAML values)');
  const rawAddresses = doc.get('ipaddresses') ?? new PyDict();
  const ipaddresses: Record<string, InterfaceAddress> = {};
  if (!(rawAddresses instanceof PyDict)) problems.push('ipaddresses: must be a mapping of interface -> address');
  else {
    const plain = fromPyValue(rawAddresses) as Record<string, unknown>;
    try {
      const inv = decodeInventory({ dpus: [{ name: 'context', ipaddresses: plain }] }, source);
      Object.assign(ipaddresses, inv.dpus[0]!.ipaddresses);
    } catch (e) {
      if (!(e instanceof InventoryError)) throw e;
      problems.push(...e.problems.map((p) => p.replace(/^dpus\[0\]\./, '')));
    }
    for (const [iface, given] of Object.entries(plain)) {
      const full = ipaddresses[iface];
      if (!full || typeof given !== 'object' || given === null) continue;
      for (const [k, v] of Object.entries(given)) {
        if (!(k in full)) problems.push(`ipaddresses.${iface}.${k}: unknown key (ip, cidr, prefixlen, gateway)`);
        else if (v !== full[k as keyof InterfaceAddress]) problems.push(`ipaddresses.${iface}.${k}: ${JSON.stringify(v)} disagrees with ${JSON.stringify(full[k as keyof InterfaceAddress])} derived from the other keys`);
      }
    }
  }
  if (problems.length) throw new StartupContextError(source, problems);
  return { hostname: hostname as string, config: config as PyDict, ipaddresses };
}

/** Reads and decodes a context file (YAML 1.1, as PyYAML reads it; UTF-8, at most 8 MiB). */
export function loadStartupContextFile(path: string): StartupContext {
  let text: string;
  try {
    text = readInputText(path);
  } catch (e) {
    if (e instanceof InputFileError) throw new StartupContextError(path, [e.reason === 'unreadable' && e.cause instanceof Error ? e.cause.message : e.detail]);
    throw e;
  }
  let doc: PyValue;
  try {
    doc = loadYaml11(text);
  } catch (e) {
    if (e instanceof Yaml11Error) throw new StartupContextError(path, [`not YAML: ${e.message}`]);
    throw e;
  }
  return decodeStartupContext(doc, path);
}
