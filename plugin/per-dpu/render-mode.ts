/**
 * Which Environment a DPUService's startupYAMLJ2 renders with (jinja/mode.ts): the annotation
 * `dpu-gitops.nvidia.com/startup-render-mode: strict | dpf` on the DPUService, else the run's
 * default (generate's `startup-render-mode` parameter, 'strict' unless set).
 *
 * strict (default): StrictUndefined, no autoescape. A missing value or a typo in a variable
 *   name fails the sync naming DPU, line and variable; text is printed as written.
 * dpf: exactly what DPF's per-node guideline renderer does, Environment(autoescape=True) with
 *   the lenient Undefined: a missing value prints as nothing and `& < > " '` print as HTML
 *   entities. For templates written against that renderer, whose output must stay the same.
 */
import type { RenderModeName } from './jinja/index.js';

export const RENDER_MODE_ANNOTATION = 'dpu-gitops.nvidia.com/startup-render-mode';
const MODES: readonly RenderModeName[] = ['strict', 'dpf'];

/** A render mode that is neither strict nor dpf; `where` names the annotation or parameter. */
export class RenderModeError extends Error {
  override readonly name = 'RenderModeError';
  /** What is wrong, without `where`. */
  readonly detail: string;
  constructor(
    readonly where: string,
    readonly value: string,
  ) {
    const detail = `${JSON.stringify(value)} is not a startup render mode (strict or dpf)`;
    super(`${where}: ${detail}`);
    this.detail = detail;
  }
}

/** Checks a mode given as text (annotation value or parameter). */
export function parseRenderMode(value: string, where: string): RenderModeName {
  const v = value.trim();
  if (!(MODES as readonly string[]).includes(v)) throw new RenderModeError(where, value);
  return v as RenderModeName;
}

/** The mode of a DPUService object as read (its annotation), else `fallback`. */
export function renderModeOf(raw: unknown, fallback: RenderModeName = 'strict'): RenderModeName {
  const meta = typeof raw === 'object' && raw !== null ? (raw as { metadata?: unknown }).metadata : undefined;
  const ann = typeof meta === 'object' && meta !== null ? (meta as { annotations?: unknown }).annotations : undefined;
  const v = typeof ann === 'object' && ann !== null ? (ann as Record<string, unknown>)[RENDER_MODE_ANNOTATION] : undefined;
  if (v === undefined) return fallback;
  return parseRenderMode(typeof v === 'string' ? v : JSON.stringify(v), `metadata.annotations["${RENDER_MODE_ANNOTATION}"]`);
}
