/**
 * Regular expressions in values.schema.json as gojsonschema v1.2.0 treats them: Go's package
 * regexp (RE2 syntax), never JS RegExp. `(?=`, back-references and `\Z` are errors, while
 * `[[:alpha:]]`, `\pL`, `\z` and `(?i)` work. Gives ajv a RegExp engine over GoRegexp, and
 * gojsonschema's schema-load errors for patterns Go cannot compile (schema.go parseSchema).
 */
import type { Options } from 'ajv';
import { GoRegexp, RegexpSyntaxError } from '../funcs/regex-go.js';

/** ajv's RegExpEngine type (not exported by name from ajv's entry point). */
type RegExpEngine = NonNullable<NonNullable<Options['code']>['regExp']>;
type RegExpLike = ReturnType<RegExpEngine>;

/** regexp.Compile's verdict on `expr`. */
export function goRegexpCompiles(expr: string): boolean {
  return !(GoRegexp.compile(expr) instanceof RegexpSyntaxError);
}

/**
 * A compiled Go pattern as ajv needs it. ajv deduplicates compiled patterns per instance by
 * `String(rx)` (vocabularies/code.ts usePattern keys its scope value with `rx.toString()`), so,
 * like RegExp's `/source/flags`, toString must tell patterns apart: without it every RegExpLike
 * printed "[object Object]" and each pattern of a schema was matched by the first one compiled.
 */
export class GoSchemaPattern implements RegExpLike {
  private constructor(
    readonly source: string,
    readonly flags: string,
    private readonly re: GoRegexp,
  ) {}

  /** regexp.Compile(source); a RegexpSyntaxError when Go refuses it. */
  static compile(source: string, flags: string): GoSchemaPattern | RegexpSyntaxError {
    const re = GoRegexp.compile(source);
    return re instanceof RegexpSyntaxError ? re : new GoSchemaPattern(source, flags, re);
  }

  /** regexp.MatchString: unanchored. */
  test(s: string): boolean {
    return this.re.matchString(s);
  }

  /** One text per (source, flags): flags never contain "/", so the last "/" splits them. */
  toString(): string {
    return `/${this.source}/${this.flags}`;
  }
}

/**
 * ajv's `code.regExp` option: patterns are compiled and matched (unanchored, as
 * regexp.MatchString does) by Go's rules. ajv passes "u" for its unicode flag; Go's regexp is
 * always rune-based, so the flag changes nothing but the cache key.
 */
export const goRegExpEngine: RegExpEngine = Object.assign(
  (pattern: string, flags: string): RegExpLike => {
    const rx = GoSchemaPattern.compile(pattern, flags);
    if (rx instanceof RegexpSyntaxError) throw rx;
    return rx;
  },
  { code: 'goRegExpEngine' },
);

/**
 * The first error gojsonschema's parseSchema reports for a regexp in `schema`, or undefined:
 * `Invalid regex pattern 'KEY'` for a patternProperties key, `pattern must be a valid regex`
 * for a `pattern`. Subschemas are visited in parseSchema's keyword order: definitions, then
 * nothing more beside a `$ref`, else properties, additionalProperties, patternProperties,
 * propertyNames, dependencies, items, additionalItems, pattern, contains, oneOf, anyOf, allOf,
 * not, if, then, else. Where Go walks a map (definitions, properties, patternProperties) its
 * order is random; this takes document order, which decides only which of several bad
 * patterns is named. (ajv, unlike gojsonschema, also reads keywords beside a `$ref`; a bad
 * pattern there fails ajv's compile with Go's regexp error text instead of passing.)
 */
export function schemaRegexpError(schema: unknown): string | undefined {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return undefined;
  const m = schema as Record<string, unknown>;
  const sub = (v: unknown): string | undefined => schemaRegexpError(v);
  const eachValue = (v: unknown): string | undefined => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    for (const item of Object.values(v)) {
      const err = sub(item);
      if (err !== undefined) return err;
    }
    return undefined;
  };
  const eachItem = (v: unknown): string | undefined => {
    if (!Array.isArray(v)) return undefined;
    for (const item of v) {
      const err = sub(item);
      if (err !== undefined) return err;
    }
    return undefined;
  };
  const definitions = eachValue(m.definitions);
  if (definitions !== undefined) return definitions;
  // A schema with a $ref is its reference: parseSchema reads none of the keywords after it.
  if (typeof m.$ref === 'string') return undefined;
  const steps: (() => string | undefined)[] = [
    () => eachValue(m.properties),
    () => sub(m.additionalProperties),
    () => {
      const pp = m.patternProperties;
      if (pp === null || typeof pp !== 'object' || Array.isArray(pp)) return undefined;
      for (const [key, value] of Object.entries(pp)) {
        if (!goRegexpCompiles(key)) return `Invalid regex pattern '${key}'`;
        const err = sub(value);
        if (err !== undefined) return err;
      }
      return undefined;
    },
    () => sub(m.propertyNames),
    () => eachValue(m.dependencies),
    () => (Array.isArray(m.items) ? eachItem(m.items) : sub(m.items)),
    () => sub(m.additionalItems),
    () => (typeof m.pattern === 'string' && !goRegexpCompiles(m.pattern) ? 'pattern must be a valid regex' : undefined),
    () => sub(m.contains),
    () => eachItem(m.oneOf),
    () => eachItem(m.anyOf),
    () => eachItem(m.allOf),
    () => sub(m.not),
    () => sub(m.if),
    () => sub(m.then),
    () => sub(m.else),
  ];
  for (const step of steps) {
    const err = step();
    if (err !== undefined) return err;
  }
  return undefined;
}
