/** text/template's html, js and urlquery escapers. (Being filled in; signatures are final.) */
import type { GoValue } from './value.js';

export function htmlEscapeString(s: string): string { throw new Error('not yet ' + s); }
export function jsEscapeString(s: string): string { throw new Error('not yet ' + s); }
export function htmlEscaper(args: readonly GoValue[]): string { throw new Error('not yet ' + args.length); }
export function jsEscaper(args: readonly GoValue[]): string { throw new Error('not yet ' + args.length); }
export function urlQueryEscaper(args: readonly GoValue[]): string { throw new Error('not yet ' + args.length); }
