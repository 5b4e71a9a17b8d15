// Records real helm v3.17.3 values coalescing and dependency processing: each case is a chart
// tree (with subcharts) plus user flags; every chart has a template printing its `.Chart` as JSON
// and its `.Values` as typed JSON (see DUMP_TEMPLATE), so ints, floats, nils and deleted keys show.
//
//   node scripts/record/chart/record-values.mjs
//
// Writes the charts to test/helm/chart/fixtures/values/<case>/ and the results to
// test/helm/chart/golden/values.json (category "coalesce" or "dependencies"): helm's error or, per
// rendered template, the chart JSON and typed values, plus helm's log.Printf lines.
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DUMP_TEMPLATE, helm, helmError, helmVersion, logLines, writeTree } from './helm.mjs';

const root = resolve(new URL('../../..', import.meta.url).pathname);
const fixtures = join(root, 'test/helm/chart/fixtures/values');
const out = join(root, 'test/helm/chart/golden/values.json');

const INFO = `${DUMP_TEMPLATE}
# chart: {{ toJson .Chart }}
# values: {{ include "dump" .Values }}
`;
const chartYaml = (name, extra = '') => `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n${extra}`;
/** A chart at prefix with Chart.yaml, the info template and optional values.yaml. */
const chart = (prefix, name, { extra = '', values } = {}) => ({
  [`${prefix}Chart.yaml`]: chartYaml(name, extra),
  [`${prefix}templates/info.yaml`]: INFO.replaceAll('"dump"', `"dump-${name}-${prefix.length}"`),
  ...(values === undefined ? {} : { [`${prefix}values.yaml`]: values }),
});
const deps = (...items) => `dependencies:\n${items.join('')}`;
const dep = (name, more = '') => `- name: ${name}\n  version: 1.0.0\n  repository: file://../${name}\n${more}`;

/** [category, name, files, flags] */
const cases = [
  ['coalesce', 'user scalar over default', { ...chart('', 'demo', { values: 'a: 1\nb: x\n' }) }, [['set', 'a=2']]],
  ['coalesce', 'set null deletes default', { ...chart('', 'demo', { values: 'a: 1\nb: 2\n' }) }, [['set', 'a=null']]],
  ['coalesce', 'set null for unknown key stays', { ...chart('', 'demo', { values: 'a: 1\n' }) }, [['set', 'z=null']]],
  ['coalesce', 'nested maps merge', { ...chart('', 'demo', { values: 'a:\n  b: 1\n  c: 2\n' }) }, [['set', 'a.c=3,a.d=4']]],
  ['coalesce', 'lists are replaced', { ...chart('', 'demo', { values: 'l: [1, 2, 3]\n' }) }, [['set', 'l={9}']]],
  ['coalesce', 'default table under user scalar', { ...chart('', 'demo', { values: 'a:\n  b:\n    c: 1\n' }) }, [['set', 'a.b=5']]],
  ['coalesce', 'default scalar under user table', { ...chart('', 'demo', { values: 'a:\n  b: 1\n' }) }, [['set', 'a.b.c=2']]],
  ['coalesce', 'top-level scalar under user table', { ...chart('', 'demo', { values: 'a: 1\n' }) }, [['set', 'a.x=1']]],
  ['coalesce', 'top-level table under user scalar', { ...chart('', 'demo', { values: 'a:\n  x: 1\n' }) }, [['set', 'a=1']]],
  ['coalesce', 'default null stays null', { ...chart('', 'demo', { values: 'a: null\nb: ~\n' }) }, []],
  ['coalesce', 'nested null from file deletes', { ...chart('', 'demo', { values: 'a:\n  b: 1\n  c: 2\n' }), 'user.yaml': 'a:\n  b: null\n' }, [['values', 'user.yaml']]],
  ['coalesce', 'float default int set', { ...chart('', 'demo', { values: 'num: 1\nf: 1.5\nbig: 1000000\nn: yaml11-bool-key\n' }) }, [['set', 'num=2']]],
  [
    'coalesce',
    'subchart defaults and overrides',
    { ...chart('', 'demo', { values: 'sub:\n  x: parent\n' }), ...chart('charts/sub/', 'sub', { values: 'x: default\nyy: default\nz: default\n' }) },
    [['set', 'sub.yy=user']],
  ],
  [
    'coalesce',
    'globals flow down',
    {
      ...chart('', 'demo', { values: 'global:\n  a: parent\n  m:\n    p: 1\n' }),
      ...chart('charts/sub/', 'sub', { values: 'global:\n  a: sub\n  b: sub\n  m:\n    s: 2\n' }),
    },
    [['set', 'global.c=user']],
  ],
  [
    'coalesce',
    'global conflicts',
    {
      ...chart('', 'demo', { values: 'global:\n  t:\n    x: 1\n  s: 1\n' }),
      ...chart('charts/sub/', 'sub', { values: 'global:\n  t: scalar\n  s:\n    yy: 2\n' }),
    },
    [],
  ],
  [
    'coalesce',
    'global not a table',
    { ...chart('', 'demo', { values: 'global: 5\n' }), ...chart('charts/sub/', 'sub', { values: 'global:\n  a: 1\n' }) },
    [],
  ],
  [
    'coalesce',
    'parent null deletes subchart default',
    { ...chart('', 'demo', { values: 'sub:\n  x: null\n' }), ...chart('charts/sub/', 'sub', { values: 'x: 1\nyy: 2\n' }) },
    [],
  ],
  [
    'coalesce',
    'user null in subchart section',
    { ...chart('', 'demo'), ...chart('charts/sub/', 'sub', { values: 'x: 1\nyy: 2\n' }) },
    [['set', 'sub.x=null']],
  ],
  ['coalesce', 'subchart section set to null', { ...chart('', 'demo'), ...chart('charts/sub/', 'sub', { values: 'x: 1\n' }) }, [['set', 'sub=null']]],
  ['coalesce', 'subchart section set to a string', { ...chart('', 'demo'), ...chart('charts/sub/', 'sub', { values: 'x: 1\n' }) }, [['set', 'sub=foo']]],
  [
    'coalesce',
    'subchart section null in parent values',
    { ...chart('', 'demo', { values: 'sub: null\n' }), ...chart('charts/sub/', 'sub', { values: 'x: 1\n' }) },
    [],
  ],
  [
    'coalesce',
    'nested subcharts',
    {
      ...chart('', 'demo', { values: 'sub:\n  inner:\n    v: from-root\nglobal:\n  g: root\n' }),
      ...chart('charts/sub/', 'sub', { values: 'inner:\n  w: from-sub\n' }),
      ...chart('charts/sub/charts/inner/', 'inner', { values: 'v: default\nw: default\nx: default\n' }),
    },
    [],
  ],
  [
    'coalesce',
    'subchart null keeps through merge',
    { ...chart('', 'demo', { values: 'sub:\n  m: null\n' }), ...chart('charts/sub/', 'sub', { values: 'm:\n  a: 1\n' }) },
    [],
  ],
  ['coalesce', 'values file and set order', { ...chart('', 'demo', { values: 'a: 0\nb: 0\nc: 0\n' }), 'u1.yaml': 'a: 1\nb: 1\n', 'u2.yaml': 'b: 2\n' }, [['values', 'u1.yaml'], ['values', 'u2.yaml'], ['set', 'c=3']]],

  ['dependencies', 'condition false disables', { ...chart('', 'demo', { extra: deps(dep('sub', '  condition: sub.enabled\n')), values: 'sub:\n  enabled: false\n' }), ...chart('charts/sub/', 'sub') }, []],
  ['dependencies', 'condition true from set', { ...chart('', 'demo', { extra: deps(dep('sub', '  condition: sub.enabled\n')), values: 'sub:\n  enabled: false\n' }), ...chart('charts/sub/', 'sub') }, [['set', 'sub.enabled=true']]],
  ['dependencies', 'condition path missing', { ...chart('', 'demo', { extra: deps(dep('sub', '  condition: nope.enabled\n')) }), ...chart('charts/sub/', 'sub') }, []],
  ['dependencies', 'condition not bool', { ...chart('', 'demo', { extra: deps(dep('sub', '  condition: sub.enabled\n')), values: 'sub:\n  enabled: "no"\n' }), ...chart('charts/sub/', 'sub') }, []],
  ['dependencies', 'condition from subchart default', { ...chart('', 'demo', { extra: deps(dep('sub', '  condition: sub.enabled\n')) }), ...chart('charts/sub/', 'sub', { values: 'enabled: false\n' }) }, []],
  ['dependencies', 'conditions first wins', { ...chart('', 'demo', { extra: deps(dep('sub', '  condition: a.enabled,b.enabled\n')), values: 'a:\n  enabled: false\nb:\n  enabled: true\n' }), ...chart('charts/sub/', 'sub') }, []],
  ['dependencies', 'conditions skip missing', { ...chart('', 'demo', { extra: deps(dep('sub', '  condition: a.enabled,b.enabled\n')), values: 'b:\n  enabled: false\n' }), ...chart('charts/sub/', 'sub') }, []],
  ['dependencies', 'condition space after comma', { ...chart('', 'demo', { extra: deps(dep('sub', '  condition: a.enabled, b.enabled\n')), values: 'b:\n  enabled: false\n' }), ...chart('charts/sub/', 'sub') }, []],
  ['dependencies', 'yaml 1.1 on key is true', { ...chart('', 'demo', { extra: deps(dep('sub', '  condition: sub.on\n')), values: 'sub:\n  on: false\n' }), ...chart('charts/sub/', 'sub') }, []],
  ['dependencies', 'tag false disables', { ...chart('', 'demo', { extra: deps(dep('sub', '  tags: [front]\n')), values: 'tags:\n  front: false\n' }), ...chart('charts/sub/', 'sub') }, []],
  ['dependencies', 'tags true beats false', { ...chart('', 'demo', { extra: deps(dep('sub', '  tags: [a, b]\n')), values: 'tags:\n  a: false\n  b: true\n' }), ...chart('charts/sub/', 'sub') }, []],
  ['dependencies', 'condition beats tags', { ...chart('', 'demo', { extra: deps(dep('sub', '  tags: [a]\n  condition: sub.enabled\n')), values: 'tags:\n  a: true\nsub:\n  enabled: false\n' }), ...chart('charts/sub/', 'sub') }, []],
  ['dependencies', 'tag not bool', { ...chart('', 'demo', { extra: deps(dep('sub', '  tags: [a]\n')), values: 'tags:\n  a: 1\n' }), ...chart('charts/sub/', 'sub') }, []],
  [
    'dependencies',
    'alias copies',
    { ...chart('', 'demo', { extra: deps(dep('sub', '  alias: one\n'), dep('sub', '  alias: two\n')), values: 'one:\n  x: 1\ntwo:\n  x: 2\n' }), ...chart('charts/sub/', 'sub', { values: 'x: 0\nyy: 0\n' }) },
    [],
  ],
  ['dependencies', 'alias without version', { ...chart('', 'demo', { extra: 'dependencies:\n- name: sub\n  alias: other\n' }), ...chart('charts/sub/', 'sub') }, []],
  ['dependencies', 'version mismatch', { ...chart('', 'demo', { extra: 'dependencies:\n- name: sub\n  version: 2.x\n  alias: other\n' }), ...chart('charts/sub/', 'sub') }, []],
  ['dependencies', 'missing dependency', { ...chart('', 'demo', { extra: deps(dep('sub'), dep('other'), dep('third')) }), ...chart('charts/sub/', 'sub') }, []],
  ['dependencies', 'unlisted subchart kept', { ...chart('', 'demo', { extra: deps(dep('sub')) }), ...chart('charts/sub/', 'sub'), ...chart('charts/extra/', 'extra') }, []],
  [
    'dependencies',
    'import values exports',
    { ...chart('', 'demo', { extra: deps(dep('sub', '  import-values:\n  - data\n')), values: 'kept: 1\n' }), ...chart('charts/sub/', 'sub', { values: 'exports:\n  data:\n    imported: yes\n    num: 5\n' }) },
    [],
  ],
  [
    'dependencies',
    'import values child parent',
    {
      ...chart('', 'demo', { extra: deps(dep('sub', '  import-values:\n  - child: cfg\n    parent: from.sub\n')), values: 'from:\n  sub:\n    mine: parent\n' }),
      ...chart('charts/sub/', 'sub', { values: 'cfg:\n  mine: child\n  other: child\n' }),
    },
    [],
  ],
  [
    'dependencies',
    'import values missing table',
    { ...chart('', 'demo', { extra: deps(dep('sub', '  import-values:\n  - nope\n  - child: missing.deep\n    parent: x\n')) }), ...chart('charts/sub/', 'sub', { values: 'a: 1\n' }) },
    [],
  ],
  [
    'dependencies',
    'nested condition paths',
    {
      ...chart('', 'demo', { extra: deps(dep('sub')), values: 'sub:\n  inner:\n    enabled: false\n' }),
      ...chart('charts/sub/', 'sub', { extra: deps(dep('inner', '  condition: inner.enabled\n')) }),
      ...chart('charts/sub/charts/inner/', 'inner'),
    },
    [],
  ],
  [
    'dependencies',
    'disabled subchart values stay',
    { ...chart('', 'demo', { extra: deps(dep('sub', '  condition: sub.enabled\n')), values: 'sub:\n  enabled: false\n  x: 1\n' }), ...chart('charts/sub/', 'sub', { values: 'yy: 2\n' }) },
    [],
  ],
  [
    'dependencies',
    'parent values become merged values',
    { ...chart('', 'demo', { extra: deps(dep('sub')), values: 'a: null\n' }), ...chart('charts/sub/', 'sub', { values: 'b: null\nc: 1\n' }) },
    [],
  ],
  [
    'dependencies',
    'alias with globals',
    { ...chart('', 'demo', { extra: deps(dep('sub', '  alias: renamed\n')), values: 'global:\n  g: 1\nrenamed:\n  x: 1\n' }), ...chart('charts/sub/', 'sub', { values: 'x: 0\n' }) },
    [],
  ],
  [
    'dependencies',
    'v1 requirements condition',
    {
      'Chart.yaml': 'apiVersion: v1\nname: demo\nversion: 1.0.0\n',
      'templates/info.yaml': INFO.replaceAll('"dump"', '"dump-v1"'),
      'requirements.yaml': 'dependencies:\n- name: sub\n  version: 1.0.0\n  condition: sub.enabled\n',
      'values.yaml': 'sub:\n  enabled: false\n',
      ...chart('charts/sub/', 'sub'),
    },
    [],
  ],
];

rmSync(fixtures, { recursive: true, force: true });
const results = [];
for (const [category, name, files, flags] of cases) {
  const slug = name.replace(/[^a-zA-Z0-9]+/g, '-').toLowerCase();
  const dir = join(fixtures, slug);
  writeTree(dir, files);
  const args = ['template', 'rel', '.'];
  for (const [flag, value] of flags) args.push(flag === 'values' ? '-f' : `--${flag}`, value);
  const r = helm(args, dir);
  const log = logLines(r.stderr);
  if (r.code !== 0) {
    results.push({ category, name, path: slug, flags, error: helmError(r.stderr), log });
    continue;
  }
  const lines = r.stdout.split('\n');
  const pick = (prefix) => lines.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length));
  results.push({
    category,
    name,
    path: slug,
    flags,
    sources: pick('# Source: '),
    charts: pick('# chart: ').map((l) => JSON.parse(l)),
    values: pick('# values: ').map((l) => JSON.parse(l)),
    log,
  });
}

writeFileSync(
  out,
  JSON.stringify({ recordedWith: helmVersion(), command: 'node scripts/record/chart/record-values.mjs', cases: results }, null, 1) + '\n',
);
process.stdout.write(`wrote ${results.length} cases to ${out}\n`);
