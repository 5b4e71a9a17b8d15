// plugin/yaml-printer.ts against its reference, the `yaml` library printing a Document the way
// plugin/output.ts did before the printer existed (YAML 1.1, lineWidth 0, indentSeq, single-line
// risky strings double-quoted). Strings come from a seeded generator over every character that
// changes a style decision; structures from the real corpus (every helm-recorded differential
// case and the operator-shaped chart's rendered objects).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Document, parseAllDocuments, visit } from 'yaml';
import { loadChartSync } from '../../helm/chart/load.js';
import { renderChart } from '../../helm/index.js';
import { printYamlDocument } from '../../plugin/yaml-printer.js';
import { seededRandom } from '../helpers/seeded-random.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const RISKY = /^(?:$|[-+.0-9~=<]|(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$)/;

function reference(value: unknown): string {
  const doc = new Document(value, { version: '1.1' });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && RISKY.test(node.value) && !node.value.includes('\n')) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true, defaultKeyType: 'PLAIN' });
}

function same(value: unknown, what: string): void {
  const ours = printYamlDocument(value);
  assert.notEqual(ours, undefined, `${what}: printer declined plain data`);
  assert.equal(ours, reference(value), what);
}


// Pieces that change a decision: indicators, spaces around newlines, document markers, number and
// bool look-alikes, quotes, control characters, escapes of invalid bytes, non-ASCII.
const PIECES = [
  'a', 'b', 'x', 'Ab', '/', '_', 'v1', 'nvcr.io/nvidia/doca', 'On', 'Yes', 'NULL', 'nullx', 'y', 'n', 'on', 'No', 'true', 'null', '~', '0', '1', '08', '0x1f', '0b1', '1_000', '.5', '1e3', '-', '+', '.', '?', ':', ': ', ' :', '#', ' #',
  ' ', '  ', '\t', '\n', '\n\n', ' \n', '\n ', '---', '...', '%', "'", '"', '|', '>', '[', ']', '{', '}', ',', '&', '*', '!', '@', '`', '<<', '=', '<',
  '\x00', '\x07', '\x0b', '\x1b', '\x7f', '\x85', '\xa0', '\u2028', '\udc80', 'é', '日本', '12:30', '2001-12-14', '.inf', '.NaN', 'key: value', '- item',
];

function randomString(r: () => number): string {
  const n = Math.floor(r() * 7);
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(r() * PIECES.length)]!;
  if (r() < 0.1) s += 'z'.repeat(Math.floor(r() * 60));
  return s;
}

describe('yaml-printer: byte-identical to the yaml library Document path', () => {
  it('strings as values and keys, at every depth (20,000 seeded cases)', () => {
    const r = seededRandom(20261206);
    for (let i = 0; i < 20000; i++) {
      const s = randomString(r);
      const k = randomString(r);
      const value = { [k]: s, top: [s, [s], { [k]: s }], nested: { deeper: { [k]: [s, { [s]: k }] } } };
      same(value, `case ${i}: ${JSON.stringify([k, s])}`);
    }
  });

  it('numbers, bigints, booleans, null, empty and nested collections, undefined map values', () => {
    same(
      {
        ints: [0, 1, -1, 42, 2 ** 53 - 1, -(2 ** 53), 1e21, 123456789012],
        floats: [1.5, -0.25, 1e-7, 1.0000001, 3.14, 1e300, -0],
        special: [NaN, Infinity, -Infinity],
        big: [2n ** 63n - 1n, -(2n ** 63n)],
        flags: [true, false, null],
        empties: { m: {}, s: [], inSeq: [{}, [], [[]], [{}]], onlyUndefined: { a: undefined } },
        seqOfSeq: [[1, [2, [3, 'x']]], []],
        mapsInSeq: [{ a: 1, b: { c: [1, 2] } }, { d: null }],
        allNull: { a: null, b: null },
        skipped: { a: undefined, b: 1 },
      },
      'mixed',
    );
    same([], 'root empty seq');
    same({}, 'root empty map');
    same([{ a: 'b' }, 'c'], 'root seq');
  });

  it('every object of the helm-recorded corpus and the example recordings', () => {
    const files: string[] = [];
    const casesDir = join(ROOT, 'test/differential/cases');
    for (const c of readdirSync(casesDir)) {
      for (const f of readdirSync(join(casesDir, c))) if (f === "expected.stdout") files.push(join(casesDir, c, f));
    }
    for (const f of readdirSync(join(ROOT, 'examples/expected'))) files.push(join(ROOT, 'examples/expected', f));
    assert.ok(files.length > 50, `corpus found (${files.length} files)`);
    let objects = 0;
    for (const file of files) {
      for (const doc of parseAllDocuments(readFileSync(file, 'utf8'), { version: '1.1' })) {
        if (!('toJS' in doc) || doc.errors.length) continue;
        const value = doc.toJS({ maxAliasCount: -1 }) as unknown;
        if (typeof value !== 'object' || value === null) continue;
        if (printYamlDocument(value) === undefined) continue; // aliases: the library path prints them
        same(value, file);
        objects++;
      }
    }
    // The operator-shaped bench chart: 311 templates of CRDs, RBAC, webhooks, toYaml-heavy values.
    const rendered = renderChart(loadChartSync(join(ROOT, 'bench/charts/operator-shaped')), { releaseName: 'op', namespace: 'dpf-operator-system', values: {} });
    for (const m of rendered.manifests) {
      if (typeof m.object !== 'object' || m.object === null) continue;
      same(m.object, m.path);
      objects++;
    }
    assert.ok(objects > 400, `objects compared: ${objects}`);
  });

  it('declines what only the library prints right: shared objects (anchors), Dates, Maps, array holes, long keys', () => {
    const shared = { a: 1 };
    assert.equal(printYamlDocument({ x: shared, y: shared }), undefined);
    assert.equal(printYamlDocument({ when: new Date(0) }), undefined);
    assert.equal(printYamlDocument({ m: new Map([['a', 1]]) }), undefined);
    assert.equal(printYamlDocument({ list: [1, undefined] }), undefined);
    assert.equal(printYamlDocument({ ['k'.repeat(1100)]: 1 }), undefined);
    assert.equal(printYamlDocument('scalar root'), undefined);
  });
});
