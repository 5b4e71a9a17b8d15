/**
 * sprig's random-string functions (strings.go randAlphaNum/randAlpha/randNumeric/randAscii over
 * Masterminds/goutils CryptoRandom*, and crypto.go uuidv4 over google/uuid), drawing from the
 * OS CSPRNG as Go's crypto/rand does.
 *
 * goutils picks characters uniformly from ' '..'z' and keeps letters and/or digits, so the
 * alphabets are exactly [A-Za-z], [A-Za-z0-9] and [0-9]; randAscii is uniform over 32..126.
 * A negative count is an error that sprig discards, giving "".
 */
import { nodeCrypto } from '../on-demand.js';
import { type GoFunc, type GoInt, T_INT, T_STRING } from '../template/value.js';
import { define } from './define.js';
import { pollWork, reserveChars } from '../template/budget.js';

const range = (from: number, to: number): string =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i)).join('');

export const ALPHA = range(65, 90) + range(97, 122);
export const DIGITS = range(48, 57);
export const ALPHANUMERIC = ALPHA + DIGITS;
export const PRINTABLE_ASCII = range(32, 126);

/** `count` characters drawn uniformly from `alphabet`; "" for count <= 0. The length is reserved first. */
export function randomString(count: number, alphabet: string): string {
  if (count <= 0) return '';
  reserveChars(count);
  const { randomInt } = nodeCrypto();
  let out = '';
  for (let i = 0; i < count; i++) {
    out += alphabet[randomInt(alphabet.length)];
    // One CSPRNG draw per character is slow: the loop is polled against the deadline.
    if ((i & 0xfff) === 0xfff) pollWork(0x1000);
  }
  return out;
}

const toInt = (n: GoInt | number): number => (typeof n === 'number' ? n : Number(n.value));

/** sprig randAlphaNum, randAlpha, randNumeric, randAscii, uuidv4. */
export const randomFuncs: readonly GoFunc[] = [
  define('randAlphaNum', [T_INT], T_STRING, (n: GoInt) => randomString(toInt(n), ALPHANUMERIC)),
  define('randAlpha', [T_INT], T_STRING, (n: GoInt) => randomString(toInt(n), ALPHA)),
  define('randNumeric', [T_INT], T_STRING, (n: GoInt) => randomString(toInt(n), DIGITS)),
  define('randAscii', [T_INT], T_STRING, (n: GoInt) => randomString(toInt(n), PRINTABLE_ASCII)),
  // google/uuid's New().String(): random version 4, RFC 4122 variant, lower-case hex.
  define('uuidv4', [], T_STRING, () => nodeCrypto().randomUUID()),
];
