/**
 * Finds the plugin's inputs in the app directory ArgoCD hands over: every `.yaml`, `.yml` and
 * `.json` file (multi-document), skipping `.git`, hidden directories, chart directories (a
 * `Chart.yaml` beside them: templates are not YAML) and ArgoCD's `.argocd-source*.yaml`.
 * Documents are read as Kubernetes reads manifests: YAML 1.1 scalars (sigs.k8s.io/yaml over
 * go-yaml v2), duplicate keys refused. Files are visited in sorted path order so the output
 * does not depend on the file system.
 */
import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { GoJson } from '../dpf/go-json.js';
import { DPUSERVICE_KIND, isDpfKind, type JsonObject, type SourceLocation } from '../dpf/dpuservice.js';
import { InputFileError, MAX_INPUT_FILE_BYTES, readInputText, type UnreadReason } from '../dpf/input-file.js';
import { parseUserDocuments } from '../dpf/yaml-input.js';
import { ConfinementError, confinedRealPath, confinement, type Confinement } from '../helm/chart/confine.js';

export { MAX_INPUT_FILE_BYTES };

/** One document of an input file. */
export interface InputDocument {
  location: SourceLocation;
  /** The decoded document (null for empty documents, which are skipped by callers). */
  value: GoJson;
  /**
   * The line of a field (or of its nearest present ancestor), for DPF objects only: their
   * problems name the field's own line, as lint does. Other documents keep no syntax tree.
   */
  lineOf?: (path: readonly (string | number)[]) => number;
}

/** A file that could not be read as YAML/JSON. */
export interface InputError {
  location: SourceLocation;
  message: string;
}

/** A file (or directory) under the app dir that could hold DPF objects and was not read. */
export interface UnreadInput {
  /** Relative to the app dir, `/`-separated. */
  file: string;
  reason: UnreadReason | 'unlistable';
  /** The cause, without the file name. */
  message: string;
  fix: string;
}

export interface InputScan {
  documents: InputDocument[];
  errors: InputError[];
  /** Files read, relative to the app dir. */
  files: string[];
  /** Inputs not read; generate fails on any (a missing file is a missing service). */
  unread: UnreadInput[];
}

export interface ScanOptions {
  /** Files that are not inputs (relative to the app dir). */
  exclude?: readonly string[];
  /** Refuse inputs that resolve outside this directory (the repository copy) through a symlink. */
  repoRoot?: string;
}

const INPUT_EXTENSIONS = /\.(ya?ml|json)$/i;

/** Input files under an app dir, and what could not be listed. */
export interface InputListing {
  /** Relative, `/`-separated, sorted. */
  files: string[];
  unread: UnreadInput[];
}

/**
 * Lists input files under `appDir`: every .yaml/.yml/.json file, symlinks included (reading
 * them decides whether they are usable). A directory that cannot be listed, or a symlinked
 * directory outside the confinement, is unread; a directory link back to one of its own
 * ancestors is skipped (its files are listed once already).
 */
export function listInputFiles(appDir: string, exclude: readonly string[] = [], confine?: Confinement): InputListing {
  const listing: InputListing = { files: [], unread: [] };
  const skip = new Set(exclude.map((e) => e.replace(/\/+$/, '')));
  const walk = (dir: string, ancestors: ReadonlySet<string>): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (e) {
      const rel = relative(appDir, dir).split(sep).join('/') || '.';
      listing.unread.push({ file: rel, reason: 'unlistable', message: `directory cannot be listed: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, fix: 'make the directory readable by the plugin (uid 999), or remove it' });
      return;
    }
    if (dir !== appDir && names.includes('Chart.yaml')) return;
    for (const name of names) {
      const path = join(dir, name);
      const rel = relative(appDir, path).split(sep).join('/');
      if (skip.has(rel)) continue;
      let st;
      try {
        st = statSync(path);
      } catch {
        // dangling or looping symlink: an error when it looks like an input, else nothing to read
        if (INPUT_EXTENSIONS.test(name) && !name.startsWith('.argocd-source')) listing.files.push(rel);
        continue;
      }
      if (st.isDirectory()) {
        if (name.startsWith('.') || name === 'node_modules') continue;
        let real: string;
        try {
          real = confine ? confinedRealPath(path, confine) : realpathSync(path);
        } catch (e) {
          if (!(e instanceof ConfinementError)) throw e;
          listing.unread.push({ file: rel, reason: e.reason === 'dangling' ? 'dangling' : 'outside', message: e.detail, fix: `copy the directory into the ${confine!.name} instead of linking to it, or remove the link` });
          continue;
        }
        if (ancestors.has(real)) continue;
        walk(path, new Set([...ancestors, real]));
      } else if (INPUT_EXTENSIONS.test(name) && !name.startsWith('.argocd-source')) {
        listing.files.push(rel);
      }
    }
  };
  walk(appDir, new Set([realOrSelf(appDir)]));
  listing.files.sort();
  return listing;
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/**
 * Reads and parses every input file. Parse errors are collected in `errors`, files that could
 * not be read in `unread`; neither is thrown.
 */
export function scanInputs(appDir: string, options: ScanOptions = {}): InputScan {
  const confine = options.repoRoot !== undefined ? confinement(options.repoRoot) : undefined;
  const listing = listInputFiles(appDir, options.exclude ?? [], confine);
  const scan: InputScan = { documents: [], errors: [], files: [], unread: listing.unread };
  for (const file of listing.files) {
    let text: string;
    try {
      text = readInputText(join(appDir, file), { display: file, ...(confine ? { confine } : {}) });
    } catch (e) {
      if (!(e instanceof InputFileError)) throw e;
      scan.unread.push({ file, reason: e.reason, message: e.detail, fix: e.fix });
      continue;
    }
    scan.files.push(file);
    parseDocuments(file, text, scan);
  }
  return scan;
}

/** Parses one file's text into documents (YAML stream; JSON is YAML). */
export function parseDocuments(file: string, text: string, into: Pick<InputScan, 'documents' | 'errors'>): void {
  const lineStarts = lineIndex(text);
  let docs;
  try {
    docs = parseUserDocuments(text, { version: '1.1', merge: true, prettyErrors: false });
  } catch (err) {
    into.errors.push({ location: { file, doc: 0, line: 1 }, message: err instanceof Error ? err.message : String(err) });
    return;
  }
  docs.forEach((doc, i) => {
    const start = doc.range?.[0] ?? 0;
    const location: SourceLocation = { file, doc: i, line: lineOf(lineStarts, start) };
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      into.errors.push({ location: { ...location, line: lineOf(lineStarts, e.pos[0]) }, message: e.message.split('\n')[0] ?? e.message });
      return;
    }
    try {
      const value = toJson(doc.toJS({ maxAliasCount: 100 }) as unknown);
      const document: InputDocument = { location, value };
      if (isDpfObject(value)) {
        document.lineOf = (path) => {
          for (let n = path.length; n >= 0; n--) {
            const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
            if (node && typeof node === 'object' && node.range) return lineOf(lineStarts, node.range[0]);
          }
          return location.line;
        };
      }
      into.documents.push(document);
    } catch (err) {
      into.errors.push({ location, message: err instanceof Error ? err.message : String(err) });
    }
  });
}

/** An object of DPF's API groups (svc.dpu.nvidia.com, provisioning.dpu.nvidia.com, ...). */
function isDpfObject(v: GoJson): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const apiVersion = (v as JsonObject).apiVersion;
  return typeof apiVersion === 'string' && /^[a-z.]*dpu\.nvidia\.com\//.test(apiVersion);
}

/** YAML data → JSON data as sigs.k8s.io/yaml converts it (non-string keys become strings). */
function toJson(v: unknown): GoJson {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Map) {
    const out: JsonObject = {};
    for (const [k, x] of v) out[String(k)] = toJson(x);
    return out;
  }
  if (v instanceof Set) return Object.fromEntries([...v].map((k) => [String(k), null]));
  if (Array.isArray(v)) return v.map(toJson);
  if (typeof v === 'object') {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = toJson(x);
    return out;
  }
  if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`json: unsupported value: ${v}`);
  if (typeof v === 'bigint') return Number(v);
  return v as GoJson;
}

function lineIndex(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** How much of a file too big to read discovery looks at for `kind: DPUService`. */
const DISCOVERY_PEEK_BYTES = 1024 * 1024;

/**
 * The `discover.find.command` decision: the files holding at least one DPUService or DPUDeployment. A file that
 * does not parse but mentions `kind: DPUService` counts too, so generate (not another tool)
 * reports its error; so does one too big to read or not UTF-8 that mentions it (in its first
 * MiB). Discovery never fails: what it cannot read it leaves to generate.
 */
export function filesWithDpuServices(appDir: string): string[] {
  const found = new Set<string>();
  const mentionsKind = (text: string): boolean => /kind["']?\s*:\s*["']?(DPUService|DPUDeployment)["']?\s*$/m.test(text);
  for (const file of listInputFiles(appDir).files) {
    let text: string;
    try {
      text = readInputText(join(appDir, file), { display: file });
    } catch (e) {
      if (!(e instanceof InputFileError)) throw e;
      if ((e.reason === 'too-big' || e.reason === 'not-utf8') && mentionsKind(peek(join(appDir, file)))) found.add(file);
      continue;
    }
    if (!/DPUService|DPUDeployment/.test(text)) continue;
    const scan: Pick<InputScan, 'documents' | 'errors'> = { documents: [], errors: [] };
    parseDocuments(file, text, scan);
    // A DPUDeployment is composed into DPUServices (plugin/deployment-stage.ts).
    if (scan.documents.some((d) => isDpfKind(d.value, DPUSERVICE_KIND) || isDpfKind(d.value, 'DPUDeployment'))) found.add(file);
    else if (scan.errors.length > 0 && mentionsKind(text)) found.add(file);
  }
  return [...found].sort();
}

/** The first DISCOVERY_PEEK_BYTES of a file, decoded leniently ('' when unreadable). */
function peek(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(DISCOVERY_PEEK_BYTES);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
