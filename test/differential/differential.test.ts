/**
 * Differential test: every case under cases/ runs through our `template` command in-process and
 * must reproduce what real helm v3.17.3 recorded (scripts/record-golden.sh): stdout byte for
 * byte (output strings are Go strings, compared with the recorded bytes read as Go strings), the exit code, the first `Error:` line and the rest of stderr. With
 * DPU_GITOPS_LIVE_HELM=1 the case is also run through the live helm binary and compared with it.
 * Cases listed in known-differences.json must still differ (the test fails once one matches,
 * so that the list stays honest); their reason is printed as a diagnostic.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTemplate } from '../../cli/template.js';
import { goStringFromBytes } from '../../helm/template/gostring.js';

const here = dirname(fileURLToPath(import.meta.url));
const casesDir = join(here, 'cases');
const knownDifferences: Record<string, string> = JSON.parse(
  readFileSync(join(here, 'known-differences.json'), 'utf8'),
);
const live = process.env.DPU_GITOPS_LIVE_HELM === '1';
const helmV3 = join(process.env.HELM_BINS ?? '/tmp/helm-bins', 'v3', 'helm');

interface Outcome {
  stdout: string;
  stderr: string;
  exit: number;
}

/** The `args` file: one argument per line, the file's final newline ends the last one. */
function readArgs(caseDir: string): string[] {
  const text = readFileSync(join(caseDir, 'args'), 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Recorded bytes as Go strings (helm/template/gostring.ts): bytes that are not UTF-8 stay
 * distinguishable, so comparing with our output is comparing the bytes written.
 */
function recorded(caseDir: string): Outcome {
  return {
    stdout: goStringFromBytes(readFileSync(join(caseDir, 'expected.stdout'))),
    stderr: goStringFromBytes(readFileSync(join(caseDir, 'expected.stderr'))),
    exit: Number(readFileSync(join(caseDir, 'expected.exit'), 'utf8').trim()),
  };
}

/** Runs our command from the case directory, as the recorder runs helm (relative paths). */
async function runOurs(caseDir: string, args: string[]): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const previous = process.cwd();
  process.chdir(caseDir);
  try {
    const exit = await runTemplate(args, { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s) });
    return { stdout: out.join(''), stderr: err.join(''), exit };
  } finally {
    process.chdir(previous);
  }
}

/** Runs real helm v3 exactly as scripts/record-golden.sh does. */
function runLiveHelm(caseDir: string, args: string[]): Outcome {
  const home = mkdtempSync(join(tmpdir(), 'dpu-gitops-helm-'));
  try {
    const r = spawnSync(helmV3, ['template', ...args], {
      cwd: caseDir,
      maxBuffer: 64 * 1024 * 1024,
      env: {
        PATH: '/usr/bin:/bin',
        HOME: home,
        HELM_CONFIG_HOME: join(home, 'config'),
        HELM_CACHE_HOME: join(home, 'cache'),
        HELM_DATA_HOME: join(home, 'data'),
        KUBECONFIG: join(home, 'no-kubeconfig'),
      },
    });
    return { stdout: goStringFromBytes(r.stdout), stderr: goStringFromBytes(r.stderr), exit: r.status ?? -1 };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function firstErrorLine(stderr: string): string | undefined {
  return stderr.split('\n').find((line) => line.startsWith('Error:'));
}

function assertSame(actual: Outcome, expected: Outcome, against: string): void {
  assert.equal(actual.stdout, expected.stdout, `stdout differs from ${against}`);
  assert.equal(actual.exit, expected.exit, `exit code differs from ${against}`);
  assert.equal(firstErrorLine(actual.stderr), firstErrorLine(expected.stderr), `Error: line differs from ${against}`);
  assert.equal(actual.stderr, expected.stderr, `stderr differs from ${against}`);
}

const caseNames = readdirSync(casesDir)
  .filter((name) => existsSync(join(casesDir, name, 'args')))
  .sort();

test('the corpus is present', () => {
  assert.ok(caseNames.length >= 65, `expected at least 65 cases, found ${caseNames.length}`);
  for (const name of Object.keys(knownDifferences)) {
    assert.ok(caseNames.includes(name), `known-differences.json names a missing case: ${name}`);
  }
});

for (const name of caseNames) {
  const caseDir = join(casesDir, name);
  const reason = knownDifferences[name];
  test(name, async (t) => {
    const args = readArgs(caseDir);
    const ours = await runOurs(caseDir, args);
    if (reason === undefined) {
      assertSame(ours, recorded(caseDir), 'recorded helm v3.17.3');
      if (live) assertSame(ours, runLiveHelm(caseDir, args), 'live helm v3');
      return;
    }
    // A known difference must still be one, so the list cannot go stale.
    t.diagnostic(`known difference: ${reason}`);
    assert.throws(
      () => assertSame(ours, recorded(caseDir), 'recorded helm v3.17.3'),
      `${name} now matches helm: remove it from known-differences.json`,
    );
  });
}
