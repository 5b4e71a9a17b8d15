/**
 * How deeply a JSON text nests, found by one linear pass over its bytes before it is parsed.
 * JSON.parse itself copes with deep nesting, but everything after it (the contract rules, the
 * release values, structured clone into a chart worker) walks objects recursively; a 50,000-deep
 * object would exhaust the stack there. Real reviews nest a few dozen levels.
 */

/** Deepest nesting accepted in an AdmissionReview body (the object sits three levels down). */
export const MAX_REVIEW_NESTING_DEPTH = 200;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/** True when `json` nests objects/arrays deeper than `limit` (strings are skipped correctly). */
export function nestsDeeperThan(json: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i]!;
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return false;
}
