/**
 * The argument prologue every node:util parseArgs-based command shares: parse strictly, answer a
 * parse error with `Error: ...` + usage on stderr (exit 2), answer `--help` with the usage on
 * stdout (exit 0). Commands get back the parsed flags, or the exit code to return at once.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CliIO } from './io.js';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true }>>;

export function parseCommandArgs<const O extends OptionsConfig>(
  argv: string[],
  options: O,
  usage: string,
  io: Pick<CliIO, 'stdout' | 'stderr'>,
  { allowPositionals = true }: { allowPositionals?: boolean } = {},
): { values: Parsed<O>['values']; positionals: string[] } | number {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: allowPositionals as true });
  } catch (err) {
    io.stderr(`Error: ${err instanceof Error ? err.message : String(err)}\n\n${usage}`);
    return 2;
  }
  if ((parsed.values as Record<string, unknown>).help === true) {
    io.stdout(usage);
    return 0;
  }
  return { values: parsed.values, positionals: parsed.positionals };
}
