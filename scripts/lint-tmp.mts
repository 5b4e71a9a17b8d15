import { run } from '../cli/lint.ts';
const code = await run(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
console.log('exit', code);
