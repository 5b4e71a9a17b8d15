// Records how real helm v3.17.3 loads charts: Chart.yaml decoding and validation errors,
// .helmignore, templates/files split, subcharts (directories and .tgz), requirements.yaml.
//
//   node scripts/record/chart/record-load.mjs
//
// Writes each case's chart under test/helm/chart/fixtures/load/<case>/ and the results to
// test/helm/chart/golden/load.json: helm's error, or what the chart's info template printed
// (`.Chart` as JSON, the `.Files` names, the template sources helm rendered).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { helm, helmError, helmVersion, logLines, writeTree } from './helm.mjs';

const root = resolve(new URL('../../..', import.meta.url).pathname);
const fixtures = join(root, 'test/helm/chart/fixtures/load');
const out = join(root, 'test/helm/chart/golden/load.json');

const INFO = `# chart: {{ toJson .Chart }}
# files: {{ range $k, $v := .Files }}{{ $k }},{{ end }}
# values: {{ toJson .Values }}
`;
const v2 = (extra = '') => `apiVersion: v2\nname: demo\nversion: 0.1.0\n${extra}`;
const base = (chartYaml, more = {}) => ({ 'Chart.yaml': chartYaml, 'templates/info.yaml': INFO, ...more });

/** [name, files, options]; options.tgz packs the case directory with tar first (paths as given). */
const cases = [
  ['minimal', base(v2())],
  ['no Chart.yaml', { 'templates/info.yaml': INFO }],
  ['no name', base('apiVersion: v2\nversion: 0.1.0\n')],
  ['no version', base('apiVersion: v2\nname: demo\n')],
  ['no apiVersion means v1', base('name: demo\nversion: 0.1.0\n')],
  ['apiVersion v3 accepted', base('apiVersion: v3\nname: demo\nversion: 0.1.0\n')],
  ['float version 1.0', base('apiVersion: v2\nname: demo\nversion: 1.0\n')],
  ['float version 1.10', base('apiVersion: v2\nname: demo\nversion: 1.10\n')],
  ['int version', base('apiVersion: v2\nname: demo\nversion: 2\n')],
  ['invalid version', base('apiVersion: v2\nname: demo\nversion: abc\n')],
  ['v-prefixed version', base('apiVersion: v2\nname: demo\nversion: v1.2.3\n')],
  ['prerelease leading zero', base('apiVersion: v2\nname: demo\nversion: 1.2.3-01\n')],
  ['name with slash', base('apiVersion: v2\nname: a/b\nversion: 0.1.0\n')],
  ['bad type', base(v2('type: foo\n'))],
  ['library type', base(v2('type: library\n'))],
  ['float appVersion', base(v2('appVersion: 1.20\n'))],
  ['bool appVersion', base(v2('appVersion: true\n'))],
  ['big float appVersion', base(v2('appVersion: 3.14159265358979\n'))],
  ['name is a list', base('apiVersion: v2\nname: [a]\nversion: 0.1.0\n')],
  ['deprecated is a string', base(v2('deprecated: "yes"\n'))],
  ['deprecated true', base(v2('deprecated: true\n'))],
  ['keywords not a list', base(v2('keywords: abc\n'))],
  ['keywords typed', base(v2('keywords: [1, 2.5, true, x]\n'))],
  ['annotations typed', base(v2('annotations:\n  a: 1\n  b: true\n  c: x\n'))],
  ['annotations nested', base(v2('annotations:\n  a: [1]\n'))],
  ['maintainer null', base(v2('maintainers:\n- ~\n'))],
  ['maintainer string', base(v2('maintainers:\n- bob\n'))],
  ['maintainer fields', base(v2('maintainers:\n- name: Bob\n  email: b@x.io\n  url: https://x.io\n'))],
  ['dependency null', base(v2('dependencies:\n- ~\n'))],
  ['dependency bad alias', base(v2('dependencies:\n- name: sub\n  alias: "a b"\n'), { 'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 1.0.0\n' })],
  ['dependency duplicate', base(v2('dependencies:\n- name: sub\n- name: sub\n'))],
  ['dependency tags not list', base(v2('dependencies:\n- name: sub\n  tags: x\n'))],
  ['dependency enabled string', base(v2('dependencies:\n- name: sub\n  enabled: x\n'))],
  ['sanitized strings', base(v2('description: "a\\tb\\u0001c\\u00a0d"\nhome: " h "\n'))],
  ['capitalized keys', base('APIVersion: v2\nName: demo\nVersion: 0.1.0\n')],
  ['tags is a string', base(v2('tags: a,b\ncondition: x.enabled\n'))],
  ['Chart.yaml a list', base('- a\n')],
  ['Chart.yaml with BOM', base('\ufeffapiVersion: v2\nname: demo\nversion: 0.1.0\n')],
  ['values.yaml a list', base(v2(), { 'values.yaml': '- a\n' })],
  ['values.yaml empty', base(v2(), { 'values.yaml': '# nothing\n' })],
  ['values.yaml BOM', base(v2(), { 'values.yaml': '\ufeffa: 1\n' })],
  ['templates dotfiles ignored', base(v2(), { 'templates/.hidden.yaml': 'x: {{ fail "no" }}\n', 'templates/sub/.h.yaml': 'x: {{ fail "no" }}\n' })],
  [
    'helmignore patterns',
    base(v2(), {
      '.helmignore': '# comment\n*.txt\n/top.md\nsecret/\ndocs/*.md\n',
      'a.txt': 'x',
      'files/b.txt': 'x',
      'top.md': 'x',
      'files/top.md': 'x',
      'secret/key': 'x',
      'docs/a.md': 'x',
      'docs/sub/b.md': 'x',
      'keep.cfg': 'x',
    }),
  ],
  ['helmignore negation', base(v2(), { '.helmignore': '!Chart.yaml\n', 'other.cfg': 'x' })],
  ['helmignore double star', base(v2(), { '.helmignore': 'a/**/b\n' })],
  ['helmignore bad pattern', base(v2(), { '.helmignore': 'a[\n' })],
  [
    'files split',
    base(v2(), {
      'values.schema.json': '{}',
      'Chart.lock': 'generated: "2024-01-01T00:00:00Z"\ndigest: x\ndependencies: []\n',
      'crds/crd.yaml': 'x: 1\n',
      'README.md': 'readme',
      'files/config.ini': 'k=v',
      '.hidden': 'h',
      'charts/sub-1.0.0.tgz.prov': 'prov',
    }),
  ],
  ['subchart dir', base(v2(), { 'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 1.0.0\n', 'charts/sub/templates/info.yaml': INFO, 'charts/sub/values.yaml': 'x: 1\n' })],
  ['subchart ignored prefixes', base(v2(), { 'charts/_skip/Chart.yaml': 'bad: [', 'charts/.skip/Chart.yaml': 'bad: [' })],
  ['subchart missing Chart.yaml', base(v2(), { 'charts/sub/values.yaml': 'x: 1\n' })],
  ['subchart invalid', base(v2(), { 'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\n' })],
  ['stray file in charts', base(v2(), { 'charts/README.md': 'x' })],
  ['v1 requirements', base('apiVersion: v1\nname: demo\nversion: 0.1.0\n', { 'requirements.yaml': 'dependencies:\n- name: sub\n  version: 1.0.0\n  repository: file://x\n', 'requirements.lock': 'dependencies: []\n', 'charts/sub/Chart.yaml': 'apiVersion: v1\nname: sub\nversion: 1.0.0\n' })],
  ['v2 requirements', base(v2(), { 'requirements.yaml': 'dependencies:\n- name: sub\n  version: 1.0.0\n', 'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 1.0.0\n' })],
  ['kubeVersion unmet', base(v2('kubeVersion: ">=1.33.0"\n'))],
  ['kubeVersion met', base(v2('kubeVersion: ">=1.20.0-0"\n'))],
  ['kubeVersion bad constraint', base(v2('kubeVersion: "abc"\n'))],
  ['invalid Chart.yaml syntax', base('apiVersion: v2\nname: [\n')],
];

rmSync(fixtures, { recursive: true, force: true });
const results = [];
for (const [name, files] of cases) {
  const slug = name.replace(/[^a-zA-Z0-9]+/g, '-').toLowerCase();
  const dir = join(fixtures, slug);
  writeTree(dir, files);
  const r = helm(['template', 'rel', dir], root);
  results.push(summarize(name, slug, r));
}

// Archives: a packaged chart with a subchart archive, and hand-made hostile archives.
const tgzDir = join(fixtures, '_archives');
mkdirSync(tgzDir, { recursive: true });
const src = join(tgzDir, 'src');
writeTree(join(src, 'sub'), { 'Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 1.0.0\n', 'templates/info.yaml': INFO, 'values.yaml': 'y: 2\n' });
helm(['package', join(src, 'sub'), '-d', join(src, 'demo/charts')], root);
writeTree(join(src, 'demo'), base(v2(), { 'values.yaml': 'x: 1\n' }));
helm(['package', join(src, 'demo'), '-d', tgzDir], root);
rmSync(src, { recursive: true, force: true });
const hostile = {
  'abs.tgz': [['/etc/x', 'x']],
  'parent.tgz': [['demo/../../x', 'x']],
  'toplevel.tgz': [['Chart.yaml', 'apiVersion: v2\nname: demo\nversion: 0.1.0\n']],
  'nochart.tgz': [['demo/values.yaml', 'x: 1\n']],
  'drive.tgz': [['demo/c:/x', 'x']],
  'backslash.tgz': [['demo\\Chart.yaml', 'apiVersion: v2\nname: demo\nversion: 0.1.0\n'], ['demo\\templates\\info.yaml', INFO]],
};
for (const [file, entries] of Object.entries(hostile)) {
  const py = `import tarfile,io,sys\nt=tarfile.open(sys.argv[1],'w:gz')\nfor n,d in ${JSON.stringify(entries)}:\n  b=d.encode();i=tarfile.TarInfo(n);i.size=len(b);t.addfile(i,io.BytesIO(b))\nt.close()\n`;
  execFileSync('python3', ['-c', py, join(tgzDir, file)]);
}
// Size limits: one 6 MiB file; 21 files of 5,000,000 bytes (105 MB in all). Zeros compress well.
const sized = {
  'bigfile.tgz': [['demo/Chart.yaml', 60], ['demo/big.bin', 6 * 1024 * 1024]],
  'bigchart.tgz': [['demo/Chart.yaml', 60], ...Array.from({ length: 21 }, (_, i) => [`demo/f${i}.bin`, 5000000])],
};
for (const [file, entries] of Object.entries(sized)) {
  const py = `import tarfile,io,sys\nt=tarfile.open(sys.argv[1],'w:gz')\nfor n,size in ${JSON.stringify(entries)}:\n  b=(b'apiVersion: v2\\nname: demo\\nversion: 0.1.0\\n' if n.endswith('Chart.yaml') else bytes(size))\n  i=tarfile.TarInfo(n);i.size=len(b);t.addfile(i,io.BytesIO(b))\nt.close()\n`;
  execFileSync('python3', ['-c', py, join(tgzDir, file)]);
}
hostile['bigfile.tgz'] = [];
hostile['bigchart.tgz'] = [];
// A directory chart with a file over the limit (kept out of the fixtures; the test rebuilds it).
{
  const bigDir = join(fixtures, '..', 'load-big-tmp');
  rmSync(bigDir, { recursive: true, force: true });
  writeTree(bigDir, { 'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\n' });
  writeFileSync(join(bigDir, 'big.bin'), Buffer.alloc(6 * 1024 * 1024));
  const r = helm(['template', 'rel', bigDir], root);
  results.push({ ...summarize('dir file too large', '@big-dir', r) });
  rmSync(bigDir, { recursive: true, force: true });
}
writeFileSync(join(tgzDir, 'notgz.tgz'), 'just text\n');
writeFileSync(join(tgzDir, 'values.yaml'), 'a: 1\n');
for (const file of ['demo-0.1.0.tgz', ...Object.keys(hostile), 'notgz.tgz', 'values.yaml']) {
  const r = helm(['template', 'rel', join(tgzDir, file)], root);
  const result = summarize(`archive ${file}`, `_archives/${file}`, r);
  if (result.error !== undefined) result.error = result.error.replaceAll(tgzDir + '/', '');
  results.push(result);
}

function summarize(name, path, r) {
  if (r.code !== 0) return { name, path, error: helmError(r.stderr), log: logLines(r.stderr) };
  const lines = r.stdout.split('\n');
  const pick = (prefix) => lines.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length));
  return {
    name,
    path,
    sources: pick('# Source: '),
    charts: pick('# chart: ').map((l) => JSON.parse(l)),
    files: pick('# files: ').map((l) => l.split(',').filter((x) => x !== '')),
    values: pick('# values: ').map((l) => JSON.parse(l)),
    log: logLines(r.stderr),
    warnings: r.stderr.split('\n').filter((l) => l.startsWith('WARNING: ')),
  };
}

writeFileSync(
  out,
  JSON.stringify({ recordedWith: helmVersion(), command: 'node scripts/record/chart/record-load.mjs', cases: results }, null, 1) + '\n',
);
process.stdout.write(`wrote ${results.length} cases to ${out}\n`);
