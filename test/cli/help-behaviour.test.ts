/**
 * Help is true (issue 15 item 6): every command of the table answers --help with its usage and
 * exit statuses, and every flag its help documents behaves as documented: it is known, a value
 * flag without its value is a usage error naming it, each listed choice is taken and an
 * unlisted one refused naming the choices, each stated range is taken at both ends and refused
 * just outside. The reverse: every flag a command accepts is documented. And completion offers
 * exactly the documented flags.
 *
 * Each command runs with arguments that stop it right after parsing with an error of its own
 * (a missing path, a bad label): a flag is "taken" when adding it leaves that outcome as it was.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { flagsAcceptedFor } from '../../cli/args.js';
import { RULE_IDS } from '../../contract/index.js';
import { commands } from '../../cli/commands.js';
import { captureIO } from '../../cli/io.js';
import { completionSpecs } from '../../cli/completion.js';
import { DIFF_OPTIONS } from '../../cli/diff.js';
import { templateFlagsAccepted } from '../../cli/template.js';
import { documentedFlags, mentionedFlags, type DocumentedFlag } from './helpers/help-flags.js';
import { inProcessTable, runInProcess, workerCommandNames, type CommandRun } from './helpers/in-process-commands.js';

const NX = '/nonexistent-dpu-gitops-help-test';
const scratch = mkdtempSync(join(tmpdir(), 'help-behaviour-'));
const emptyConfig = join(scratch, 'dpu-gitops.yaml');
writeFileSync(emptyConfig, '# no settings\n');
const ctx = { env: { PATH: process.env.PATH }, cwd: NX };
after(() => rmSync(scratch, { recursive: true, force: true }));

interface CommandCase {
  /** Arguments that stop the command right after parsing, with an error of its own. */
  baseline: string[];
  /** Per flag, other stopping arguments (a flag that belongs to a group, or changes where it stops). */
  baselineFor?: Record<string, string[]>;
  /** The exit status of a usage error (template keeps helm's 1). */
  usageExit: number;
  /** Every status the command can exit with, each named by the help's "Exit status" paragraph. */
  exits: number[];
  /** Values for flags whose metavar alone does not give a usable one. */
  values?: Record<string, string>;
  /** Flags (or flag=value) that lead elsewhere than the baseline's stop, and why. */
  leadsElsewhere?: Record<string, string>;
}

const WEBHOOK = ['--cert', NX, '--key', NX, '--worker-memory-mb', '1'];

const CASES: Record<string, CommandCase> = {
  generate: { baseline: [], usageExit: 2, exits: [0, 1, 2], values: { '--app-dir': NX, '--config': emptyConfig } },
  discover: { baseline: ['--app-dir', NX], usageExit: 2, exits: [0, 1, 2], values: { '--app-dir': NX } },
  parameters: { baseline: ['--app-dir', NX], usageExit: 2, exits: [0, 2] },
  'render-startup': {
    baseline: [`${NX}/t.j2`, '-c', `${NX}/c.yaml`],
    // a group: the stop of the whole group (the flag given again with another value)
    baselineFor: { '--shards': [`${NX}/t.j2`, '--dpu', 'x', '--shards', `${NX}/s.yaml`], '--dpu': [`${NX}/t.j2`, '--shards', `${NX}/s.yaml`, '--dpu', 'x'] },
    usageExit: 2,
    exits: [0, 1, 2],
  },
  preview: { baseline: [NX, '--dpu', 'x', '--inventory', `${NX}/i.yaml`], baselineFor: { '--kubeconfig': [NX, '--dpu', 'x'] }, usageExit: 2, exits: [0, 1, 2] },
  diff: {
    baseline: ['--base-dir', NX, '--head-dir', NX],
    baselineFor: { '--base': ['--base', 'HEAD'], '--head': ['--base', 'HEAD'] },
    usageExit: 2,
    exits: [0, 1, 2],
    values: { '--base-dir': NX, '--head-dir': NX },
  },
  lint: { baseline: [NX], usageExit: 2, exits: [0, 1, 2], leadsElsewhere: { '--output=helm': 'helm lint output: its own path, charts only', '--format=helm': 'the same as --output helm' } },
  'render-server': { baseline: ['--socket', '/dev/null/s.sock'], usageExit: 2, exits: [0, 2], values: { '--socket': '/dev/null/s.sock' } },
  webhook: {
    baseline: WEBHOOK,
    baselineFor: {
      // stops at the last check instead: chart timeout not below the review timeout
      '--worker-memory-mb': ['--cert', NX, '--key', NX, '--chart-timeout', '9000', '--review-timeout', '8000'],
      '--cross-object-checks': [...WEBHOOK, '--kubeconfig', `${NX}/kubeconfig`],
    },
    usageExit: 2,
    exits: [0, 1, 2],
  },
  'install-manifests': { baseline: ['--exclude-namespace', 'Bad_NS'], usageExit: 2, exits: [0, 1, 2] },
  template: { baseline: [NX], usageExit: 1, exits: [0, 1] },
  completion: { baseline: ['fish'], usageExit: 2, exits: [0, 2] },
};

/** A pino record as the text line it stands for (`error: msg`), so --log-format does not change where a run stops. */
function asText(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const record = JSON.parse(line) as { level?: number; msg?: string };
    return `${(record.level ?? 0) >= 50 ? 'error' : (record.level ?? 0) >= 40 ? 'warning' : 'info'}: ${record.msg ?? ''}`;
  } catch {
    return line;
  }
}

/** What a run stopped at: its status and first stderr line that is not a warning. */
function stop(r: CommandRun): string {
  const line = r.err.split('\n').map(asText).find((l) => l.trim() !== '' && !/^(warning|info): /.test(l)) ?? '';
  return `${r.code} ${line}`;
}

/** Flags of the same name take the same kind of value in every command. */
const COMMON_VALUES: Record<string, string> = {
  '--config': emptyConfig,
  '--log-level': 'warn',
  '--kube-version': 'v1.32.0',
};

const PATH_METAVARS = /^(FILE|DIR|PATH)(\.[a-z]+)?$/;
const NUMBER_METAVARS = /^(N|MS|SECONDS|BYTES|MB)$/;

/** A value the flag's metavar describes: a path that does not exist, a number, a REF=PATH pair, a word. */
function sampleValue(flag: DocumentedFlag, c: CommandCase): string {
  const given = c.values?.[flag.long];
  if (given !== undefined) return given;
  if (flag.choices) return flag.choices[0]!;
  if (flag.range) return String(flag.range.min);
  const common = COMMON_VALUES[flag.long];
  if (common !== undefined) return common;
  const metavar = flag.metavar!;
  if (NUMBER_METAVARS.test(metavar)) return flag.defaultValue !== undefined && /^\d+$/.test(flag.defaultValue) ? flag.defaultValue : '2';
  // a directory that exists (checked early by some commands); a file that does not
  if (metavar === 'DIR') return scratch;
  if (PATH_METAVARS.test(metavar)) return `${NX}/${metavar.toLowerCase()}`;
  if (metavar === 'RULE') return RULE_IDS[0]!;
  if (metavar.includes('=')) return 'ref=value';
  return flag.defaultValue ?? 'x1';
}

const helps = new Map<string, string>();
async function helpOf(name: string): Promise<string> {
  if (!helps.has(name)) helps.set(name, (await runInProcess(name, ['--help'], ctx)).out);
  return helps.get(name)!;
}

const run = (name: string, argv: string[]): Promise<CommandRun> => runInProcess(name, argv, ctx);

const mentions = (text: string, flag: string): boolean => new RegExp(`(^|[^a-z-])${flag.replace(/-/g, '\\-')}($|[^a-z-])`).test(text);

test('the test covers every command of the table, and its in-process runs are the table\'s', async () => {
  assert.deepEqual(Object.keys(CASES).sort(), commands.map((c) => c.name).sort());
  // the worker commands run here through the worker's entry: their help through the table (a
  // real worker) is the same text
  const viaTable = await Promise.all(
    workerCommandNames.map(async (name) => {
      const out: string[] = [];
      const code = await commands.find((c) => c.name === name)!.run(['--help'], { stdout: (t) => void out.push(t), stderr: () => undefined });
      return { name, code, out: out.join('') };
    }),
  );
  for (const r of viaTable) assert.deepEqual(r, { name: r.name, code: 0, out: await helpOf(r.name) });
});

for (const [name, c] of Object.entries(CASES)) {
  test(`${name} --help: usage on stdout, exit 0, every exit status named`, async () => {
    const r = await run(name, ['--help']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    assert.match(r.out, /^(Usage: dpu-gitops |Render chart templates)/);
    const at = r.out.search(/(^|\n)Exit status: /);
    assert.ok(at >= 0, `${name} --help has no "Exit status:" paragraph`);
    const status = r.out.slice(at).trim().split('\n\n')[0]!;
    for (const code of c.exits) assert.match(status, new RegExp(`\\b${code}\\b`), `${name}: exit status ${code} is not named in "${status}"`);
    assert.deepEqual(
      mentionedFlags(r.out).filter((f) => !documentedFlags(r.out).some((d) => d.long === f)),
      [],
      `${name} --help mentions flags it does not define`,
    );
  });

  test(`${name}: every documented flag is taken, and its values and ranges as documented`, async () => {
    const help = await helpOf(name);
    const flags = documentedFlags(help).filter((f) => f.long !== '--help');
    const outcomes = new Map<string, string>();
    const baselineOf = async (flag: string): Promise<{ argv: string[]; stop: string }> => {
      const argv = c.baselineFor?.[flag] ?? c.baseline;
      const key = argv.join('\0');
      if (!outcomes.has(key)) outcomes.set(key, stop(await run(name, argv)));
      return { argv, stop: outcomes.get(key)! };
    };
    const problems: string[] = [];
    const taken = async (flag: DocumentedFlag, form: string, value: string | undefined): Promise<void> => {
      const base = await baselineOf(flag.long);
      const argv = [...base.argv, form, ...(value !== undefined ? [value] : [])];
      const r = await run(name, argv);
      const shown = `${name} ${argv.join(' ')}`;
      if (/unknown (flag|option|shorthand)/i.test(r.err)) problems.push(`${shown}: refused as unknown: ${r.err.split('\n')[0]}`);
      else if (c.leadsElsewhere?.[`${flag.long}=${value}`] !== undefined || c.leadsElsewhere?.[flag.long] !== undefined) {
        if (r.code === c.usageExit && mentions(r.err.split('\n')[0]!, flag.long)) problems.push(`${shown}: refused: ${r.err.split('\n')[0]}`);
      } else if (stop(r) !== base.stop) problems.push(`${shown}: stopped at "${stop(r)}", not where ${base.argv.join(' ') || '(no arguments)'} stops: "${base.stop}"`);
    };
    const refused = async (flag: DocumentedFlag, value: string | undefined, naming: string[]): Promise<void> => {
      const base = await baselineOf(flag.long);
      const argv = [...base.argv, flag.long, ...(value !== undefined ? [value] : [])];
      const r = await run(name, argv);
      const shown = `${name} ${argv.join(' ')}`;
      if (r.code !== c.usageExit) problems.push(`${shown}: exit ${r.code}, not the usage error ${c.usageExit} (${r.err.split('\n')[0]})`);
      for (const word of naming) if (!r.err.includes(word)) problems.push(`${shown}: the error does not name ${word}: ${r.err.split('\n')[0]}`);
    };
    for (const flag of flags) {
      if (flag.metavar === undefined) {
        await taken(flag, flag.long, undefined);
        if (flag.short) await taken(flag, flag.short, undefined);
        continue;
      }
      const value = sampleValue(flag, c);
      await taken(flag, flag.long, value);
      if (flag.short) await taken(flag, flag.short, value);
      // the flag last, without its value
      await refused(flag, undefined, [flag.long.replace(/^--/, '')]);
      for (const choice of flag.choices ?? []) await taken(flag, flag.long, choice);
      if (flag.choices) await refused(flag, 'not-a-choice', flag.choices);
      if (flag.range) {
        await taken(flag, flag.long, String(flag.range.min));
        await refused(flag, String(flag.range.min - 1), [flag.long]);
        if (flag.range.max !== undefined) {
          await taken(flag, flag.long, String(flag.range.max));
          await refused(flag, String(flag.range.max + 1), [flag.long]);
        }
      }
    }
    assert.deepEqual(problems, []);
  });
}

test('completion: the shell is one of the documented bash|zsh', async () => {
  const usage = await helpOf('completion');
  const shells = /completion ([a-z]+(?:\|[a-z]+)+)/.exec(usage)![1]!.split('|');
  assert.deepEqual(shells, ['bash', 'zsh']);
  const { run: completion } = await import('../../cli/completion.js');
  const table = inProcessTable(ctx);
  for (const shell of shells) {
    const out: string[] = [];
    assert.equal(await completion([shell], { stdout: (t) => void out.push(t), stderr: () => undefined }, table), 0, shell);
    assert.ok(out.join('').includes('dpu-gitops'), shell);
  }
  const fish = await run('completion', ['fish']);
  assert.equal(fish.code, 2);
  assert.match(fish.err, /bash or zsh/);
});

/** What each command's parser accepts, where the command exposes it. */
async function acceptedFlags(name: string, help: string): Promise<string[] | undefined> {
  if (name === 'diff') return Object.entries(DIFF_OPTIONS).flatMap(([n, o]) => [`--${n}`, ...('short' in o ? [`-${o.short}`] : [])]).sort();
  if (name === 'template') return templateFlagsAccepted();
  if (name === 'completion') return ['--help', '-h'];
  // parseArgs commands register the options table they parsed --help with
  return flagsAcceptedFor(help);
}

test('the reverse: every flag a command accepts is in its help (generate: its documented flags are tried above)', async () => {
  const undocumented: string[] = [];
  for (const c of commands) {
    const help = await helpOf(c.name);
    const accepted = await acceptedFlags(c.name, help);
    if (accepted === undefined) {
      // generate's loop has no table: only its documented flags can be tried (above)
      assert.equal(c.name, 'generate', `${c.name} exposes no table of the flags it accepts`);
      continue;
    }
    const documented = new Set(documentedFlags(help).flatMap((f) => [f.long, ...(f.short ? [f.short] : [])]));
    for (const f of accepted) if (!documented.has(f)) undocumented.push(`${c.name} ${f}`);
  }
  assert.deepEqual(undocumented, []);
});

test('completion offers every flag each help documents, and no other', async () => {
  const specs = await completionSpecs(inProcessTable(ctx).filter((c) => c.name !== 'completion'));
  for (const c of commands) {
    const spec = specs.find((s) => s.name === c.name);
    assert.ok(spec, `completion has no entry for ${c.name}`);
    const documented = documentedFlags(await helpOf(c.name)).flatMap((f) => [f.long, ...(f.short ? [f.short] : [])]);
    assert.deepEqual([...spec.flags].sort(), [...new Set([...documented, ...mentionedFlags(await helpOf(c.name))])].sort(), c.name);
  }
});

test('dpu-gitops --help names the exit statuses; an unknown command is a usage error with the one error prefix', async () => {
  const { main } = await import('../../cli/cli.js');
  const help = captureIO();
  assert.equal(await main(['--help'], help), 0);
  const exit = /(^|\n)Exit status: ([^]*?)(\n\n|\n?$)/.exec(help.out());
  assert.ok(exit, help.out());
  for (const code of ['0', '1', '2', '70']) assert.match(exit[2]!, new RegExp(`\\b${code}\\b`), `exit ${code} named`);
  const none = captureIO();
  assert.equal(await main([], none), 2);
  const unknown = captureIO();
  assert.equal(await main(['nope'], unknown), 2);
  assert.match(unknown.err(), /^error: unknown command "nope" for "dpu-gitops"\n/);
});
