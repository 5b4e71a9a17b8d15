/**
 * The repository config (`dpu-gitops.yaml`) as commands use it: every key optional, every path
 * already resolved against the directory of the file that names it, so no command has to know
 * where the file was.
 */
import type { RuleId, Severity } from '../contract/types.js';

/** The file name discovery looks for. */
export const CONFIG_FILE_NAME = 'dpu-gitops.yaml';

export interface RuleSettings {
  /** Rules not checked at all. */
  disable: readonly RuleId[];
  /** A severity that replaces the rule's own. */
  severity: Readonly<Partial<Record<RuleId, Severity>>>;
}

export interface RepoConfig {
  /** Absolute path of the file read. */
  file: string;
  /** Its directory: what relative paths in it are relative to. */
  dir: string;
  cluster?: string;
  /** Chart reference -> absolute chart directory or .tgz path. */
  chartPaths: Readonly<Record<string, string>>;
  /** Absolute vendor directory. */
  vendorDir?: string;
  /** Absolute inventory file path. */
  inventory?: string;
  allowedRepositories?: readonly string[];
  rules: RuleSettings;
  kubeVersion?: string;
  apiVersions?: readonly string[];
  docaVersion?: string;
  startupRenderMode?: 'strict' | 'dpf';
  kubeSchema?: 'warn' | 'error' | 'off';
}

/** One problem in a config file, at the line of the key or value it is about. */
export interface ConfigIssue {
  /** 1-based; 0 when the problem has no place in the file (it could not be read). */
  line: number;
  /** Dotted key path (`rules.disable[0]`), "" for the whole file. */
  key: string;
  message: string;
}

/** A config file that cannot be used; the message lists every issue as `file:line: key: text`. */
export class ConfigError extends Error {
  constructor(
    /** The file as the user should see it (relative to the cwd where that is shorter). */
    readonly file: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(issues.map((i) => `${file}${i.line > 0 ? `:${i.line}` : ''}: ${i.key ? `${i.key}: ` : ''}${i.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}
