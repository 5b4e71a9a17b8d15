/**
 * `dpu-gitops completion`: the scripts parse (bash -n, zsh -n where zsh is installed) and, run
 * in a real bash with COMP_WORDS set as bash's completion sets it, answer what was typed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { commands } from '../../cli/commands.js';
import { bashScript, completionSpecs, flagsOfHelp, run, zshScript, type CompletableCommand } from '../../cli/completion.js';
import { captureIO } from '../../cli/io.js';

const noZsh = spawnSync('sh', ['-c', 'command -v zsh']).status !== 0 ? 'zsh is not installed' : false;

const FAKE: CompletableCommand[] = [
  { name: 'generate', summary: "render: one app's DPUServices", run: async (_a, io) => (io.stdout('Usage: x [APP_DIR] [--app-dir DIR]\n  --config FILE   a\n  --no-config     b, --disable RULE\n'), 0) },
  { name: 'lint', summary: 'check', run: async (_a, io) => (io.stdout('  -f, --values FILE\n      --strict\n'), 0) },
];

function script(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'completion-'));
  writeFileSync(join(dir, 'script'), text);
  return join(dir, 'script');
}

/** COMPREPLY for the words typed so far (the last one is being completed), from a real bash. */
function complete(file: string, words: string[]): string[] {
  const r = spawnSync('bash', ['-c', `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _dpu_gitops; printf '%s\\n' "\${COMPREPLY[@]}"`, 'bash', file, ...words], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter((l) => l !== '');
}

test('flags are read from help texts: at line starts and after spaces, commas, [ | (', () => {
  assert.deepEqual(flagsOfHelp('Usage: x [--app-dir DIR] (--a|--b)\n  -h, --help  this\n--top\nnot-a--flag'), ['--a', '--app-dir', '--b', '--help', '--top']);
});

test('bash: commands, then the flags of the command being typed, then fixed words', async () => {
  const file = script(bashScript('dpu-gitops', await completionSpecs(FAKE)));
  assert.equal(spawnSync('bash', ['-n', file]).status, 0);
  assert.deepEqual(complete(file, ['dpu-gitops', 'ge']), ['generate']);
  assert.deepEqual(complete(file, ['dpu-gitops', 'c']), ['completion']);
  assert.deepEqual(complete(file, ['dpu-gitops', 'generate', '--no']), ['--no-config']);
  assert.deepEqual(complete(file, ['dpu-gitops', 'generate', 'x', '--d']), ['--disable']);
  assert.deepEqual(complete(file, ['dpu-gitops', 'lint', '--']), ['--strict', '--values']);
  assert.deepEqual(complete(file, ['dpu-gitops', 'completion', 'z']), ['zsh']);
});

test('zsh: the script parses', { skip: noZsh }, async () => {
  const file = script(zshScript('dpu-gitops', await completionSpecs(FAKE)));
  const r = spawnSync('zsh', ['-n', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('the real command table: every command is offered, generate with its new flags', async () => {
  const io = captureIO();
  assert.equal(await run(['bash'], io, commands), 0, io.err());
  const file = script(io.out());
  assert.equal(spawnSync('bash', ['-n', file]).status, 0);
  assert.deepEqual(complete(file, ['dpu-gitops', '']).sort(), [...commands.map((c) => c.name), '--help', '--version'].sort());
  const generateFlags = complete(file, ['dpu-gitops', 'generate', '--']);
  for (const f of ['--config', '--no-config', '--disable', '--app-dir', '--chart-path']) assert.ok(generateFlags.includes(f), f);
  assert.deepEqual(complete(file, ['dpu-gitops', 'discover', '--']), ['--app-dir', '--help']);
  const zsh = captureIO();
  assert.equal(await run(['zsh'], zsh, commands), 0);
  assert.match(zsh.out(), /^#compdef dpu-gitops\n/);
  assert.match(zsh.out(), /'generate:ArgoCD CMP\\: render the DPUServices/);
});

test('anything but one of bash|zsh is a usage error', async () => {
  for (const argv of [[], ['fish'], ['bash', 'zsh']]) {
    const io = captureIO();
    assert.equal(await run(argv, io, FAKE), 2);
    assert.match(io.err(), /^error: completion needs one shell, bash or zsh/);
  }
});
