/**
 * The one CLI: `dpu-gitops <command> [args]`. Each command lives in its own file and exports
 * `run(argv, io) -> exit code`; this file only dispatches and prints usage. The process entry is
 * main.ts, which sends `generate` (ArgoCD's per-request command) straight to its own code and
 * everything else here.
 */
import { commands } from './commands.js';
import type { CliIO } from './io.js';
import { packageVersion } from './version.js';

const usage = (): string =>
  [
    'Usage: dpu-gitops <command> [arguments]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(18)} ${c.summary}`),
    '',
    'Run `dpu-gitops <command> --help` for the arguments of a command; `dpu-gitops --version` prints the version.',
    'stderr: text on a terminal, JSON records otherwise (each command\'s --log-format; docs/output.md).',
    '',
    'Exit status: 0 done; 1 a problem with the input (on stderr); 2 a usage error (no or an unknown',
    'command, a bad flag); 70 an internal error. Each command\'s --help names its own.',
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
    io.stderr(`error: unknown command "${name}" for "dpu-gitops"\n\n${usage()}`);
    return 2;
  }
  return command.run(rest, io);
}
