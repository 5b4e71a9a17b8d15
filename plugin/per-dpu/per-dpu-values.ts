/**
 * `configuration.perDPUValuesYAML`: a YAML list of `{hostnamePattern, values}` parsed as the
 * DPU's Python parses it (yaml11.ts). A DPU's values are the deep merge, in list order, of the
 * `values` of every entry whose pattern matches its hostname: later entries win key by key,
 * mappings merge recursively, anything else (lists included) is replaced (DPF's HBN DPUService
 * comments: "merged values from all matching patterns, with values from patterns closer to the
 * end of the list taking precedence"; the HBN code itself is not public).
 */
import { matchHostname } from './hostname-match.js';
import { PyDict, PyTuple, type PyValue } from './jinja/index.js';
import { loadYaml11, Yaml11Error } from './yaml11.js';

export interface PerDpuValuesEntry {
  hostnamePattern: string;
  values: PyDict;
}

/** perDPUValuesYAML that is not a list of {hostnamePattern, values}. */
export class PerDpuValuesError extends Error {
  override readonly name = 'PerDpuValuesError';
  constructor(readonly detail: string, readonly line?: number) {
    super(`perDPUValuesYAML: ${detail}${line !== undefined ? ` (line ${line})` : ''}`);
  }
}

/** Parses perDPUValuesYAML. An empty document is an empty list. */
export function parsePerDpuValues(text: string): PerDpuValuesEntry[] {
  let doc: PyValue;
  try {
    doc = loadYaml11(text);
  } catch (e) {
    if (e instanceof Yaml11Error) throw new PerDpuValuesError(e.detail, e.line);
    throw e;
  }
  if (doc === null) return [];
  if (!Array.isArray(doc)) throw new PerDpuValuesError('must be a YAML list of {hostnamePattern, values}');
  return doc.map((item, i) => {
    if (!(item instanceof PyDict)) throw new PerDpuValuesError(`item ${i} must be a mapping with hostnamePattern and values`);
    const pattern = item.get('hostnamePattern');
    if (typeof pattern !== 'string') throw new PerDpuValuesError(`item ${i}: hostnamePattern must be a string`);
    const values = item.get('values');
    if (values === undefined || values === null) return { hostnamePattern: pattern, values: new PyDict() };
    if (!(values instanceof PyDict)) throw new PerDpuValuesError(`item ${i} (${pattern}): values must be a mapping`);
    return { hostnamePattern: pattern, values };
  });
}

/** A deep copy, so one DPU's template cannot change another DPU's values. */
export function clonePy(v: PyValue): PyValue {
  if (Array.isArray(v)) return v.map(clonePy);
  if (v instanceof PyDict) return PyDict.from(v.entries().map(([k, x]) => [k, clonePy(x)]));
  if (v instanceof PyTuple) return new PyTuple(v.items.map(clonePy), v.fields);
  return v;
}

/** Recursive merge of `src` into `dst` (src wins; mappings merge, other values are replaced). */
export function deepMergeInto(dst: PyDict, src: PyDict): void {
  for (const [k, v] of src.entries()) {
    const cur = dst.get(k);
    if (cur instanceof PyDict && v instanceof PyDict) deepMergeInto(cur, v);
    else dst.set(k, clonePy(v));
  }
}

/** The merged values for `hostname` and the indexes of the entries that matched. */
export function valuesForHostname(entries: readonly PerDpuValuesEntry[], hostname: string): { values: PyDict; matched: number[] } {
  const values = new PyDict();
  const matched: number[] = [];
  entries.forEach((e, i) => {
    if (!matchHostname(e.hostnamePattern, hostname)) return;
    matched.push(i);
    deepMergeInto(values, e.values);
  });
  return { values, matched };
}
