/**
 * Re-running `helm template` with a larger stack. Go's goroutine stacks grow to 1 GB, so helm
 * renders charts whose `include`s nest up to its limit of 1000; the JavaScript main thread's
 * stack holds about half of that. When a render runs out of stack, the command is repeated in
 * a worker thread with a 256 MB stack; the common case never pays for the worker.
 */
import { workerThreads } from '../on-demand.js';
import { siblingModule } from '../../isolation/module-url.js';
import type { TemplateCommandOptions, TemplateCommandResult } from './template-command.js';

/** The worker's stack size: enough for helm's include limit with room to spare. */
export const DEEP_STACK_MB = 256;

// The worker imports template-command from source under tsx (tests) or from dist (built CLI).
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
(async () => {
  if (workerData.tsxLoader) (await import(workerData.tsxLoader)).register();
  const { renderTemplateCommand } = await import(workerData.module);
  parentPort.postMessage(renderTemplateCommand(workerData.options));
})().catch((e) => parentPort.postMessage({ crash: String(e && e.stack || e) }));
`;

/** renderTemplateCommand in a worker with a DEEP_STACK_MB stack. */
export async function renderTemplateCommandDeep(options: TemplateCommandOptions): Promise<TemplateCommandResult> {
  const fromSource = import.meta.url.endsWith('.ts');
  const worker = new (workerThreads().Worker)(WORKER_SOURCE, {
    eval: true,
    resourceLimits: { stackSizeMb: DEEP_STACK_MB },
    workerData: {
      options,
      // Next to this module; in the bundle, the template-command entry (isolation/module-url.ts).
      module: siblingModule(import.meta.url, './template-command.js').href,
      tsxLoader: fromSource ? import.meta.resolve('tsx/esm/api') : undefined,
    },
  });
  try {
    const message = await new Promise<TemplateCommandResult | { crash: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    if ('crash' in message) throw new Error(`render worker failed: ${message.crash}`);
    return message;
  } finally {
    await worker.terminate();
  }
}
