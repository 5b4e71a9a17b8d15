/**
 * The registered subcommands. Only working commands are listed: each entry points at the file
 * that implements it, imported when the command runs (a process loads only its own command).
 * `generate`, `lint` and `render-startup` render untrusted charts or templates: they run in a
 * worker thread with a heap limit and a deadline that stops the work (cli/isolated-command.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIO } from './io.js';
import { isolationFromEnv } from './isolation-settings.js';

/** The worker machinery (node:worker_threads) loads only when an isolated command runs, not for --help. */
const runIsolatedCommand = async (...args: Parameters<typeof import('./isolated-command.js').runIsolatedCommand>): Promise<number> =>
  (await import('./isolated-command.js')).runIsolatedCommand(...args);

export interface Command {
  name: string;
  summary: string;
  run: (argv: string[], io: CliIO) => Promise<number>;
}

/** Whole-run deadline of render-startup: one template, one DPU. */
export const RENDER_STARTUP_DEADLINE_SECONDS = 60;
/** Whole-run deadline of lint: CI jobs lint many charts; a hostile one must still end. */
export const LINT_DEADLINE_SECONDS = 600;
/** Whole-run deadline of diff: two renders of a repository in a CI job. */
export const DIFF_DEADLINE_SECONDS = 600;

export const commands: readonly Command[] = [
  {
    name: 'generate',
    summary: 'ArgoCD CMP: render the DPUServices of an app directory to one YAML stream',
    run: async (argv, io) =>
      (await import('./generate-command.js')).runGenerateCommand(argv, io, { env: process.env, cwd: process.cwd(), entryScript: process.argv[1] }),
  },
  {
    name: 'discover',
    summary: 'ArgoCD CMP discovery: print the files that hold DPUServices (nothing = no match)',
    run: async (argv, io) => (await import('./discover.js')).run(argv, io),
  },
  {
    name: 'parameters',
    summary: 'ArgoCD CMP dynamic parameters: the parameter announcement as JSON',
    run: async (argv, io) => (await import('./parameters.js')).run(argv, io),
  },
  {
    name: 'render-startup',
    summary: 'render one startupYAMLJ2 template for one DPU context (Jinja2, as the DPU would) to stdout',
    run: (argv, io) => runIsolatedCommand('render-startup', argv, io, isolationFromEnv(process.env, { deadlineSeconds: RENDER_STARTUP_DEADLINE_SECONDS, stoppedExitCode: 1 })),
  },
  {
    name: 'preview',
    summary: "show one DPU's matched patterns, merged values, addresses and rendered startup config",
    run: async (argv, io) => (await import('./preview.js')).run(argv, io),
  },
  {
    name: 'diff',
    summary: 'render two trees (git revisions or directories) and report what changes: objects, per DPU, rollout, findings',
    run: async (argv, io) => {
      // in a worker with a heap limit and a deadline (it renders a pull request's charts); the
      // revisions go to a directory removed here, so a stopped run leaves nothing behind
      const tmp = mkdtempSync(join(process.getBuiltinModule('node:os').tmpdir(), 'dpu-gitops-diff-run-'));
      try {
        const env = { ...process.env, DPU_GITOPS_DIFF_TMPDIR: tmp, DPU_GITOPS_DIFF_STDOUT_TTY: process.stdout.isTTY ? '1' : '0' };
        return await runIsolatedCommand('diff', argv, io, isolationFromEnv(process.env, { deadlineSeconds: DIFF_DEADLINE_SECONDS, stoppedExitCode: 2 }), { env });
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'lint',
    summary: 'check charts, DPUService and extension-service files against the DPF contract',
    run: (argv, io) => runIsolatedCommand('lint', argv, io, isolationFromEnv(process.env, { deadlineSeconds: LINT_DEADLINE_SECONDS, stoppedExitCode: 2 })),
  },
  {
    name: 'render-server',
    summary: 'keep a warm render process for the CMP sidecar (see DPU_GITOPS_RENDER_SERVER)',
    run: async (argv, io) => (await import('./render-server.js')).run(argv, io),
  },
  {
    name: 'webhook',
    summary: 'serve the validating admission webhook (HTTPS, AdmissionReview v1)',
    run: async (argv, io) => (await import('./webhook.js')).run(argv, io),
  },
  {
    name: 'install-manifests',
    summary: 'print the Kubernetes manifests that install the CMP sidecar and/or the webhook',
    run: async (argv, io) => (await import('./install-manifests.js')).run(argv, io),
  },
  {
    name: 'template',
    summary: 'render a Helm chart exactly as `helm template` (v3.17.3) prints it',
    run: async (argv, io) => (await import('./template.js')).runTemplate(argv, io),
  },
  {
    name: 'completion',
    summary: 'print a shell completion script (bash or zsh) made from this command table',
    run: async (argv, io) => (await import('./completion.js')).run(argv, io, commands),
  },
];
