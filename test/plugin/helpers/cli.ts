// Runs the plugin's CLI commands as the sidecar would (until cli/main.ts dispatches them):
//   node --import tsx test/plugin/helpers/cli.ts generate|discover|parameters [args]
import { run as runDiscover } from '../../../cli/discover.js';
import { run as runGenerate } from '../../../cli/generate.js';
import { run as runParameters } from '../../../cli/parameters.js';

const io: { stdout(s: string): void; stderr(s: string): void } = { stdout: (s: string) => void process.stdout.write(s), stderr: (s: string) => void process.stderr.write(s) };
const [cmd, ...rest] = process.argv.slice(2);
const commands: Record<string, (argv: string[], io: { stdout(s: string): void; stderr(s: string): void }) => Promise<number>> = { generate: runGenerate, discover: runDiscover, parameters: runParameters };
const command = cmd === undefined ? undefined : commands[cmd];
if (!command) {
  process.stderr.write(`usage: cli.ts generate|discover|parameters\n`);
  process.exitCode = 2;
} else {
  command(rest, io).then((code) => (process.exitCode = code), (err: unknown) => {
    process.stderr.write(`internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 70;
  });
}
