/**
 * One DPU's template context (`hostname`, `config`, `ipaddresses`) as the JSON a shard stores
 * next to its rendered startup config: Python `json.dumps(context, sort_keys=True)` of the values
 * the template saw, so a float stays `1.0` and an int stays `1` for whoever reads it back
 * (`json.loads`, jq, `render-startup --context`, which reads it as PyYAML reads YAML). Written
 * with the engine's own `tojson` (Jinja2's htmlsafe escapes of < > & ' included: still JSON).
 */
import { PyDict } from './jinja/index.js';
import { toJson } from './jinja/tojson.js';
import type { InterfaceAddress } from './ipam.js';

function addressDict(a: InterfaceAddress): PyDict {
  return PyDict.from([
    ['cidr', a.cidr],
    ['gateway', a.gateway],
    ['ip', a.ip],
    ['prefixlen', BigInt(a.prefixlen)],
  ]);
}

/** The context JSON of one DPU; `config` is the merged perDPUValuesYAML values (Python types). */
export function contextJson(hostname: string, config: PyDict, ipaddresses: Readonly<Record<string, InterfaceAddress>>): string {
  const ctx = PyDict.from([
    ['config', config],
    ['hostname', hostname],
    ['ipaddresses', PyDict.from(Object.entries(ipaddresses).map(([k, v]) => [k, addressDict(v)]))],
  ]);
  // outside a render the engine checks sizes (1 MiB per string) but meters no steps
  return toJson(ctx).s;
}
