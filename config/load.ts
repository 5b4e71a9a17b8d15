/**
 * Reads one `dpu-gitops.yaml`: YAML errors and schema problems come back together in one
 * ConfigError with the line of each; paths are resolved against the file's directory.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { formatPath, type RuleId, type Severity } from '../contract/types.js';
import { lineOf } from './positions.js';
import { schemaIssues } from './schema.js';
import { ConfigError, type ConfigIssue, type RepoConfig } from './types.js';

/** What the YAML holds once the schema accepted it. */
interface ConfigDocument {
  cluster?: string;
  'chart-paths'?: Record<string, string>;
  'vendor-dir'?: string;
  inventory?: string;
  'allowed-repositories'?: string[];
  rules?: { disable?: RuleId[]; severity?: Partial<Record<RuleId, Severity>> };
  'kube-version'?: string;
  'api-versions'?: string[];
  'doca-version'?: string;
  'startup-render-mode'?: 'strict' | 'dpf';
  'kube-schema'?: 'warn' | 'error' | 'off';
}

/**
 * Loads `file` (absolute or relative to the process's cwd). `display` is how messages name the
 * file (default: `file` as given).
 */
export function loadConfigFile(file: string, display: string = file): RepoConfig {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : code === 'EACCES' ? 'not readable (permission denied)' : (err as Error).message;
    throw new ConfigError(display, [{ line: 0, key: '', message: `cannot read the config file: ${why}` }]);
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      display,
      doc.errors.map((e) => ({ line: e.linePos?.[0].line ?? 0, key: '', message: `not valid YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}` })),
    );
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 }) ?? {};
  const issues = schemaIssues(value, doc, counter);
  if (issues.length > 0) throw new ConfigError(display, issues);
  const raw = value as ConfigDocument;
  const dir = dirname(path);
  const pathIssues: ConfigIssue[] = [];
  const local = (key: (string | number)[], p: string): string => {
    if (isAbsolute(p)) pathIssues.push({ line: lineOf(doc, counter, key), key: formatPath(key), message: `${p} must be relative to ${display}` });
    return resolve(dir, p);
  };
  const chartPaths: Record<string, string> = {};
  for (const [ref, p] of Object.entries(raw['chart-paths'] ?? {})) chartPaths[ref] = local(['chart-paths', ref], p);
  const config: RepoConfig = {
    file: path,
    dir,
    chartPaths,
    rules: { disable: raw.rules?.disable ?? [], severity: raw.rules?.severity ?? {} },
    ...(raw.cluster !== undefined ? { cluster: raw.cluster } : {}),
    ...(raw['vendor-dir'] !== undefined ? { vendorDir: local(['vendor-dir'], raw['vendor-dir']) } : {}),
    ...(raw.inventory !== undefined ? { inventory: local(['inventory'], raw.inventory) } : {}),
    ...(raw['allowed-repositories'] !== undefined ? { allowedRepositories: raw['allowed-repositories'] } : {}),
    ...(raw['kube-version'] !== undefined ? { kubeVersion: raw['kube-version'] } : {}),
    ...(raw['api-versions'] !== undefined ? { apiVersions: raw['api-versions'] } : {}),
    ...(raw['doca-version'] !== undefined ? { docaVersion: raw['doca-version'].trim() } : {}),
    ...(raw['startup-render-mode'] !== undefined ? { startupRenderMode: raw['startup-render-mode'] } : {}),
    ...(raw['kube-schema'] !== undefined ? { kubeSchema: raw['kube-schema'] } : {}),
  };
  if (pathIssues.length > 0) throw new ConfigError(display, pathIssues);
  return config;
}
