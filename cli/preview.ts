/**
 * `dpu-gitops preview [DIR] --dpu HOSTNAME [--inventory FILE | --kubeconfig FILE]`: what one DPU
 * gets from the DPUServices of an app directory that use per-DPU configuration
 * (`configuration.perDPUValuesYAML` / `startupYAMLJ2`): the perDPUValuesYAML entries that
 * matched, the merged values, the `ipaddresses` and the rendered startup config, computed as
 * `generate` computes them, and where generate puts them (the startup shard and its keys). One
 * YAML document per service, or with `-o json` one JSON array of the same objects. Settings come
 * from the repository config of DIR (cli/command-config.ts) under the flags. Exit 0 shown, 1 a
 * per-DPU error (listed on stderr) or unreadable input, 2 usage error, a named path that does
 * not exist or a config file with problems.
 */
import { resolve } from 'node:path';
import { displayPath, type RepoConfig } from '../config/index.js';
import { Scalar, stringify } from 'yaml';
import { MessageCatalog } from '../contract/messages.js';
import { ruleControl } from '../config/rules.js';
import { composeForPreview, labelledInventory } from '../plugin/deployment-stage.js';
import { scanInputs } from '../plugin/discover.js';
import { ClusterInventoryError, DPU_KUBECONFIG_ENV } from '../plugin/per-dpu/cluster-inventory.js';
import { renderPerDpu, type PerDpuService } from '../plugin/per-dpu/index.js';
import { InventoryError, type Inventory } from '../plugin/per-dpu/inventory.js';
import { collectIpams, InventorySourceError, loadInventory, type InventorySource } from '../plugin/per-dpu/inventory-source.js';
import { fromPyValue, PyDict, pyStr, type PyValue } from '../plugin/per-dpu/jinja/index.js';
import { parsePerDpuValues, PerDpuValuesError, valuesForHostname, type PerDpuValuesEntry } from '../plugin/per-dpu/per-dpu-values.js';
import { releaseNameOf } from '../dpf/release-name.js';
import type { RenderModeName } from '../plugin/per-dpu/jinja/index.js';
import { RenderModeError, renderModeOf } from '../plugin/per-dpu/render-mode.js';
import { contextKey, shardCountOf, ShardError, shardName, shardOf, startupKey } from '../plugin/per-dpu/shards.js';
import { parseCommandArgs } from './args.js';
import { LOG_FORMAT_FLAG, logFormatUsage, openReporter, usageError } from './command-report.js';
import { CONFIG_FLAGS, checkNamedPath, configChoice, configFor, configOrigin, reportSetupError } from './command-config.js';

export const PREVIEW_USAGE = `Usage: dpu-gitops preview [DIR] --dpu HOSTNAME [--inventory FILE | --kubeconfig FILE] [flags]

Shows what one DPU gets from the DPUServices of DIR (default: the current directory) that use
configuration.perDPUValuesYAML / startupYAMLJ2: matched hostname patterns, merged values,
ipaddresses and the rendered startup config, exactly as generate renders them, and the
startup shard that holds them (startupConfig.shards of the DPUService, default 4).

Repository config (docs/config.md): the nearest dpu-gitops.yaml in DIR or above it, up to the
git work tree's root. preview takes inventory (relative to the config file), cluster,
startup-render-mode and doca-version from it; flags beat it. The inventory: --inventory, else
--kubeconfig, else the config's inventory, else $${DPU_KUBECONFIG_ENV}.

Flags:
      --dpu NAME             the DPU, by node name or hostname (required)
      --cluster NAME         the DPUCluster (generate's cluster parameter), to name the shard's
                             ConfigMap <cluster>-<service>-startup-<i> (default: the config's)
      --inventory FILE       DPU inventory file (schema: plugin/per-dpu/README.md)
      --kubeconfig FILE      read the inventory from the DPU cluster instead
      --pool-namespace NS    namespace of the nv-ipam pools (repeatable; default: all)
      --service NAME         only this DPUService (name or namespace/name)
  -o, --output FORMAT        yaml (default: one commented document per service) or json (one
                             array of the same objects, Python floats as numbers, for scripts)
      --startup-only         print only the rendered startup config, byte for byte (-o is ignored)
      --startup-render-mode M  strict or dpf for DPUServices without the
                             dpu-gitops.nvidia.com/startup-render-mode annotation
                             (generate's parameter of the same name; default: the config's
                             startup-render-mode, else strict)
      --doca-version V       DOCA version of the DPUDeployments' BFB when the BFB is not in DIR
                             (default: the config's doca-version)
      --config FILE          read this repository config instead of looking for dpu-gitops.yaml
      --no-config            read no repository config
${logFormatUsage(29)}
  -h, --help                 this help

Exit status: 0 shown, 1 the DPU's config does not render (errors on stderr), 2 usage or input
error (a path that does not exist, a config file with problems: named on stderr).
`;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface FoundService extends PerDpuService {
  file: string;
  /** The object as read (its annotations choose the render mode). */
  raw: Obj;
  /** spec.helmChart.source.releaseName, when set. */
  releaseName?: string;
}

/** DPUServices with per-DPU configuration, read leniently (preview is not the contract check). */
function perDpuServices(objects: readonly { value: unknown; file: string }[]): FoundService[] {
  const out: FoundService[] = [];
  for (const { value, file } of objects) {
    if (!isObj(value) || value.kind !== 'DPUService' || typeof value.apiVersion !== 'string' || !value.apiVersion.startsWith('svc.dpu.nvidia.com/')) continue;
    const meta = isObj(value.metadata) ? value.metadata : {};
    const spec = isObj(value.spec) ? value.spec : {};
    const values = isObj(spec.helmChart) && isObj(spec.helmChart.values) ? spec.helmChart.values : {};
    const conf = isObj(values.configuration) ? values.configuration : {};
    if (typeof conf.perDPUValuesYAML !== 'string' && typeof conf.startupYAMLJ2 !== 'string') continue;
    const source = isObj(spec.helmChart) && isObj(spec.helmChart.source) ? spec.helmChart.source : {};
    out.push({
      ...(typeof source.releaseName === 'string' && source.releaseName !== '' ? { releaseName: source.releaseName } : {}),
      name: String(meta.name ?? ''),
      namespace: typeof meta.namespace === 'string' ? meta.namespace : 'default',
      values,
      ...(isObj(spec.serviceDaemonSet) ? { serviceDaemonSet: spec.serviceDaemonSet } : {}),
      file,
      raw: value,
    });
  }
  return out;
}

function entriesOf(svc: PerDpuService): PerDpuValuesEntry[] {
  const text = (svc.values?.configuration as Obj | undefined)?.perDPUValuesYAML;
  if (typeof text !== 'string') return [];
  try {
    return parsePerDpuValues(text);
  } catch (e) {
    if (e instanceof PerDpuValuesError) return []; // renderPerDpu reports it
    throw e;
  }
}

/** Python values as YAML shows them to a reader: a float stays a float (`1.0`, not `1`). */
function forDisplay(v: PyValue): unknown {
  return pyToPlain(v, (x) => {
    if (typeof x !== 'number' || !Number.isInteger(x)) return undefined;
    const s = new Scalar(x);
    s.minFractionDigits = 1;
    return s;
  });
}

/**
 * Python values as plain data: lists as arrays, dicts as objects keyed as Python's str() writes
 * the key; `leaf` may write a value its own way (undefined: the usual fromPyValue).
 */
function pyToPlain(v: PyValue, leaf: (v: PyValue) => unknown): unknown {
  const own = leaf(v);
  if (own !== undefined) return own;
  if (Array.isArray(v)) return v.map((x) => pyToPlain(x, leaf));
  if (v instanceof PyDict) {
    const o: Obj = {};
    for (const [k, x] of v.entries()) o[typeof k === 'string' ? k : pyStr(k)] = pyToPlain(x, leaf);
    return o;
  }
  return fromPyValue(v);
}

/** How a service's entry is printed: the YAML documents' comment line and object. */
interface ServiceView {
  comment: string;
  doc: Obj;
  /** The merged values with Python's types, shown per format (undefined: doc.values as is). */
  pyValues?: PyValue;
}

export async function run(argv: string[], io: { stdout(s: string): void; stderr(s: string): void }, ctx: { env?: Readonly<Record<string, string | undefined>>; cwd?: string } = {}): Promise<number> {
  const env = ctx.env ?? process.env;
  const cwd = ctx.cwd ?? process.cwd();
  const parsed = parseCommandArgs(
    argv,
    {
      dpu: { type: 'string' },
      inventory: { type: 'string' },
      kubeconfig: { type: 'string' },
      cluster: { type: 'string' },
      'pool-namespace': { type: 'string', multiple: true, default: [] },
      service: { type: 'string' },
      output: { type: 'string', short: 'o', default: 'yaml' },
      'startup-only': { type: 'boolean', default: false },
      'startup-render-mode': { type: 'string' },
      'doca-version': { type: 'string' },
      ...CONFIG_FLAGS,
      ...LOG_FORMAT_FLAG,
      help: { type: 'boolean', short: 'h', default: false },
    },
    PREVIEW_USAGE,
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values: flags, positionals } = parsed;
  const { report, badFormat } = openReporter('preview', flags['log-format'], env, io.stderr);
  const usage = (m: string): number => usageError(report, m, PREVIEW_USAGE, io.stderr);
  if (badFormat !== undefined) return usage(badFormat);
  const fail = (m: string, code = 1): number => {
    report.error(m);
    return code;
  };
  if (positionals.length > 1) return usage('preview takes at most one DIR');
  const output = flags.output;
  if (output !== 'yaml' && output !== 'json') return usage(`--output must be yaml or json, not ${JSON.stringify(output)}`);
  const flagMode = flags['startup-render-mode'];
  if (flagMode !== undefined && flagMode !== 'strict' && flagMode !== 'dpf') return usage(`--startup-render-mode must be strict or dpf, not ${JSON.stringify(flagMode)}`);
  if (flags.dpu === undefined || flags.dpu === '') return usage('--dpu HOSTNAME is required');
  if (flags.inventory !== undefined && flags.kubeconfig !== undefined) return usage('--inventory and --kubeconfig exclude each other');
  const choice = configChoice(flags, cwd);
  if (typeof choice === 'string') return usage(choice);

  const dir = resolve(cwd, positionals[0] ?? '.');
  let config: RepoConfig | undefined;
  let inventory: { origin: string; path: string; kind: 'inventoryPath' | 'kubeconfigPath' } | undefined;
  try {
    checkNamedPath(positionals[0] !== undefined ? 'DIR' : 'the current directory', dir, 'directory', cwd);
    config = configFor(dir, choice);
    inventory = inventoryOf(flags, config, env, cwd);
    if (inventory) checkNamedPath(inventory.origin, inventory.path, 'file', cwd);
  } catch (err) {
    if (!reportSetupError(report, err)) throw err;
    return 2;
  }
  if (inventory === undefined) return usage(`a DPU inventory is needed: --inventory FILE, --kubeconfig FILE, inventory in dpu-gitops.yaml, or $${DPU_KUBECONFIG_ENV}`);
  const source: InventorySource = { onWarning: (m) => report.warning(m), [inventory.kind]: inventory.path };
  if (flags['pool-namespace'].length) source.poolNamespaces = flags['pool-namespace'];
  const defaultMode: RenderModeName = flagMode ?? config?.startupRenderMode ?? 'strict';
  const cluster = flags.cluster ?? config?.cluster;
  const docaVersion = (flags['doca-version'] ?? config?.docaVersion ?? '').trim();

  let scan;
  try {
    scan = scanInputs(dir);
  } catch (err) {
    return fail(`cannot read ${displayPath(cwd, dir)}: ${err instanceof Error ? err.message : String(err)}`);
  }
  for (const e of scan.errors) report.warning(`${e.location.file}: not valid YAML, skipped: ${e.message}`);
  for (const u of scan.unread) report.warning(`${u.file}: not read, skipped: ${u.message}`);
  const objects = scan.documents.map((d) => ({ value: d.value as unknown, file: d.location.file }));
  // DPUDeployments: their composed DPUServices, and the node labels their DPUSets put on the DPUs.
  // the config's rules settle the stage's findings as in generate (the annotation always applies)
  const deployments = composeForPreview(scan.documents, 'default', docaVersion, MessageCatalog.load(), ruleControl(config?.rules));
  for (const p of deployments.problems) report.warning(p);
  objects.push(...deployments.objects);
  let services = perDpuServices(objects);
  if (flags.service !== undefined) {
    const want = flags.service;
    services = services.filter((s) => s.name === want || `${s.namespace}/${s.name}` === want);
  }
  if (services.length === 0) return fail(`no DPUService${flags.service !== undefined ? ` '${flags.service}'` : ''} with configuration.perDPUValuesYAML or startupYAMLJ2 in ${displayPath(cwd, dir) || '.'}`);
  if (flags['startup-only'] && services.length > 1) return usage(`--startup-only shows one service; ${services.length} match (use --service: ${services.map((s) => `${s.namespace}/${s.name}`).join(', ')})`);
  const { ipams, problems } = collectIpams(objects.map((o) => o.value), 'default', (i) => objects[i]!.file);
  if (problems.length) {
    for (const p of problems) report.error(p);
    return 1;
  }

  let dpus: Inventory;
  try {
    dpus = await loadInventory(source);
  } catch (err) {
    if (err instanceof InventoryError || err instanceof ClusterInventoryError || err instanceof InventorySourceError) return fail(err.message);
    throw err;
  }
  dpus = labelledInventory(dpus, deployments.stage);
  const dpu = dpus.dpus.find((d) => d.name === flags.dpu) ?? dpus.dpus.find((d) => d.hostname === flags.dpu);
  if (!dpu) {
    const names = dpus.dpus.map((d) => d.name);
    return fail(`DPU '${flags.dpu}' is not in the inventory (${names.length} DPUs${names.length ? `: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', ...' : ''}` : ''})`);
  }

  const views: ServiceView[] = [];
  let failed = false;
  for (const svc of services) {
    const id = `${svc.namespace}/${svc.name}`;
    let renderMode: RenderModeName;
    try {
      renderMode = renderModeOf(svc.raw, defaultMode);
    } catch (e) {
      if (!(e instanceof RenderModeError)) throw e;
      report.error(`DPUService ${id} (${svc.file}): ${e.message}`);
      failed = true;
      continue;
    }
    const r = renderPerDpu({ ...svc, renderMode }, dpus, { ipams, onlyDpu: dpu.name });
    for (const e of r.errors) report.error(`DPUService ${id} (${svc.file}): ${e.message}`);
    if (r.errors.length) {
      failed = true;
      continue;
    }
    const result = r.perDpu[0];
    if (!result) {
      if (flags['startup-only']) return fail(`DPUService ${id} does not target DPU '${dpu.name}' (its serviceDaemonSet.nodeSelector does not select the node)`);
      views.push({ comment: `DPUService ${id} (${svc.file}): its serviceDaemonSet.nodeSelector does not select DPU ${dpu.name}`, doc: { dpuService: id, dpu: dpu.name, targeted: false } });
      continue;
    }
    if (flags['startup-only']) {
      if (result.startupConfig === undefined) return fail(`DPUService ${id} has no configuration.startupYAMLJ2`);
      io.stdout(result.startupConfig);
      return 0;
    }
    const entries = entriesOf(svc);
    const doc: Obj = {
      dpuService: id,
      dpu: dpu.name,
      hostname: dpu.hostname,
      targeted: true,
      renderMode,
      matchedPatterns: result.matchedEntries.map((i) => entries[i]?.hostnamePattern ?? `#${i}`),
      // the merge the template saw, with Python's types (renderPerDpu's `values` is JSON)
      values: result.values,
      ipaddresses: result.ipaddresses,
    };
    try {
      doc.shard = shardDoc(svc, dpu.name, cluster);
    } catch (e) {
      if (!(e instanceof ShardError)) throw e;
      report.error(`DPUService ${id} (${svc.file}): ${e.field}: ${e.detail}`);
      failed = true;
      continue;
    }
    if (result.startupConfig !== undefined) doc.startupConfig = result.startupConfig;
    views.push({ comment: `DPUService ${id} (${svc.file}) on DPU ${dpu.name}`, doc, ...(entries.length ? { pyValues: valuesForHostname(entries, dpu.hostname).values } : {}) });
  }
  if (failed) return 1;
  io.stdout(output === 'json' ? jsonReport(views) : views.map(yamlDocument).join('---\n'));
  return 0;
}

/** Where the inventory comes from: --inventory, --kubeconfig, the config's inventory, the environment's kubeconfig. */
function inventoryOf(
  flags: { inventory?: string | undefined; kubeconfig?: string | undefined },
  config: RepoConfig | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): { origin: string; path: string; kind: 'inventoryPath' | 'kubeconfigPath' } | undefined {
  if (flags.inventory !== undefined) return { origin: '--inventory', path: resolve(cwd, flags.inventory), kind: 'inventoryPath' };
  if (flags.kubeconfig !== undefined) return { origin: '--kubeconfig', path: resolve(cwd, flags.kubeconfig), kind: 'kubeconfigPath' };
  if (config?.inventory !== undefined) return { origin: configOrigin(config, 'inventory', cwd), path: config.inventory, kind: 'inventoryPath' };
  const fromEnv = env[DPU_KUBECONFIG_ENV];
  if (fromEnv) return { origin: `$${DPU_KUBECONFIG_ENV}`, path: resolve(cwd, fromEnv), kind: 'kubeconfigPath' };
  return undefined;
}

/** One YAML document per service: a comment naming it, then its object (floats stay floats). */
function yamlDocument(v: ServiceView): string {
  const doc = v.pyValues !== undefined ? { ...v.doc, values: forDisplay(v.pyValues) } : v.doc;
  return `# ${v.comment}\n${stringify(doc, { lineWidth: 0, blockQuote: 'literal' })}`;
}

/**
 * One JSON array of the services' objects. Python ints beyond 2^53 keep every digit: they
 * are written as JSON numbers from their decimal text.
 */
function jsonReport(views: readonly ServiceView[]): string {
  // A token no value holds (it has this run's clock in it) stands for a big int until written out.
  const marker = `pyint-${process.hrtime.bigint()}:`;
  const docs = views.map((v) => (v.pyValues !== undefined ? { ...v.doc, values: forJson(v.pyValues) } : v.doc));
  const text = JSON.stringify(docs, (_k, x: unknown) => (typeof x === 'bigint' ? `${marker}${x}` : x), 2);
  return `${text.replace(new RegExp(`"${marker}(-?\\d+)"`, 'g'), '$1')}\n`;
}

/** Python values as JSON: numbers are numbers (1.0 is 1), dict keys as Python's str() writes them. */
function forJson(v: PyValue): unknown {
  return pyToPlain(v, (x) => (typeof x !== 'bigint' ? undefined : x >= BigInt(Number.MIN_SAFE_INTEGER) && x <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(x) : x));
}

/**
 * Where generate puts this DPU's entry: shard index and count, keys, and the ConfigMap when its
 * release name is known (spec.helmChart.source.releaseName, or --cluster).
 */
function shardDoc(svc: FoundService, dpu: string, cluster: string | undefined): Obj {
  const shards = shardCountOf(svc.values); // ShardError for a bad count, as in generate
  const index = shardOf(dpu, shards);
  const release = svc.releaseName ?? (cluster ? releaseNameOf(undefined, cluster, svc.name) : undefined);
  const hasStartup = typeof (svc.values?.configuration as Obj | undefined)?.startupYAMLJ2 === 'string';
  return {
    index,
    of: shards,
    ...(release !== undefined ? { configMap: `${svc.namespace}/${shardName(release, index)}` } : {}),
    keys: hasStartup ? [contextKey(dpu), startupKey(dpu)] : [contextKey(dpu)],
  };
}
