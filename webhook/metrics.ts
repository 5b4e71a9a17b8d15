/**
 * The webhook's Prometheus metrics, printed in the text exposition format (version 0.0.4):
 *   dpu_gitops_webhook_requests_total{kind,decision}     reviews answered (allowed|denied)
 *   dpu_gitops_webhook_request_duration_seconds{kind}    review latency histogram
 *   dpu_gitops_webhook_denials_total{rule}               error violations in denied reviews
 *   dpu_gitops_webhook_warnings_total{rule}              warnings sent
 *   dpu_gitops_webhook_settled_total{rule}               warnings settled by the object's disable annotation
 *   dpu_gitops_webhook_bad_requests_total{reason}        HTTP 4xx answers (malformed, too large, ...)
 *   dpu_gitops_webhook_chart_checks_stopped_total{reason} chart checks stopped (timeout|memory|crashed|busy|closed)
 *   dpu_gitops_webhook_chart_workers{state}              chart workers busy / total, reviews queued (gauge)
 * A small hand-written registry (counters and one histogram) instead of a dependency; prom-client
 * would be the library to switch to if the set grows.
 */

/** Latency buckets in seconds: the targets are 10 ms (Pods) and 25 ms (DPUServices) p99. */
export const LATENCY_BUCKETS: readonly number[] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Labels = Readonly<Record<string, string>>;

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

/** A counter family keyed by label values. */
class Counter {
  private readonly values = new Map<string, { labels: Labels; value: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels, by = 1): void {
    const key = labelText(labels);
    const entry = this.values.get(key);
    if (entry) entry.value += by;
    else this.values.set(key, { labels, value: by });
  }

  get(labels: Labels): number {
    return this.values.get(labelText(labels))?.value ?? 0;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [key, { value }] of [...this.values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) lines.push(`${this.name}${key} ${value}`);
    return lines.join('\n');
  }
}

/** A histogram family keyed by label values. */
class Histogram {
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {}

  observe(labels: Labels, value: number): void {
    const key = labelText(labels);
    let s = this.series.get(key);
    if (!s) {
      s = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, s);
    }
    this.buckets.forEach((le, i) => {
      if (value <= le) (s as { counts: number[] }).counts[i]! += 1;
    });
    s.sum += value;
    s.count += 1;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [, s] of [...this.series].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      this.buckets.forEach((le, i) => lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: String(le) })} ${s.counts[i]}`));
      lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${s.count}`);
      lines.push(`${this.name}_sum${labelText(s.labels)} ${s.sum}`);
      lines.push(`${this.name}_count${labelText(s.labels)} ${s.count}`);
    }
    return lines.join('\n');
  }
}

/** Pool occupancy read at scrape time. */
export interface PoolGaugeSource {
  size: number;
  busy: number;
  queued: number;
}

function poolGauges(stats: PoolGaugeSource | undefined): string {
  const name = 'dpu_gitops_webhook_chart_workers';
  const lines = [`# HELP ${name} Chart workers by state (busy, total) and DPUService reviews waiting (queued).`, `# TYPE ${name} gauge`];
  if (stats) for (const state of ['busy', 'queued', 'size'] as const) lines.push(`${name}${labelText({ state })} ${stats[state]}`);
  return lines.join('\n');
}

/** All webhook metrics. */
export class WebhookMetrics {
  readonly requests = new Counter('dpu_gitops_webhook_requests_total', 'Admission reviews answered, by object kind and decision.');
  readonly duration = new Histogram('dpu_gitops_webhook_request_duration_seconds', 'Time to answer an admission review, by object kind.', LATENCY_BUCKETS);
  readonly denials = new Counter('dpu_gitops_webhook_denials_total', 'Error violations in denied reviews, by rule.');
  readonly warnings = new Counter('dpu_gitops_webhook_warnings_total', 'Warnings sent with admission responses, by rule.');
  readonly settled = new Counter('dpu_gitops_webhook_settled_total', 'Warnings not sent because the object\'s dpu-gitops.nvidia.com/disable annotation settled them, by rule.');
  readonly badRequests = new Counter('dpu_gitops_webhook_bad_requests_total', 'Requests refused before review (HTTP 4xx), by reason.');
  readonly chartChecksStopped = new Counter('dpu_gitops_webhook_chart_checks_stopped_total', 'Chart checks stopped or refused by the worker pool, by reason.');
  /** Set by the server when charts are checked in a worker pool. */
  poolStats: (() => PoolGaugeSource) | undefined;

  /** The exposition text for GET /metrics. */
  render(): string {
    const families = [this.requests, this.duration, this.denials, this.warnings, this.settled, this.badRequests, this.chartChecksStopped].map((m) => m.render());
    return `${[...families, poolGauges(this.poolStats?.())].join('\n')}\n`;
  }
}

/** The Content-Type of the text format. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
