/**
 * In-memory files → Chart, mirroring helm v3.17.3 pkg/chart/loader/load.go (LoadFiles): Chart.yaml
 * first (apiVersion defaults to v1), then Chart.lock, values.yaml, values.schema.json, the
 * deprecated requirements.yaml/lock, templates/, charts/ (subchart directories and .tgz archives;
 * names starting with `_` or `.` skipped, `.prov` files kept as files) and everything else as
 * `.Files`. Metadata is validated before subcharts are loaded. Pure: no disk access.
 */
import { decodeLock, unmarshalMetadataInto } from './chart-yaml.js';
import type { GoMap } from '../template/value.js';
import { ChartLoadError } from './errors.js';
import { loadArchiveFiles } from './load-archive.js';
import { readValues } from './read-values.js';
import { API_VERSION_V1, Chart, emptyMetadata, type ChartFile, type Lock, type Metadata } from './types.js';
import { validateMetadata } from './validate.js';
import { goStringFromBytes } from '../template/gostring.js';

/** Receives helm's `log.Printf` warnings (requirements.yaml in a v2 chart). */
export type LoadFilesWarn = (message: string) => void;

const text = (f: ChartFile): string => goStringFromBytes(f.data);

/**
 * LoadFiles: builds the chart (and its subcharts) from files named relative to the chart root.
 * Throws ChartLoadError with helm's message.
 */
export function loadChartFromFiles(files: readonly ChartFile[], warn: LoadFilesWarn = () => {}): Chart {
  let md: Metadata | undefined;
  const raw: ChartFile[] = [];
  for (const f of files) {
    raw.push({ name: f.name, data: f.data });
    if (f.name !== 'Chart.yaml') continue;
    md ??= emptyMetadata();
    decodeInto('Chart.yaml', () => unmarshalMetadataInto(text(f), md as Metadata));
    if (md.apiVersion === '') md.apiVersion = API_VERSION_V1;
  }

  const parts = new ChartParts();
  for (const f of files) {
    if (f.name === 'Chart.yaml') continue;
    md = parts.add(f, md, warn);
  }
  if (md === undefined) throw new ChartLoadError('Chart.yaml file is missing', '');

  const chart = new Chart(md);
  chart.raw = raw;
  chart.lock = parts.lock;
  chart.templates = parts.templates;
  chart.values = parts.values;
  chart.schema = parts.schema;
  chart.files = parts.files;

  const invalid = validateMetadata(md);
  if (invalid !== undefined) throw new ChartLoadError(invalid.message, 'Chart.yaml', invalid);

  for (const [name, subFiles] of parts.subcharts) {
    if (name.startsWith('_') || name.startsWith('.')) continue;
    chart.addDependency([loadSubchart(chart, name, subFiles, warn)]);
  }
  return chart;
}

/** LoadArchive: a .tgz chart held in memory. */
export function loadChartFromArchive(archive: Uint8Array, warn: LoadFilesWarn = () => {}): Chart {
  return loadChartFromFiles(loadArchiveFiles(archive), warn);
}

/** The second pass of LoadFiles: sorts files into the chart's parts. */
class ChartParts {
  lock: Lock | undefined;
  templates: ChartFile[] = [];
  values: GoMap | null = null;
  schema: Uint8Array | undefined;
  files: ChartFile[] = [];
  /** charts/<name>/... grouped by <name>, in first-seen order; names are relative to charts/. */
  readonly subcharts = new Map<string, ChartFile[]>();

  /** Files one file away; returns the metadata (requirements.yaml may create it). */
  add(f: ChartFile, md: Metadata | undefined, warn: LoadFilesWarn): Metadata | undefined {
    const copy = { name: f.name, data: f.data };
    switch (f.name) {
      case 'Chart.lock':
        this.lock = decodeInto('Chart.lock', () => decodeLock(text(f)));
        return md;
      case 'values.yaml':
        this.values = decodeInto('values.yaml', () => readValues(f.data));
        return md;
      case 'values.schema.json':
        this.schema = f.data;
        return md;
      case 'requirements.yaml': {
        const meta = md ?? emptyMetadata();
        if (meta.apiVersion !== API_VERSION_V1) {
          warn('Warning: Dependencies are handled in Chart.yaml since apiVersion "v2". We recommend migrating dependencies to Chart.yaml.');
        }
        decodeInto('requirements.yaml', () => unmarshalMetadataInto(text(f), meta));
        if (meta.apiVersion === API_VERSION_V1) this.files.push(copy);
        return meta;
      }
      case 'requirements.lock': {
        this.lock = decodeInto('requirements.lock', () => decodeLock(text(f)));
        const meta = md ?? emptyMetadata();
        if (meta.apiVersion !== API_VERSION_V1) {
          warn('Warning: Dependency locking is handled in Chart.lock since apiVersion "v2". We recommend migrating to Chart.lock.');
        }
        if (meta.apiVersion === API_VERSION_V1) this.files.push(copy);
        return meta;
      }
    }
    if (f.name.startsWith('templates/')) {
      this.templates.push(copy);
    } else if (f.name.startsWith('charts/')) {
      if (extension(f.name) === '.prov') {
        this.files.push(copy);
        return md;
      }
      const fname = f.name.slice('charts/'.length);
      const cname = fname.split('/')[0] as string;
      const group = this.subcharts.get(cname) ?? [];
      group.push({ name: fname, data: f.data });
      this.subcharts.set(cname, group);
    } else {
      this.files.push(copy);
    }
    return md;
  }
}

/** One charts/ entry: a .tgz archive or a directory of files. */
function loadSubchart(parent: Chart, name: string, files: ChartFile[], warn: LoadFilesWarn): Chart {
  const isArchive = extension(name) === '.tgz';
  const first = files[0] as ChartFile;
  if (isArchive && first.name !== name) {
    throw new ChartLoadError(`error unpacking subchart tar in ${parent.name()}: expected ${name}, got ${first.name}`, name);
  }
  try {
    if (isArchive) return loadChartFromArchive(first.data, warn);
    // Drop the directory name; files directly in charts/ are not part of any chart.
    const inner: ChartFile[] = [];
    for (const f of files) {
      const slash = f.name.indexOf('/');
      if (slash < 0) continue;
      inner.push({ name: f.name.slice(slash + 1), data: f.data });
    }
    return loadChartFromFiles(inner, warn);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new ChartLoadError(`error unpacking subchart ${name} in ${parent.name()}: ${message}`, `charts/${name}`, e);
  }
}

/** Runs a decoder, wrapping its failure as `cannot load NAME: ...`. */
function decodeInto<T>(name: string, decode: () => T): T {
  try {
    return decode();
  } catch (e) {
    throw new ChartLoadError(`cannot load ${name}: ${e instanceof Error ? e.message : String(e)}`, name, e);
  }
}

/** filepath.Ext. */
function extension(path: string): string {
  for (let i = path.length - 1; i >= 0 && path[i] !== '/'; i--) {
    if (path[i] === '.') return path.slice(i);
  }
  return '';
}
