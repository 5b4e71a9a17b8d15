/**
 * What the webhook takes from a repository config (`webhook --config FILE`, the ConfigMap the
 * install manifests mount): the chart sources and rules (disable and severity). Chart paths become relative to the
 * webhook's chart root, where its chart loader keeps them; one outside it is refused at start.
 */
import { isAbsolute, relative } from 'node:path';
import type { RuleId, Severity } from '../contract/types.js';
import type { RepoConfig } from './types.js';

export interface WebhookConfigLayer {
  cluster?: string;
  /** Reference -> path relative to the chart root. */
  chartPaths: Record<string, string>;
  /** Relative to the chart root. */
  vendorDir?: string;
  allowedRepos?: readonly string[];
  disable: readonly RuleId[];
  /** A severity that replaces a rule's own: error denies, warning admits with a warning. */
  severity: Readonly<Partial<Record<RuleId, Severity>>>;
}

/** A config path the webhook cannot use: it names the key and what to set. */
export class WebhookConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookConfigError';
  }
}

export function webhookLayer(config: RepoConfig, chartRoot: string): WebhookConfigLayer {
  const underRoot = (key: string, path: string): string => {
    const rel = relative(chartRoot, path);
    if (rel.startsWith('..') || isAbsolute(rel)) {
      throw new WebhookConfigError(`${config.file}: ${key}: ${path} is outside the chart root ${chartRoot} (set --chart-root to a directory holding it)`);
    }
    return rel || '.';
  };
  const chartPaths: Record<string, string> = {};
  for (const [ref, path] of Object.entries(config.chartPaths)) chartPaths[ref] = underRoot(`chart-paths[${JSON.stringify(ref)}]`, path);
  return {
    chartPaths,
    disable: config.rules.disable,
    severity: config.rules.severity,
    ...(config.cluster !== undefined ? { cluster: config.cluster } : {}),
    ...(config.vendorDir !== undefined ? { vendorDir: underRoot('vendor-dir', config.vendorDir) } : {}),
    ...(config.allowedRepositories !== undefined ? { allowedRepos: config.allowedRepositories } : {}),
  };
}
