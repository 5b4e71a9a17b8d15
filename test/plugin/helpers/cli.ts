// Runs the plugin's CLI commands as the sidecar does, through the command registry (so
// `generate` runs isolated in a worker with its deadline, exactly as `dpu-gitops generate`):
//   node --import tsx test/plugin/helpers/cli.ts generate|discover|parameters [args]
import { commands } from '../../../cli/commands.js';
import { processIO } from '../../../cli/io.js';

const [cmd, ...rest] = process.argv.slice(2);
const command = ['generate', 'discover', 'parameters'].includes(cmd ?? '') ? commands.find((c) => c.name === cmd) : undefined;
if (!command) {
  process.stderr.write(`usage: cli.ts generate|discover|parameters\n`);
  process.exitCode = 2;
} else {
  command.run(rest, processIO).then((code) => (process.exitCode = code), (err: unknown) => {
    process.stderr.write(`internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 70;
  });
}
