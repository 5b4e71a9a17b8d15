/**
 * The render cache `dpu-gitops diff` passes to both sides' generate: a DPUService whose inputs
 * (the service object, its chart's files, interfaces, the labelled inventory and IPAMs for
 * per-DPU services, the run's settings and environment) hash alike on both sides is rendered
 * once; the second side gets the same entries and the same problems, re-located to its own file.
 */
import { createHash } from 'node:crypto';
import type { SourceLocation } from '../../dpf/dpuservice.js';
import type { ServiceRenderCache, ServiceRenderInput } from '../generate.js';
import type { StreamEntry } from '../output.js';
import { DEPLOYMENT_SERVICE_LABEL, OWNER_LABEL } from '../../dpf/deployment/selectors.js';
import type { Inventory } from '../per-dpu/index.js';
import type { Problem } from '../problems.js';
import { chartHash, feedCanonical, objectHash } from './content-hash.js';

interface Stored {
  entries: StreamEntry[] | undefined;
  errors: Problem[];
  warnings: Problem[];
  location: SourceLocation;
}

/** Where a service sits in its file is not an input of its render. */
const NOT_INPUTS = new Set(['location']);

export function serviceInputKey(input: ServiceRenderInput): string {
  const h = createHash('sha256');
  feedCanonical(h, { svc: input.svc, serviceID: input.serviceID, cluster: input.cluster, releaseName: input.releaseName, interfaces: input.interfaces }, NOT_INPUTS);
  h.update(`chart:${chartHash(input.chart.chart)}`);
  h.update(`inventory:${input.inventory ? objectHash(input.inventory) : '-'}`);
  feedCanonical(h, { ipams: input.inventory ? input.ipams : [], settings: input.settings, env: input.env });
  return h.digest('hex');
}

export class DiffRenderCache implements ServiceRenderCache {
  readonly #stored = new Map<string, Stored>();
  hits = 0;
  misses = 0;
  /** The labelled inventory the last per-DPU service was rendered with (the rollout counts on it). */
  inventory: Inventory | undefined;
  /** What this side's renders depend on beyond their inputs (its rule settings): part of every key. */
  salt = '';
  /** `ns/name` -> `owner/service` of DPUServices composed from a DPUDeployment, this side. */
  identities = new Map<string, string>();

  /** reuse false: every service is rendered (to measure what reuse saves). */
  constructor(private readonly reuse = true) {}

  through(input: ServiceRenderInput, errors: Problem[], warnings: Problem[], render: () => StreamEntry[] | undefined): StreamEntry[] | undefined {
    if (input.inventory) this.inventory = input.inventory;
    const labels = input.svc.raw.metadata && typeof input.svc.raw.metadata === 'object' ? (input.svc.raw.metadata as Record<string, unknown>).labels : undefined;
    if (labels && typeof labels === 'object') {
      const l = labels as Record<string, unknown>;
      if (typeof l[OWNER_LABEL] === 'string' && typeof l[DEPLOYMENT_SERVICE_LABEL] === 'string') this.identities.set(`${input.svc.namespace}/${input.svc.name}`, `${l[OWNER_LABEL]}/${l[DEPLOYMENT_SERVICE_LABEL]}`);
    }
    if (!this.reuse) {
      this.misses++;
      return render();
    }
    const key = `${this.salt}:${serviceInputKey(input)}`;
    const known = this.#stored.get(key);
    if (known) {
      this.hits++;
      const relocate = (p: Problem): Problem => (p.location && sameLocation(p.location, known.location) ? { ...p, location: input.svc.location } : p);
      errors.push(...known.errors.map(relocate));
      warnings.push(...known.warnings.map(relocate));
      return known.entries ? [...known.entries] : undefined;
    }
    this.misses++;
    const e0 = errors.length;
    const w0 = warnings.length;
    const entries = render();
    this.#stored.set(key, { entries: entries ? [...entries] : undefined, errors: errors.slice(e0), warnings: warnings.slice(w0), location: input.svc.location });
    return entries;
  }
}

function sameLocation(a: SourceLocation, b: SourceLocation): boolean {
  return a.file === b.file && a.doc === b.doc && a.line === b.line;
}
