/**
 * The registered subcommands. Only working commands are listed: each entry points at the file
 * that implements it.
 */
import type { CliIO } from './io.js';
import { runTemplate } from './template.js';
import { run as runGenerate } from './generate.js';
import { run as runDiscover } from './discover.js';
import { run as runParameters } from './parameters.js';
import { run as runLint } from './lint.js';
import { run as runWebhook } from './webhook.js';
import { run as runInstallManifests } from './install-manifests.js';
import { run as runRenderStartup } from './render-startup.js';
import { run as runPreview } from './preview.js';

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
    name: 'render-startup',
    summary: 'render one startupYAMLJ2 template for one DPU context (Jinja2, as the DPU would) to stdout',
    run: (argv, io) => runRenderStartup(argv, io),
  },
  {
    name: 'preview',
    summary: "show one DPU's matched patterns, merged values, addresses and rendered startup config",
    run: (argv, io) => runPreview(argv, io),
  },
  {
    name: 'lint',
    summary: 'check charts, DPUService and extension-service files against the DPF contract',
    run: (argv, io) => runLint(argv, io),
  },
  {
    name: 'webhook',
    summary: 'serve the validating admission webhook (HTTPS, AdmissionReview v1)',
    run: (argv, io) => runWebhook(argv, io),
  },
  {
    name: 'install-manifests',
    summary: 'print the Kubernetes manifests that install the CMP sidecar and/or the webhook',
    run: (argv, io) => runInstallManifests(argv, io),
  },
  {
    name: 'template',
    summary: 'render a Helm chart exactly as `helm template` (v3.17.3) prints it',
    run: runTemplate,
  },
];
