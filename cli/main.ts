#!/usr/bin/env node
/**
 * The process entry of `dpu-gitops`. ArgoCD starts a fresh `dpu-gitops generate` for every
 * manifest request, and with the render server that process only forwards the run over a socket,
 * so `generate` (and a served `template`) goes straight to its command code (which the bundle
 * builds into this one file: scripts/bundle-options.mjs) without the command table; every other
 * command goes through cli.ts.
 * Unexpected exceptions become one clear stderr line instead of a stack trace.
 */
import './compile-cache.js';
import { runGenerateCommand, runServedTemplate } from './generate-command.js';
import { processIO } from './io.js';

async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const ctx = { env: process.env, cwd: process.cwd(), entryScript: process.argv[1] };
  // The same call as the command table's `generate` entry (commands.ts), without loading the table.
  if (name === 'generate') return runGenerateCommand(rest, processIO, ctx);
  // `template` goes to the render server when one is named (as generate); else the table runs it.
  if (name === 'template') {
    const served = await runServedTemplate(rest, processIO, ctx);
    if (served !== undefined) return served;
  }
  return (await import('./cli.js')).main(argv, processIO);
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`error: internal error: ${message}\n`);
    process.exitCode = 70;
  },
);
