/**
 * The registered subcommands. Only working commands are listed: each entry points at the file
 * that implements it.
 */
import type { CliIO } from './io.js';
import { runTemplate } from './template.js';

export interface Command {
  name: string;
  summary: string;
  run: (argv: string[], io: CliIO) => Promise<number>;
}

export const commands: readonly Command[] = [
  {
    name: 'template',
    summary: 'render a Helm chart exactly as `helm template` (v3.17.3) prints it',
    run: runTemplate,
  },
];
