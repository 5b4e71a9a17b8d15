/**
 * go-yaml v2's map key order (sorter.go keyList.Less) for string keys: a "natural" order where
 * runs of digits compare by numeric value and letters sort before non-letters. helm's `toYaml`
 * prints map keys in this order (not Go's plain string order, which `toJson` uses).
 */

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

function isLetter(r: string): boolean {
  const c = r.charCodeAt(0);
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return LETTER.test(r);
}

function isDigit(r: string): boolean {
  const c = r.charCodeAt(0);
  if (c < 0x80) return c >= 0x30 && c <= 0x39;
  return DIGIT.test(r);
}

/**
 * keyList.Less for two string keys. yaml.v3 (`v3`) differs in one rule: after a run of equal
 * digits, a letter sorts after a non-letter.
 */
export function goYamlKeyLess(a: string, b: string, v3 = false): boolean {
  return runesLess([...a], [...b], v3);
}

function runesLess(ar: string[], br: string[], v3: boolean): boolean {
  let digits = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) {
      digits = isDigit(ar[i]!);
      continue;
    }
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
    if (al || bl) return v3 && digits ? al : bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    // Go accumulates in an int64 (wrapping on overflow); BigInt.asIntN keeps that behaviour.
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = BigInt.asIntN(64, an * 10n + BigInt(ar[ai]!.codePointAt(0)! - 48));
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = BigInt.asIntN(64, bn * 10n + BigInt(br[bi]!.codePointAt(0)! - 48));
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
  }
  return ar.length < br.length;
}

/** Sorts string keys as go-yaml v2 (or v3) does before emitting a map. */
export function sortGoYamlKeys(keys: string[], v3 = false): string[] {
  const runes = new Map(keys.map((k) => [k, [...k]]));
  const less = (x: string, y: string) => runesLess(runes.get(x)!, runes.get(y)!, v3);
  return [...keys].sort((x, y) => (less(x, y) ? -1 : less(y, x) ? 1 : 0));
}
