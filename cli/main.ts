#!/usr/bin/env node
/**
 * The one CLI: `dpu-gitops <command> [args]`. Each command lives in its own file and exports
 * `run(argv, io) -> exit code`; this file only dispatches, prints usage, and turns unexpected
 * exceptions into one clear stderr line instead of a stack trace.
 */
import './compile-cache.js';
import { commands } from './commands.js';
import { processIO, type CliIO } from './io.js';
import { packageVersion } from './version.js';

const usage = (): string =>
  [
    'Usage: dpu-gitops <command> [arguments]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(18)} ${c.summary}`),
    '',
    'Run `dpu-gitops <command> --help` for the arguments of a command; `dpu-gitops --version` prints the version.',
    '',
  ].join('\n');

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === 'version') {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`Error: unknown command "${name}" for "dpu-gitops"\n\n${usage()}`);
    return 2;
  }
  return command.run(rest, io);
}

main(process.argv.slice(2), processIO).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`Error: internal error: ${message}\n`);
    process.exitCode = 70;
  },
);
