#!/usr/bin/env node
// Records the built-in Kubernetes kinds' structure from @kubernetes/client-node (the official
// JavaScript client, a dependency of this project) into contract/kube-schema/builtin.json:
//   - which apiVersion/kind each model is created as (the POST collection paths of its API classes),
//   - each model's fields with their JSON names and types (the generated attributeTypeMap),
//   - which fields are required (fields declared without `?` in the generated .d.ts).
// Run after `npm ci`:  node scripts/record/kube-schema/from-client-node.mjs
// Never runs dpu-gitops code.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const pkgDir = join(root, 'node_modules/@kubernetes/client-node');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const gen = join(pkgDir, 'dist/gen');

// apiVersion/kind -> model, from every `POST /api[s]/GROUP/VERSION/.../PLURAL` with a typed body.
const kinds = {};
for (const file of readdirSync(join(gen, 'apis')).filter((f) => /V\d+\w*Api\.js$/.test(f))) {
  const text = readFileSync(join(gen, 'apis', file), 'utf8');
  const methods = text.split(/\n    async |\n    [a-zA-Z]+\(/);
  for (const m of methods) {
    const path = /const localVarPath = '([^']+)'/.exec(m)?.[1];
    const body = /ObjectSerializer\.serialize\(body, "([A-Za-z0-9]+)"/.exec(m)?.[1];
    if (!path || !body || !/HttpMethod\.POST/.test(m)) continue;
    const segs = path.split('/').filter(Boolean);
    // Collection creates only: no {name}, so no subresources (scale, eviction, binding...).
    if (segs.some((s) => s === '{name}')) continue;
    const [group, version] = segs[0] === 'api' ? ['', segs[1]] : [segs[1], segs[2]];
    const kind = body.replace(/^([A-Z][a-z]+)*V\d+((alpha|beta)\d+)?/, '');
    if (!kind || kind.endsWith('List') || /Review$|^(TokenRequest|Eviction|Binding|Scale|DeleteOptions)$/.test(kind)) {
      if (!/Review$|^TokenRequest$/.test(kind)) continue;
    }
    kinds[`${group === '' ? version : `${group}/${version}`}/${kind}`] = body;
  }
}

// Model fields: [jsonName, type, format, required (1/0)], for every model reachable from a kind.
const require = createRequire(import.meta.url);
const types = {};
const modelRefs = (t) => [...t.matchAll(/\b((?:[A-Z][a-z]+)*V\d+(?:(?:alpha|beta)\d+)?[A-Z]\w*)\b/g)].map((m) => m[1]);
const queue = [...new Set(Object.values(kinds))];
while (queue.length > 0) {
  const name = queue.shift();
  if (types[name]) continue;
  // Names without a model file (V1MicroTime) are scalars the serializer knows.
  if (!existsSync(join(gen, 'models', `${name}.js`))) continue;
  const mod = require(join(gen, 'models', `${name}.js`));
  const cls = mod[name];
  const dts = readFileSync(join(gen, 'models', `${name}.d.ts`), 'utf8');
  const required = new Set([...dts.matchAll(/^ {4}'([^']+)': /gm)].map((m) => m[1]));
  types[name] = cls.getAttributeTypeMap().map((a) => [a.baseName, a.type, a.format, required.has(a.name) ? 1 : 0]);
  for (const a of cls.getAttributeTypeMap()) for (const ref of modelRefs(a.type)) if (!types[ref]) queue.push(ref);
}

const out = join(root, 'contract/kube-schema/builtin.json');
const sortedKinds = Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => (a < b ? -1 : 1)));
const sortedTypes = Object.fromEntries(Object.entries(types).sort(([a], [b]) => (a < b ? -1 : 1)));
const lines = Object.entries(sortedTypes).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n');
writeFileSync(
  out,
  `{"source": "@kubernetes/client-node ${pkg.version}",\n"kinds": ${JSON.stringify(sortedKinds, null, 1)},\n"types": {\n${lines}\n}}\n`,
);
console.error(`kube-schema: ${Object.keys(kinds).length} kinds, ${Object.keys(types).length} types from @kubernetes/client-node ${pkg.version} -> ${out}`);
