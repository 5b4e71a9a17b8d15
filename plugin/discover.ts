/**
 * Finds the plugin's inputs in the app directory ArgoCD hands over: every `.yaml`, `.yml` and
 * `.json` file (multi-document), skipping `.git`, hidden directories, chart directories (a
 * `Chart.yaml` beside them: templates are not YAML) and ArgoCD's `.argocd-source*.yaml`.
 * Documents are read as Kubernetes reads manifests: YAML 1.1 scalars (sigs.k8s.io/yaml over
 * go-yaml v2), duplicate keys refused. Files are visited in sorted path order so the output
 * does not depend on the file system.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { GoJson } from '../dpf/go-json.js';
import { DPUSERVICE_KIND, isDpfKind, type JsonObject, type SourceLocation } from '../dpf/dpuservice.js';

/** One document of an input file. */
export interface InputDocument {
  location: SourceLocation;
  /** The decoded document (null for empty documents, which are skipped by callers). */
  value: GoJson;
}

/** A file that could not be read as YAML/JSON. */
export interface InputError {
  location: SourceLocation;
  message: string;
}

export interface InputScan {
  documents: InputDocument[];
  errors: InputError[];
  /** Files read, relative to the app dir. */
  files: string[];
}

/** Files bigger than this are not inputs (a guard against vendored blobs named .json). */
export const MAX_INPUT_FILE_BYTES = 8 * 1024 * 1024;

const INPUT_EXTENSIONS = /\.(ya?ml|json)$/i;

/** Lists input files under `appDir` (relative, `/`-separated, sorted). */
export function listInputFiles(appDir: string, exclude: readonly string[] = []): string[] {
  const out: string[] = [];
  const skip = new Set(exclude.map((e) => e.replace(/\/+$/, '')));
  const walk = (dir: string): void => {
    const names = readdirSync(dir).sort();
    if (dir !== appDir && names.includes('Chart.yaml')) return;
    for (const name of names) {
      const path = join(dir, name);
      const rel = relative(appDir, path).split(sep).join('/');
      if (skip.has(rel)) continue;
      let st;
      try {
        st = statSync(path);
      } catch {
        continue; // dangling symlink
      }
      if (st.isDirectory()) {
        if (name.startsWith('.') || name === 'node_modules') continue;
        walk(path);
      } else if (st.isFile() && INPUT_EXTENSIONS.test(name) && !name.startsWith('.argocd-source') && st.size <= MAX_INPUT_FILE_BYTES) {
        out.push(rel);
      }
    }
  };
  walk(appDir);
  return out.sort();
}

/** Reads and parses every input file. Parse errors are collected, not thrown. */
export function scanInputs(appDir: string, exclude: readonly string[] = []): InputScan {
  const scan: InputScan = { documents: [], errors: [], files: [] };
  for (const file of listInputFiles(appDir, exclude)) {
    scan.files.push(file);
    const text = readFileSync(join(appDir, file), 'utf8');
    parseDocuments(file, text, scan);
  }
  return scan;
}

/** Parses one file's text into documents (YAML stream; JSON is YAML). */
export function parseDocuments(file: string, text: string, into: InputScan): void {
  const lineStarts = lineIndex(text);
  const docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: true, merge: true, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, i) => {
    const start = doc.range?.[0] ?? 0;
    const location: SourceLocation = { file, doc: i, line: lineOf(lineStarts, start) };
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      into.errors.push({ location: { ...location, line: lineOf(lineStarts, e.pos[0]) }, message: e.message.split('\n')[0] ?? e.message });
      return;
    }
    try {
      const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
      into.documents.push({ location, value: toJson(value) });
    } catch (err) {
      into.errors.push({ location, message: err instanceof Error ? err.message : String(err) });
    }
  });
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

/**
 * The `discover.find.command` decision: the files holding at least one DPUService. A file that
 * does not parse but mentions `kind: DPUService` counts too, so generate (not another tool)
 * reports its error.
 */
export function filesWithDpuServices(appDir: string): string[] {
  const found = new Set<string>();
  for (const file of listInputFiles(appDir)) {
    const text = readFileSync(join(appDir, file), 'utf8');
    if (!/DPUService/.test(text)) continue;
    const scan: InputScan = { documents: [], errors: [], files: [] };
    parseDocuments(file, text, scan);
    if (scan.documents.some((d) => isDpfKind(d.value, DPUSERVICE_KIND))) found.add(file);
    else if (scan.errors.length > 0 && /kind["']?\s*:\s*["']?DPUService["']?\s*$/m.test(text)) found.add(file);
  }
  return [...found].sort();
}
