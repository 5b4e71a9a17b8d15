// Differential fuzzing against a real helm v3.17.3 (only with DPU_GITOPS_LIVE_HELM=1; `npm test`
// skips it): random YAML documents through fromYaml/fromYamlArray, and random values through
// toYaml/toYamlPretty/toJson/toToml, compared byte for byte with what helm prints.
// HELM (default /tmp/helm-bins/v3/helm) and FUZZ_SEED (default 1) select the binary and seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { fromYaml, fromYamlArray, toJson, toToml, toYaml, toYamlPretty } from '../../../helm/funcs/serialization.js';
import { parseYamlToGoMap } from '../../../helm/yaml/parse.js';
import type { GoValue } from '../../../helm/template/value.js';

const live = process.env['DPU_GITOPS_LIVE_HELM'] === '1';
const helm = process.env['HELM'] ?? '/tmp/helm-bins/v3/helm';
let seed = Number(process.env['FUZZ_SEED'] ?? 1);
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;

const ATOMS = ['a', 'Z', '0', '9', ' ', '  ', '\t', '\n', '\r', ':', ': ', '#', ' #', '-', '- ', '?', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`', '\\', 'é', '日', '😀', '\u0085', '\u00a0', '\u2028', '\ufeff', 'yes', 'no', 'on', 'null', '~', 'true', '1.5', '0x1F', '1e3', '.inf', '---', '...', '<<', 'word ', 'x'.repeat(30), '\n\n', '2001-01-01', '12:30'];
const WORDS = ['a', 'b c', 'yes', 'No', 'on', '1', '-2', '0x1F', '017', '1e3', '.5', '1_000', '~', 'null', '', 'x:y', 'a #b', 'é', '😀 x', '2001-01-01', '12:30', '<<', 'true', '-', '"dq \\t \\u00e9"', "'sq ''x'''", '! 5', '!!str 5', '!!float 3', 'x'.repeat(90), 'word '.repeat(20).trim()];
const KEYS = ['a', 'b', 'key', 'k-1', '1', 'yes', '"q k"', "'s k'", 'x y', '1.5', 'on', 'é'];

/** A YAML double-quoted scalar for any string. */
function quote(s: string): string {
  let r = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') r += '\\' + ch;
    else if (c < 0x20 || c === 0x7f || c === 0x85 || c === 0x2028 || c === 0x2029 || c === 0xfeff) r += '\\u' + c.toString(16).padStart(4, '0');
    else r += ch;
  }
  return r + '"';
}

function randomValue(depth: number): string {
  const r = rnd();
  if (depth > 3 || r < 0.5) {
    const t = rnd();
    let s = '';
    for (let i = Math.floor(rnd() * (rnd() < 0.2 ? 40 : 8)); i > 0; i--) s += pick(ATOMS);
    if (t < 0.7) return quote(s);
    if (t < 0.8) return String(Math.floor(rnd() * 1e6) / (rnd() < 0.5 ? 1 : 1000));
    return pick(['true', 'false', 'null', '{}', '[]', '1e21', '-0.0', '1e-7', '123456789012345678']);
  }
  const n = Math.floor(rnd() * 4);
  if (r < 0.75) return '{' + Array.from({ length: n }, () => quote(pick(ATOMS) + pick(ATOMS)) + ': ' + randomValue(depth + 1)).join(', ') + '}';
  return '[' + Array.from({ length: n }, () => randomValue(depth + 1)).join(', ') + ']';
}

function randomDocument(): string {
  let anchors = 0;
  const scalar = (indent: number): string => {
    const r = rnd();
    if (r < 0.1) return '|' + pick(['', '-', '+', '2']) + '\n' + Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => ' '.repeat(indent + 2) + pick(['one', 'two  three', ' more', ''])).join('\n');
    if (r < 0.15) return '>' + pick(['', '-', '+']) + '\n' + Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => ' '.repeat(indent + 2) + pick(['one', 'two three', ' more', ''])).join('\n');
    if (r < 0.22) return '[' + Array.from({ length: Math.floor(rnd() * 4) }, () => pick(['1', 'a', '"x"', '{k: v}', '[]', 'b c'])).join(', ') + ']';
    if (r < 0.27) return '{' + Array.from({ length: Math.floor(rnd() * 3) }, () => pick(KEYS) + ': ' + pick(['1', 'v', '[a]', '~'])).join(', ') + '}';
    if (r < 0.32 && anchors > 0) return '*a' + Math.floor(rnd() * anchors);
    return pick(WORDS) + (rnd() < 0.1 ? ' # comment' : '');
  };
  const node = (indent: number, depth: number): string => {
    const r = rnd();
    if (depth > 3 || r < 0.35) return ' ' + scalar(indent);
    const anchor = rnd() < 0.15 ? ' &a' + anchors++ : '';
    const n = 1 + Math.floor(rnd() * 3);
    if (r < 0.7) return anchor + '\n' + Array.from({ length: n }, () => ' '.repeat(indent + 2) + pick(KEYS) + ':' + node(indent + 2, depth + 1)).join('\n');
    const at = rnd() < 0.5 ? indent : indent + 2;
    return anchor + '\n' + Array.from({ length: n }, () => ' '.repeat(at) + '-' + node(at, depth + 1)).join('\n');
  };
  let s = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(KEYS) + ':' + node(0, 0)).join('\n') + '\n';
  if (rnd() < 0.2) {
    const p = Math.floor(rnd() * s.length);
    s = s.slice(0, p) + pick(['\t', ' ', ':', '-', '"', '\n ', '#', '[', '&', '!', '|']) + s.slice(p);
  }
  return s;
}

const TEMPLATE = `kind: Fuzz
docs:
{{- range $path, $_ := .Files.Glob "files/*" }}
  {{ base $path }}:
    y: {{ $.Files.Get $path | fromYaml | toJson | b64enc }}
    a: {{ $.Files.Get $path | fromYamlArray | toJson | b64enc }}
{{- end }}
values:
{{- range $k, $v := .Values.cases }}
  {{ $k }}:
    toYaml: {{ toYaml $v | b64enc }}
    toYamlPretty: {{ toYamlPretty $v | b64enc }}
    toJson: {{ toJson $v | b64enc }}
    toToml: {{ toToml (dict "v" $v) | b64enc }}
{{- end }}
`;

test('live differential fuzz against helm', { skip: live ? false : 'set DPU_GITOPS_LIVE_HELM=1 to run against a real helm' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'serialization-fuzz-'));
  try {
    mkdirSync(join(dir, 'templates'));
    mkdirSync(join(dir, 'files'));
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: fuzz\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'templates', 't.yaml'), TEMPLATE);
    const docs = new Map<string, string>();
    for (let i = 0; i < 300; i++) {
      const d = randomDocument();
      docs.set(`d${i}`, d);
      writeFileSync(join(dir, 'files', `d${i}`), d);
    }
    let valuesText = 'cases:\n';
    for (let i = 0; i < 300; i++) valuesText += `  c${i}: ${randomValue(0)}\n`;
    writeFileSync(join(dir, 'values.yaml'), valuesText);
    const home = join(dir, 'home');
    const env = { ...process.env, HELM_CONFIG_HOME: home, HELM_CACHE_HOME: home, HELM_DATA_HOME: home };
    const rendered = execFileSync(helm, ['template', 'x', dir], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
    const out = parseAllDocuments(rendered).map((d) => d.toJS()).find((d) => d?.kind === 'Fuzz');
    const dec = (x: string | null) => (x === null ? '' : Buffer.from(x, 'base64').toString('utf8'));
    const failures: string[] = [];
    for (const [name, c] of Object.entries<Record<string, string>>(out.docs ?? {})) {
      const input = docs.get(name)!;
      if (toJson(fromYaml(input)) !== dec(c['y']!)) failures.push(`fromYaml ${JSON.stringify(input)}`);
      if (toJson(fromYamlArray(input)) !== dec(c['a']!)) failures.push(`fromYamlArray ${JSON.stringify(input)}`);
    }
    const values = parseYamlToGoMap(valuesText).get('cases') as Map<string, GoValue>;
    for (const [name, c] of Object.entries<Record<string, string>>(out.values ?? {})) {
      const v = values.get(name);
      const ours: Record<string, string> = { toYaml: toYaml(v), toYamlPretty: toYamlPretty(v), toJson: toJson(v), toToml: toToml(new Map([['v', v]])) };
      for (const [fn, text] of Object.entries(ours)) if (text !== dec(c[fn]!)) failures.push(`${fn} ${name}`);
    }
    assert.deepEqual(failures, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
