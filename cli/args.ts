/**
 * The argument prologue every node:util parseArgs-based command shares: parse strictly, answer a
 * parse error with `error: ...` + usage on stderr (exit 2), answer `--help` with the usage on
 * stdout (exit 0). Commands get back the parsed flags, or the exit code to return at once.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CliIO } from './io.js';

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** The options table each usage text was parsed with, so a test can hold a help against what its command accepts. */
const tablesByUsage = new Map<string, OptionsConfig>();

/** The flags (`--long` and `-s`) of the options table parsed with this usage text, once the command has run. */
export function flagsAcceptedFor(usage: string): string[] | undefined {
  const table = tablesByUsage.get(usage);
  if (!table) return undefined;
  return Object.entries(table).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]).sort();
}
type Parsed<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true }>>;

export function parseCommandArgs<const O extends OptionsConfig>(
  argv: string[],
  options: O,
  usage: string,
  io: Pick<CliIO, 'stdout' | 'stderr'>,
  { allowPositionals = true }: { allowPositionals?: boolean } = {},
): { values: Parsed<O>['values']; positionals: string[] } | number {
  tablesByUsage.set(usage, options);
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: allowPositionals as true });
  } catch (err) {
    io.stderr(`error: ${err instanceof Error ? err.message : String(err)}\n\n${usage}`);
    return 2;
  }
  if ((parsed.values as Record<string, unknown>).help === true) {
    io.stdout(usage);
    return 0;
  }
  return { values: parsed.values, positionals: parsed.positionals };
}
