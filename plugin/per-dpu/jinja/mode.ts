/**
 * The two Environment settings a startup template can be rendered with (issue 18):
 *   - 'strict' (our default): `Environment(undefined=StrictUndefined)`, no autoescape: a missing
 *     value is an error, text is printed as written;
 *   - 'dpf': `Environment(autoescape=True)` with the default, lenient Undefined, as DPF's
 *     guideline for per-node configuration renders: a missing value prints as nothing (and
 *     iterates as empty, tests false), and every printed value that is not Markup is
 *     HTML-escaped (& < > " ' become &amp; &lt; &gt; &#34; &#39;).
 * A render runs synchronously on one thread, so the active mode is module state set around it,
 * like the budget.
 */
export type RenderModeName = 'strict' | 'dpf';

export interface RenderMode {
  readonly name: RenderModeName;
  readonly autoescape: boolean;
  readonly lenientUndefined: boolean;
}

export const RENDER_MODES: Readonly<Record<RenderModeName, RenderMode>> = {
  strict: { name: 'strict', autoescape: false, lenientUndefined: false },
  dpf: { name: 'dpf', autoescape: true, lenientUndefined: true },
};

let active: RenderMode = RENDER_MODES.strict;

/** The mode of the render in progress (strict outside renders). */
export function renderMode(): RenderMode {
  return active;
}

/** Runs `fn` with `mode` active. */
export function runInMode<T>(mode: RenderMode, fn: () => T): T {
  const prev = active;
  active = mode;
  try {
    return fn();
  } finally {
    active = prev;
  }
}
