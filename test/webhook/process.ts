/**
 * The webhook as its own process (`cli/webhook.ts` under tsx), for tests that need the real
 * process: signals, exit status, flags read at start. Resolves once it logs "webhook listening".
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface WebhookProcess {
  port: number;
  child: ChildProcess;
  /** Everything the process wrote to stdout so far (its pino log). */
  stdout(): string;
  /** SIGTERM, then its exit status. */
  stop(): Promise<number | null>;
}

const SCRIPT = `import { run } from './cli/webhook.ts'; process.exitCode = await run(process.argv.slice(1), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });`;

export async function startWebhookProcess(argv: readonly string[]): Promise<WebhookProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT, '--', ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /"port":(\d+).*"msg":"webhook listening"/.exec(stdout);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${stdout}`)));
  });
  return {
    port,
    child,
    stdout: () => stdout,
    stop: () => {
      child.kill('SIGTERM');
      return exit;
    },
  };
}
