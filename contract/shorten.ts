/**
 * Values quoted in messages, shortened. A finding may carry what the user sent (a 3 MiB name, a
 * long render error); messages repeat such values, so a denial could be far larger than the
 * request. Every string a message can quote is cut to a head and a tail around "…", which keeps
 * both what the value starts with and how it ends (a render error's cause is at its end).
 */

/** Longest quoted value, in UTF-16 code units. */
export const MAX_QUOTED_LENGTH = 512;
const HEAD = 320;
const TAIL = 120;

export function shortenText(text: string, max: number = MAX_QUOTED_LENGTH): string {
  if (text.length <= max) return text;
  const head = Math.min(HEAD, Math.floor(max * 0.7));
  const tail = Math.min(TAIL, max - head - 40);
  const cut = text.length - head - Math.max(0, tail);
  return `${text.slice(0, head)}…(${cut} characters cut)…${tail > 0 ? text.slice(text.length - tail) : ''}`;
}

/** A copy of a plain data value (finding, ref, detail) with every long string shortened. */
export function shortenStrings<T>(value: T, max: number = MAX_QUOTED_LENGTH): T {
  if (typeof value === 'string') return shortenText(value, max) as T;
  if (Array.isArray(value)) {
    // A list of a million names is as bad as one long name: keep the first ones and say so.
    const shown = value.length > 50 ? [...value.slice(0, 50), `…(${value.length - 50} more)`] : value;
    return shown.map((v) => shortenStrings(v, max)) as T;
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = shortenStrings(v, max);
    return out as T;
  }
  return value;
}
