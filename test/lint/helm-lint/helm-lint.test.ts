/**
 * `dpu-gitops lint --format helm` against real `helm lint` v3.17.3: each case under cases/ was
 * recorded by scripts/record/helm-lint/record.sh (helm only); this replays the same arguments
 * through our CLI, from the case folder, and compares stdout, stderr and the exit status byte
 * for byte (the case folder's absolute path is written `@CASE@` in both).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../../cli/lint.js';

const casesDir = join(dirname(fileURLToPath(import.meta.url)), 'cases');
const cases = readdirSync(casesDir).filter((name) => existsSync(join(casesDir, name, 'args'))).sort();

test('the corpus is present', () => {
  assert.ok(cases.length >= 70, `${cases.length} cases`);
});

for (const name of cases) {
  test(name, async () => {
    const dir = join(casesDir, name);
    const args = readFileSync(join(dir, 'args'), 'utf8').split('\n').filter((l) => l !== '');
    const expected = (ext: string) => readFileSync(join(dir, `expected.${ext}`), 'utf8');
    let stdout = '';
    let stderr = '';
    const cwd = process.cwd();
    process.chdir(dir);
    let code: number;
    try {
      code = await run(['--format', 'helm', ...args], { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
    } finally {
      process.chdir(cwd);
    }
    const anonymous = (s: string) => s.replaceAll(dir, '@CASE@');
    assert.equal(anonymous(stdout), expected('stdout'), 'stdout');
    assert.equal(anonymous(stderr), expected('stderr'), 'stderr');
    assert.equal(String(code), expected('exit').trim(), 'exit status');
  });
}
