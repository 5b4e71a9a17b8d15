// Generates "CONSTRAINT<TAB>VERSION" lines covering Masterminds/semver constraint syntax:
// every operator against plain, short, wildcard, prerelease and metadata versions, hyphen
// ranges, OR/AND groups, odd whitespace and commas, and malformed inputs.
// Used by record-semver.mjs; prints the lines on stdout when run directly.

const versions = [
  '0.0.0', '0.0.1', '0.0.3', '0.1.0', '0.2.3', '0.2.9', '0.3.0', '1.0.0', '1.0.0-alpha', '1.0.0-alpha.1',
  '1.0.0-beta', '1.0.0-rc.1', '1.1.0', '1.2.0', '1.2.3', '1.2.3-beta', '1.2.3+build.5', '1.2.4', '1.3.0',
  '1.9.9', '2.0.0', '2.0.0-0', '2.1.0', '3.0.0', '10.0.0', 'v1.2.3', '1.2', '1', 'v2', '1.2.3-beta.2',
  '1.2.3-beta.11', '1.2.3-alpha.beta', '4.5.6-x.7.z.92', '01.2.3', '1.2.3-01', 'a.b.c', '1.2.3.4', '',
];

const constraintVersions = [
  '1.2.3', '1.2', '1', '1.x', '1.2.x', '1.X', '1.*', '*', 'x', '0', '0.0', '0.0.3', '0.2', '0.2.3',
  '2.0.0-0', '1.2.3-beta', '1.2.3-alpha.1', '1.2.3+meta', 'v1.2.3', '1.2.x-beta', '0.0.0',
];
const ops = ['', '=', '!=', '>', '<', '>=', '=>', '<=', '=<', '~', '~>', '^'];

const extraConstraints = [
  '', ' ', '*', '>=1.2.3 <2', '>=1.2.3, <2', '>= 1.2.3 , < 2.0.0', '>=1.2.3,<2.0.0', '>1 <3 || 4.x',
  '1.2 - 1.4.5', '1.2.3 - 2.3.4', '1 - 2', '1.x - 2.x', '1.2.3-beta - 2', '1 - 2 || 4 - 5', '1 - 2 3 - 4',
  '1 - 2, <1.5', '>=1 - 2', '1-2', '1 -2', '1 - 2 - 3', '>= 1, <= 2 ', '  >=1.0.0  ', '>=1.0.0,', ',>=1',
  '>=1.0.0,,<2', '>1|2', '1|2', '1||2', '||', '1 ||', '|| 1', '>=a', 'foo', '1.2.3.4', '>=1.2.3-', '^1.2.3-', '~>',
  '>=', '=>1.2.3', '=<1.2.3', '>= 1.2.3', '~ 1.2', '^ 0.0', '!=1.x', '!=1.2.x', '!= 1.2.3-beta',
  '1.2.3 || >=2.0.0-0', '>=1.2.3-0 <2.0.0-0', '^0.0.x', '^0.x', '~0.0.0', '~0', '^0.0.0', '^0.0', '^*',
  '~*', '>*', '<*', '>=*', '<=*', '!=*', '>x', '<1.x', '<=1.x', '<=1.2', '>1.x', '>1.2.x', '>=1.2.x',
  'v1.x', 'V1.2.3', 'x.1.2', '1.x.3', '1.2.3+', '>=1.2.3+build', '1.2.3-x.y.z', '>=1.2.3-01', '= 1.2.3',
  '>=1.0.0 <1.1.0 || >=2.0.0 <2.1.0', '<1.2.3-beta', '>1.2.3-alpha', '~1.2.3-beta', '^1.2.3-beta',
  '>=18446744073709551615', '>=18446744073709551616', '~>1.2.3', '~> 1.2',
  '>= 1 <= 2', '>=1.2.3 !=1.5.0 <2', '1.2.3 - 1.2.3', '0 - 0', '* - 2', '1.2.* - 1.3.*', '1.2.3 -  2.3.4',
  '1.2.3  - 2.3.4', '=1.2.3 - 2.3.4', '1.2.3 - 2.3.4 - 5', '>=1.2 - 1.4',
];

export function semverCases() {
  const constraints = [];
  for (const op of ops) for (const cv of constraintVersions) constraints.push(op + cv);
  constraints.push(...extraConstraints);
  const lines = [];
  for (const c of constraints) {
    for (const v of versions) lines.push(`${c}\t${v}`);
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(semverCases().map((l) => l.replace(/\n/g, '')).join('\n') + '\n');
}
