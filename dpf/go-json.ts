/**
 * Go's encoding/json output for the plain data DPF hashes or writes into annotations
 * (DPF runs json.Marshal / json.Encoder on the same data, so digests and annotation text must
 * match it byte for byte). Objects keep their insertion order: callers build them in Go struct
 * field order, or sort them (Go sorts map keys) with `sortedKeys`.
 */

/** A JSON value as Go marshals it from interface{} data. */
export type GoJson = null | boolean | number | string | GoJson[] | { [key: string]: GoJson };

/**
 * encoding/json's string encoder with HTML escaping on (the default of json.Marshal and
 * json.NewEncoder): `<`, `>`, `&`, U+2028 and U+2029 become \u escapes, control characters other
 * than \n \r \t become \u00XX (Go before 1.22), lone surrogates become U+FFFD.
 */
export function goJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) out += '\ufffd';
    else if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) {
      out += '\\u' + c.toString(16).padStart(4, '0');
    } else out += s[i];
  }
  return out + '"';
}

/** json.Marshal of plain data (compact, HTML-escaped, object keys in insertion order). */
export function goJsonMarshal(v: GoJson): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`json: unsupported value: ${v}`);
    return String(v);
  }
  if (Array.isArray(v)) return `[${v.map(goJsonMarshal).join(',')}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${goJsonString(k)}:${goJsonMarshal(x)}`)
    .join(',')}}`;
}

/** A copy of an object with its keys in Go's map order (sorted byte-wise), recursively. */
export function sortedKeys(v: GoJson): GoJson {
  if (Array.isArray(v)) return v.map(sortedKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: { [key: string]: GoJson } = {};
  for (const k of Object.keys(v).sort(compareBytes)) out[k] = sortedKeys(v[k]!);
  return out;
}

/** Go's string comparison (UTF-8 byte order), which is code point order. */
export function compareBytes(a: string, b: string): number {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return Buffer.compare(x, y);
}
