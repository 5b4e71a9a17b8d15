// dpf/yaml-input.ts against the reference it replaces: the `yaml` package's own parse functions
// with `uniqueKeys: true` (what every caller used before). Errors (code, message, position, line
// and column, pretty excerpt) and values must be identical on a hand-picked corpus and on
// seeded random documents; then the inputs that were quadratic must finish (generous timeouts:
// "did not hang", not a benchmark).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, parseAllDocuments, parseDocument, type Document } from 'yaml';
import { MAX_ALIAS_STEPS, parseUserDocument, parseUserDocuments, parseUserYaml } from '../../dpf/yaml-input.js';
import { seededRandom } from '../helpers/seeded-random.js';

const CORPUS = [
  'a: 1\na: 2\n',
  'a: 1\nb: 2\na: 3\na: 4\n',
  '{a: 1, a: 2}',
  '? a\n: 1\n? a\n: 2\n',
  ': 1\n: 2\n',
  '&x a: 1\n&y a: 2\n',
  '!!str a: 1\na: 2\n',
  'x:\n  y: 1\n  # c\n  y: 2\n',
  '1: a\n"1": b\n',
  'yes: 1\ntrue: 2\n',
  '1: a\n1.0: b\n',
  '.nan: 1\n.nan: 2\n',
  '~: 1\nnull: 2\n',
  '<<: {a: 1}\n<<: {b: 2}\n',
  'a: 1\na: 2\nb: [\n',
  'b: [\na: 1\na: 2\n',
  'a: 1\n---\na: 1\na: 2\n',
  '- a: 1\n  a: 2\n- {b: 1, b: 1}\n',
  '2001-01-01: a\n2001-01-01: b\n',
  'k: !!omap\n  - a: 1\n  - a: 2\n',
  'k: !!set\n  ? a\n  ? a\n',
  'k: !!pairs\n  - a: 1\n  - a: 2\n',
  '[a: 1, a: 2]',
  `"${'x'.repeat(100)}": 1\n"${'x'.repeat(100)}": 2\n`,
  `pre: ${'y'.repeat(90)}\n${' '.repeat(70)}zz: 1\n`,
  `k: 1\n${' '.repeat(65)}${'w'.repeat(40)}: 1\n`,
  'a:\n\tb: 1\na: 2\n',
  'a: 1\n a: 2\na: 3\n',
  '0x10: a\n16: b\n',
  '-0: a\n0: b\n',
  'a: &q 1\n*q : 2\n1: 3\n',
  'kind: ConfigMap\nmetadata:\n  name: x\n  name: y\n',
];

interface ErrorView {
  code: string;
  message: string;
  pos: [number, number];
  linePos: unknown;
}

const view = (docs: readonly Document.Parsed[]): ErrorView[][] => docs.map((d) => d.errors.map((e) => ({ code: e.code, message: e.message, pos: e.pos, linePos: e.linePos })));

const OPTION_SETS = [
  { version: '1.1' as const, merge: true, prettyErrors: false },
  { version: '1.1' as const, merge: true },
  { prettyErrors: false },
  {},
];

test('errors and values are the yaml package’s own (uniqueKeys: true) on the corpus', () => {
  for (const src of CORPUS) {
    for (const o of OPTION_SETS) {
      const ref = parseAllDocuments(src, { ...o, uniqueKeys: true });
      const ours = parseUserDocuments(src, o);
      assert.deepEqual(view([...ours]), view([...ref]), `${JSON.stringify(src)} ${JSON.stringify(o)}`);
      [...ref].forEach((d, i) => {
        if (d.errors.length === 0) assert.deepEqual([...ours][i]!.toJS(), d.toJS(), JSON.stringify(src));
      });
    }
  }
});

test('parseUserDocument and parseUserYaml match parseDocument and parse (first error thrown as is)', () => {
  for (const src of [...CORPUS, 'a: 1\n---\nb: 2\n']) {
    const ref = parseDocument(src, { uniqueKeys: true });
    const ours = parseUserDocument(src);
    assert.deepEqual(view([ours]), view([ref]), JSON.stringify(src));
    let refThrown: unknown;
    let refValue: unknown;
    try {
      refValue = parse(src);
    } catch (e) {
      refThrown = e;
    }
    if (refThrown) assert.throws(() => parseUserYaml(src), (e: Error) => e.message === (refThrown as Error).message, JSON.stringify(src));
    else assert.deepEqual(parseUserYaml(src), refValue);
  }
});


/** Random documents with few distinct keys (so duplicates are common), block and flow styles. */
function randomDocument(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const keys = ['a', 'b', '"a"', "'b'", '1', '1.0', 'yes', 'true', '~', 'null', '0x1', '', '&k a', '!!str b', '<<'];
  const scalars = ['1', 'x', '"q"', 'null', '[]', '{}', '*k', 'on', '2001-02-03'];
  let anchorUsed = false;
  const value = (depth: number, indent: string): string => {
    const r = rand();
    if (depth > 2 || r < 0.45) {
      const s = pick(scalars);
      if (s === '*k' && !anchorUsed) return '1';
      return s;
    }
    if (r < 0.6) return `{${Array.from({ length: 1 + Math.floor(rand() * 3) }, () => `${pick(keys.filter((k) => k !== '' && k !== '<<'))}: ${pick(scalars.filter((s) => s !== '*k'))}`).join(', ')}}`;
    if (r < 0.75) return `\n${Array.from({ length: 1 + Math.floor(rand() * 3) }, () => `${indent}- ${pick(scalars.filter((s) => s !== '*k'))}`).join('\n')}`;
    return `\n${block(depth + 1, `${indent}  `)}`;
  };
  const block = (depth: number, indent: string): string => {
    const lines: string[] = [];
    const n = 1 + Math.floor(rand() * 4);
    for (let i = 0; i < n; i++) {
      const key = pick(keys);
      if (key.startsWith('&')) anchorUsed = true;
      if (rand() < 0.1) lines.push(`${indent}# comment ${i}`);
      if (key === '<<') lines.push(`${indent}<<: {m: 1}`);
      else if (rand() < 0.1) lines.push(`${indent}? ${key || 'e'}\n${indent}: ${value(depth + 2, `${indent}  `).trimStart()}`);
      else lines.push(`${indent}${key}: ${value(depth, `${indent}  `)}`);
    }
    return lines.join('\n');
  };
  const docs = Array.from({ length: 1 + Math.floor(rand() * 2) }, () => block(0, ''));
  return `${docs.join('\n---\n')}\n`;
}

test('seeded random documents: same errors and values as the yaml package', () => {
  const rand = seededRandom(11);
  let withDuplicates = 0;
  for (let i = 0; i < 1500; i++) {
    const src = randomDocument(rand);
    const o = OPTION_SETS[i % OPTION_SETS.length]!;
    const ref = [...parseAllDocuments(src, { ...o, uniqueKeys: true })];
    const ours = [...parseUserDocuments(src, o)];
    assert.deepEqual(view(ours), view(ref), src);
    if (ref.some((d) => d.errors.some((e) => e.code === 'DUPLICATE_KEY'))) withDuplicates++;
    ref.forEach((d, j) => {
      if (d.errors.length === 0) assert.deepEqual(jsOrError(ours[j]!), jsOrError(d), src);
    });
  }
  // the generator must exercise the check it is here for
  assert.ok(withDuplicates > 300, `only ${withDuplicates} documents with duplicate keys`);
});

/** The document's value, or the message toJS throws (an alias used before its anchor). */
function jsOrError(doc: Document.Parsed): unknown {
  try {
    return doc.toJS({ maxAliasCount: -1 });
  } catch (e) {
    return `throws: ${(e as Error).message}`;
  }
}

function bigMap(n: number, duplicate: string): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: x}', 'data:'];
  for (let i = 0; i < n; i++) lines.push(`  key${i}: v${i}`);
  lines.push(`  ${duplicate}: again`);
  return `${lines.join('\n')}\n`;
}

// Before: yaml's uniqueKeys compared each key with all earlier ones (53 s for 80k keys).
test('80,000 keys in one map: the duplicate at the end is found, with its line', { timeout: 40_000 }, () => {
  const src = bigMap(80_000, 'key7');
  const [doc] = parseUserDocuments(src, { version: '1.1', merge: true, prettyErrors: false });
  assert.deepEqual(
    doc!.errors.map((e) => [e.code, e.message, e.pos[0]]),
    [['DUPLICATE_KEY', 'Map keys must be unique', src.lastIndexOf('  key7: again') + 2]],
  );
  const pretty = parseUserDocuments(src)[0]!;
  assert.match(pretty.errors[0]!.message, /^Map keys must be unique at line 80005, column 3:\n/);
});

test('!!omap: the duplicate message is the package’s; 80,000 entries finish', { timeout: 40_000 }, () => {
  const small = 'k: !!omap\n  - a: 1\n  - b: 2\n  - a: 3\n';
  assert.deepEqual(view([...parseUserDocuments(small, { version: '1.1' })]), view([...parseAllDocuments(small, { version: '1.1' })]));
  const lines = ['k: !!omap'];
  for (let i = 0; i < 80_000; i++) lines.push(`  - k${i}: ${i}`);
  lines.push('  - k3: dup');
  const [doc] = parseUserDocuments(`${lines.join('\n')}\n`, { version: '1.1', prettyErrors: false });
  assert.deepEqual(doc!.errors.map((e) => e.message), ['Ordered maps must not include duplicate keys: k3']);
});

test('a collection as a key is an error (Kubernetes cannot read one); thousands of them with anchors finish', { timeout: 40_000 }, () => {
  const [doc] = parseUserDocuments('? [a, b]\n: 1\nc: 2\n', { prettyErrors: false });
  assert.deepEqual(doc!.errors.map((e) => [e.code, e.pos[0]]), [['NON_STRING_KEY', 2]]);
  const [aliased] = parseUserDocuments('x: &l [a]\n*l : 1\n', { prettyErrors: false });
  assert.deepEqual(aliased!.errors.map((e) => e.code), ['NON_STRING_KEY']);
  // Before: toJS copied the anchor table per collection key (8,000 of each: 16 s).
  const lines = ['anchors:'];
  for (let i = 0; i < 8000; i++) lines.push(`  - &a${i} ${i}`);
  lines.push('keys:');
  for (let i = 0; i < 8000; i++) lines.push(`  ? [k${i}]`, '  : 1');
  const [big] = parseUserDocuments(`${lines.join('\n')}\n`, { prettyErrors: false });
  assert.equal(big!.errors.length, 8000);
});

test('aliases: values as the package resolves them; past the budget, an error instead of quadratic work', { timeout: 40_000 }, () => {
  const src = 'base: &b {x: 1}\nlist: [&s one, *s]\nref: *b\nmerged:\n  <<: *b\n  y: 2\n';
  assert.deepEqual(parseUserDocuments(src, { version: '1.1', merge: true })[0]!.toJS(), parseAllDocuments(src, { version: '1.1', merge: true })[0]!.toJS());
  // Before: 8,000 anchors each aliased once took 4.3 s in toJS (every alias scans all anchors).
  const n = 8000;
  const lines = ['a:'];
  for (let i = 0; i < n; i++) lines.push(`  - &a${i} ${i}`);
  lines.push('b:');
  for (let i = 0; i < n; i++) lines.push(`  - *a${i}`);
  const [doc] = parseUserDocuments(`${lines.join('\n')}\n`, { prettyErrors: false });
  const nodes = 3 + 2 * n + 2; // the map, two keys, two sequences, the items
  assert.ok(n * nodes > MAX_ALIAS_STEPS);
  assert.deepEqual(doc!.errors.map((e) => e.code), ['RESOURCE_EXHAUSTION']);
  assert.match(doc!.errors[0]!.message, /^Too many aliases: 8000 in a document of \d+ nodes, which may hold at most \d+/);
});

test('deep nesting neither overflows the stack nor throws', { timeout: 40_000 }, () => {
  for (const src of ['['.repeat(20_000) + ']'.repeat(20_000), '- '.repeat(20_000) + 'x\n']) {
    const docs = parseUserDocuments(src, { version: '1.1', prettyErrors: false });
    assert.ok(docs.length >= 1);
  }
});
