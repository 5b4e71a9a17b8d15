#!/usr/bin/env node
// Records which `dpu.nvidia.com/doca-version` constraints Masterminds/semver v3 accepts, by asking
// the Go oracle (../shared/tools/semver-oracle, built to /tmp/semver-oracle by its build.sh).
// Output: test/contract/fixtures/doca-version-oracle.json, read by test/contract/doca-version.test.ts.
// Usage: node scripts/record/contract/doca-version.mjs [ORACLE]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const oracle = process.argv[2] ?? '/tmp/semver-oracle';
const constraints = [
  '>= 2.9', '~2.9', '^2', '2.9.x || >=3.0.0-0', '>=2.9.0', '2.9', '2', '2.x', '*', 'x', 'X',
  '>=2.9 <3', '>=2.9, <3.0', '>= 2.9.0, < 3.0.0', '2.9 - 3.1', '2.9.0 - 3.1.0 || >= 4',
  '=2.9.1', '!=2.9.1', '> 2.9', '< 3', '<= 2.10', '=> 2.9', '=< 3', '~> 2.9', '~2', '^0.2.3',
  'v2.9', '>=v2.9.0', '>=2.9.0-rc.1', '>=2.9.0+build.5', '2.9.*', '2.*.*', '>=2.9 || <1',
  '||', '>=2.9 ||', '|| >=2.9', '>=2.9 || || <3', '  >= 2.9  ',
  '', ' ', 'foo', '>=', '>= two', '2.9.0.1', '>=2.9,', ',>=2.9', '>=2.9,,<3', '>== 2.9', '>>2.9',
  '=>=2.9', '2.9.0-', '2.9.0-01', '2.9.0+', '2.9|3.0', '2.9 | 3.0', '1 - 2 - 3', '>=2.9 - 3',
  '02.9', '2.09', '>=2.9.0.x', 'latest', 'doca-2.9', '>=2.9;<3', '>=2.9 && <3', '2.9.x-rc',
  '^', '~', '2.9 3.0', '>=2.9\t<3', '>=1.2.3-alpha.1', '1.x.3',
];
const input = constraints.map((c) => `${c}\n`).join('');
const lines = execFileSync(oracle, { input, encoding: 'utf8' }).trimEnd().split('\n');
if (lines.length !== constraints.length) throw new Error(`oracle answered ${lines.length} lines for ${constraints.length}`);
const cases = constraints.map((constraint, i) => ({ constraint, valid: lines[i].split('\t')[0] === 'valid' }));
const out = {
  recordedWith: 'semver-oracle (Masterminds/semver v3, Debian golang-github-masterminds-semver-dev) via scripts/record/contract/doca-version.mjs',
  cases,
};
writeFileSync(new URL('../../../test/contract/fixtures/doca-version-oracle.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
process.stdout.write(`recorded ${cases.length} constraints\n`);
