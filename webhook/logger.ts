/**
 * pino loggers for the webhook: JSON lines, one per admission review (uid, kind,
 * namespace/name, operation, dryRun, decision, rules, duration) plus start-up, certificate
 * reload and shutdown events. The destination is injectable so tests read the lines.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** A pino logger at `level` writing to `destination` (default: stdout). */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  const base = { level: options.level ?? 'info', base: { component: 'dpu-gitops-webhook' } };
  return options.destination ? pino(base, options.destination) : pino(base);
}
