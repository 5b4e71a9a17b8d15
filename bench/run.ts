/**
 * `npm run bench`: the renderer's speed and memory, with real helm measured in the same run.
 *
 * 1. template engine: parse, then execute (parsed once, executed many times) a realistic
 *    template set (the example DPF chart's templates) and a function-heavy template;
 * 2. chart render: `dpu-gitops template` in-process vs `helm template` spawned, same chart and
 *    values, as a ratio of medians, with peak memory.
 * Real helm comes from ../shared/tools/get-helm.sh ($HELM_BINS, default /tmp/helm-bins); without
 * it the helm columns say so and only our figures are printed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTemplateCommand, type TemplateCommandOptions } from '../helm/index.js';
import { TemplateSet, type GoMap, type GoValue } from '../helm/template/index.js';
import { baseFuncMap } from '../helm/funcs/registry.js';
import { engineFuncs } from '../helm/render/engine-funcs.js';
import { parseJsonToGo } from '../helm/yaml/json.js';
import { fmtMs, time } from './measure.js';
import { helmBinary, helmPeakRssKiB, runHelm } from './helm-bin.js';

// npm runs scripts from the package root; the bench runs compiled (dist/bench/run.js).
const root = process.cwd();
const benchDir = join(root, 'bench');
const chartDir = join(root, 'examples/charts/dummydpuservice');
const valuesFile = join(root, 'examples/values-dpu.yaml');
const quick = process.argv.includes('--quick');
const RUNS = quick ? 30 : 300;
const HELM_RUNS = quick ? 5 : 30;

function newSet(): TemplateSet {
  const set = new TemplateSet('gotpl', baseFuncMap(), { missingKey: 'zero' });
  set.setFuncs(engineFuncs(set, new Map()));
  return set;
}

function exampleTemplates(): Map<string, string> {
  const names = ['_helpers.tpl', 'daemonset.yaml', 'service.yaml'];
  return new Map(names.map((n) => [`dummydpuservice-chart/templates/${n}`, readFileSync(join(chartDir, 'templates', n), 'utf8')]));
}

function goData(values: GoValue): GoMap {
  return new Map<string, GoValue>([
    ['Values', values],
    ['Release', new Map<string, GoValue>([['Name', 'dpu-1'], ['Namespace', 'dpf'], ['Service', 'Helm']])],
    ['Chart', new Map<string, GoValue>([['Name', 'dummydpuservice-chart'], ['Version', '0.1.0'], ['AppVersion', '0.1.0']])],
  ]);
}

function benchTemplateSet(label: string, templates: Map<string, string>, entry: string[], values: GoValue): void {
  const bytes = [...templates.values()].reduce((n, t) => n + Buffer.byteLength(t), 0);
  const parse = time(() => {
    const set = newSet();
    for (const [name, text] of templates) set.parse(name, text);
  }, RUNS);
  const set = newSet();
  for (const [name, text] of templates) set.parse(name, text);
  const data = goData(values);
  let outBytes = 0;
  const exec = time(() => {
    outBytes = 0;
    for (const name of entry) outBytes += set.execute(name, data).length;
  }, RUNS);
  console.log(`  ${label}: ${templates.size} templates, ${bytes} bytes in, ${outBytes} bytes out`);
  console.log(`    parse   median ${fmtMs(parse.medianMs)}  p90 ${fmtMs(parse.p90Ms)}  (${(1000 / parse.medianMs).toFixed(0)} sets/s)`);
  console.log(`    execute median ${fmtMs(exec.medianMs)}  p90 ${fmtMs(exec.p90Ms)}  (${(1000 / exec.medianMs).toFixed(0)} renders/s)`);
}

function section1(): void {
  console.log('1. template engine (parse once, execute many)');
  const dpuValues = new Map<string, GoValue>([
    ['image', new Map<string, GoValue>([['repository', 'example.com/dpf/dummy'], ['tag', 'v1'], ['pullPolicy', 'IfNotPresent']])],
    ['serviceDaemonSet', new Map<string, GoValue>([
      ['labels', new Map<string, GoValue>([['a', 'b']])],
      ['annotations', new Map()],
      ['nodeSelector', new Map()],
      ['resources', new Map<string, GoValue>([['cpu', '1']])],
      ['updateStrategy', new Map<string, GoValue>([['type', 'RollingUpdate']])],
    ])],
    ['exposedPorts', new Map<string, GoValue>([['ports', new Map<string, GoValue>([['exampletcp', true]])], ['labels', new Map()]])],
    ['ports', new Map<string, GoValue>([['exampletcp', new Map<string, GoValue>([['port', 8080], ['protocol', 'TCP']])]])],
    ['imagePullSecrets', []],
    ['logLevel', 'info'],
    ['replicasHint', 1e6],
  ]);
  const example = exampleTemplates();
  benchTemplateSet('example DPF chart', example, [...example.keys()].filter((n) => !n.includes('/_')), dpuValues);
  const fnText = readFileSync(join(benchDir, 'templates/functions.tpl'), 'utf8');
  const fnValues = parseJsonToGo(readFileSync(join(benchDir, 'templates/functions-values.json'), 'utf8'));
  benchTemplateSet('function-heavy template', new Map([['functions.tpl', fnText]]), ['functions.tpl'], fnValues);
}

function section2(): void {
  console.log(`\n2. chart render: dpu-gitops template (in-process) vs helm template (spawned)`);
  const args = ['dummydpuservice', chartDir, '--namespace', 'dummydpuservice', '-f', valuesFile];
  const opts: TemplateCommandOptions = {
    args: ['dummydpuservice', chartDir], namespace: 'dummydpuservice', valueFiles: [valuesFile],
    set: [], setString: [], setJson: [], setFile: [], setLiteral: [], includeCrds: false, skipTests: false,
    noHooks: false, isUpgrade: false, skipSchemaValidation: false, subNotes: false, kubeVersion: '',
    apiVersions: [], showOnly: [],
  };
  let ours = '';
  const rssBefore = process.memoryUsage().rss;
  const oursT = time(() => {
    const r = renderTemplateCommand(opts);
    if (r.error !== undefined) throw new Error(r.error);
    ours = r.stdout;
  }, RUNS);
  const peakKiB = process.resourceUsage().maxRSS;
  console.log(`  dpu-gitops: median ${fmtMs(oursT.medianMs)}  p90 ${fmtMs(oursT.p90Ms)}  over ${RUNS} warm runs`);
  console.log(`              process peak RSS ${(peakKiB / 1024).toFixed(1)} MiB (node itself included; RSS grew ${((process.memoryUsage().rss - rssBefore) / 1048576).toFixed(1)} MiB during the runs)`);
  const helm = helmBinary();
  if (helm === undefined) {
    console.log('  helm: not found (run `bash ../shared/tools/get-helm.sh`): no ratio this run');
    return;
  }
  let helmOut = '';
  const helmSamples: number[] = [];
  runHelm(helm, args); // warm the page cache
  for (let i = 0; i < HELM_RUNS; i++) {
    const r = runHelm(helm, args);
    helmSamples.push(r.ms);
    helmOut = r.stdout;
  }
  helmSamples.sort((a, b) => a - b);
  const helmMedian = helmSamples[Math.floor(HELM_RUNS / 2)] as number;
  const rss = helmPeakRssKiB(helm, args);
  console.log(`  helm v3:    median ${fmtMs(helmMedian)} over ${HELM_RUNS} spawned runs; peak RSS ${rss === undefined ? 'n/a (no /usr/bin/time)' : (rss / 1024).toFixed(1) + ' MiB'}`);
  console.log(`  ratio:      ${(helmMedian / oursT.medianMs).toFixed(1)}x faster (median warm)`);
  console.log(`  identical output: ${ours === helmOut ? 'yes' : 'NO'}`);
}

section1();
section2();
