/**
 * Go's fmt package (Sprint, Sprintln, Sprintf) over the Go value model in value.ts.
 * (Being filled in; signatures are final.)
 */
import type { GoValue } from './value.js';

/** fmt.Sprint: operands formatted with %v; a space between two operands when neither is a string. */
export function sprint(args: readonly GoValue[]): string {
  throw new Error('gofmt.sprint: not implemented yet ' + args.length);
}

/** fmt.Sprintln: operands formatted with %v, always space separated, with a trailing newline. */
export function sprintln(args: readonly GoValue[]): string {
  throw new Error('gofmt.sprintln: not implemented yet ' + args.length);
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly GoValue[]): string {
  throw new Error('gofmt.sprintf: not implemented yet ' + format + args.length);
}

/** One value printed as fmt does for a verb (default %v), e.g. formatValue(1.5e6) === '1.5e+06'. */
export function formatValue(v: GoValue, verb = 'v'): string {
  return sprintf('%' + verb, [v]);
}
