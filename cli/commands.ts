/**
 * The registered subcommands. Only working commands are listed: each entry points at the file
 * that implements it.
 */
import type { CliIO } from './io.js';
import { runTemplate } from './template.js';
import { run as runGenerate } from './generate.js';
import { run as runDiscover } from './discover.js';
import { run as runParameters } from './parameters.js';

export interface Command {
  name: string;
  summary: string;
  run: (argv: string[], io: CliIO) => Promise<number>;
}

export const commands: readonly Command[] = [
  {
    name: 'generate',
    summary: 'ArgoCD CMP: render the DPUServices of an app directory to one YAML stream',
    run: (argv, io) => runGenerate(argv, io),
  },
  {
    name: 'discover',
    summary: 'ArgoCD CMP discovery: print the files that hold DPUServices (nothing = no match)',
    run: (argv, io) => runDiscover(argv, io),
  },
  {
    name: 'parameters',
    summary: 'ArgoCD CMP dynamic parameters: the parameter announcement as JSON',
    run: (argv, io) => runParameters(argv, io),
  },
  {
    name: 'template',
    summary: 'render a Helm chart exactly as `helm template` (v3.17.3) prints it',
    run: runTemplate,
  },
];
