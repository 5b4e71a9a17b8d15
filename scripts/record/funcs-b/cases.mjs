// The sprig function cases recorded by record.mjs for the regex, encoding, semver, date, url,
// crypto and network domains. A case is a call written as JSON so that tests can both build Go
// values from it (direct calls) and render it as template text (end-to-end runs):
//   ['fn', arg...]  a call; nested as an argument it renders as `(fn arg...)`
//   "text"          a string literal           {i: 3}  an int literal     {f: 1.5} a float64 literal
//   true / false / null (`nil`)                {v: 'a.b'}  `.Values.a.b`
// A case may instead be a whole template `{tpl: '...'}` (end-to-end only). Nested calls may use
// functions of other domains (list, dict, int64, toJson...).
//
// Date cases are recorded with TZ=America/New_York (record.mjs sets it; the tests set it too),
// so `date`, `toDate` and `now` use a zone with DST rather than UTC.
import { readFileSync } from 'node:fs';

export const RECORD_TZ = 'America/New_York';

/** Fixed keys and certificates (see make-crypto-inputs.mjs), reachable as .Values.NAME. */
const cryptoInputs = JSON.parse(readFileSync(new URL('./crypto-inputs.json', import.meta.url), 'utf8'));

const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
const b64bytes = (bytes) => Buffer.from(bytes).toString('base64');

export const values = {
  ...cryptoInputs,
  caCertB64: b64(cryptoInputs.caCert),
  caKeyB64: b64(cryptoInputs.caKey),
  otherCaKeyB64: b64(cryptoInputs.otherCaKey),
  float: 95,
  str: 'hello',
  ips: ['10.0.0.1', '::1'],
  dns: ['a.example.com', 'b.example.com'],
};

const i = (n) => ({ i: n });
const f = (n) => ({ f: n });
const v = (path) => ({ v: path });
const c = (...call) => ({ call });
const t = (tpl) => ({ tpl });

/** Renders a case call as template expression text. */
export function renderExpr(call) {
  return call.map(renderArg).join(' ');
}

function renderArg(a, index) {
  if (index === 0) return a;
  if (a === null) return 'nil';
  if (typeof a === 'boolean') return String(a);
  if (typeof a === 'string') return JSON.stringify(a);
  if (Array.isArray(a)) return '(' + renderExpr(a) + ')';
  if ('i' in a) return String(a.i);
  if ('f' in a) return /[.eE]/.test(String(a.f)) ? String(a.f) : a.f + '.0';
  if ('v' in a) return '.Values.' + a.v;
  throw new Error('bad case argument ' + JSON.stringify(a));
}

// --- regex --------------------------------------------------------------------------------

const regex = [
  c('regexMatch', '^[a-z]+$', 'abc'),
  c('regexMatch', '^[a-z]+$', 'abc1'),
  c('regexMatch', '(a', 'x'),
  c('regexMatch', '\\d+', 'a1'),
  c('regexMatch', '(?i)ABC', 'xabcx'),
  c('regexMatch', '^$', ''),
  c('regexMatch', 'a.c', 'a\nc'),
  c('regexMatch', '(?s)a.c', 'a\nc'),
  c('regexMatch', '\\bfoo\\b', 'a foo b'),
  c('regexMatch', '[[:alpha:]]+', '123'),
  c('regexMatch', '\\pL', 'é'),
  c('regexMatch', '^\\p{Greek}+$', 'αβγ'),
  c('regexMatch', '\\Qa.b\\E', 'axb'),
  c('mustRegexMatch', '^v[0-9]+$', 'v12'),
  c('mustRegexMatch', '(a', 'x'),
  c('mustRegexMatch', 'a**', 'x'),
  c('mustRegexMatch', '\\8', 'x'),
  c('mustRegexMatch', '[z-a]', 'x'),
  c('mustRegexMatch', 'x{1001}', 'x'),
  c('mustRegexMatch', '\\', 'x'),
  c('mustRegexMatch', 'a)', 'x'),
  c('mustRegexMatch', '[a', 'x'),
  c('mustRegexMatch', '*', 'x'),
  c('mustRegexMatch', '(?z)', 'x'),
  c('mustRegexMatch', '\\Z', 'x'),
  c('mustRegexMatch', '(?P<>a)', 'x'),
  c('mustRegexMatch', '(?P<n>a)(?P<n>b)', 'ab'),
  c('mustRegexMatch', '(?<n>a)', 'a'),
  c('mustRegexMatch', '\\p{Foo}', 'a'),
  c('mustRegexMatch', '[[:foo:]]', 'a'),
  c('regexFindAll', 'a.', 'abacad', i(-1)),
  c('regexFindAll', 'a.', 'abacad', i(2)),
  c('regexFindAll', 'a.', 'abacad', i(0)),
  c('regexFindAll', 'x*', 'axbxxc', i(-1)),
  c('regexFindAll', '', 'abc', i(-1)),
  c('regexFindAll', '\\d+', 'no digits', i(-1)),
  c('regexFindAll', '(a)(b)?', 'ab a', i(-1)),
  c('regexFindAll', '😀|b', 'x😀b', i(-1)),
  c('regexFindAll', 'a|ab', 'ab', i(-1)),
  c('regexFindAll', '(?U)a+', 'aaa', i(-1)),
  c('regexFindAll', '^', 'a\nb', i(-1)),
  c('regexFindAll', '(?m)^.', 'a\nb', i(-1)),
  c('regexFindAll', '\\b', 'ab cd', i(-1)),
  c('regexFindAll', 'a*', 'baaab', i(-1)),
  c('regexFindAll', '[^a]', 'x😀b', i(-1)),
  c('regexFindAll', '(a', 'x', i(-1)),
  c('regexFindAll', '`(', 'x', i(-1)),
  c('regexFindAll', '(\n', 'x', i(-1)),
  c('mustRegexFindAll', '[0-9]', 'a1b2', i(-1)),
  c('mustRegexFindAll', '(a', 'x', i(-1)),
  c('regexFind', '[0-9]+', 'abc123def456'),
  c('regexFind', 'x', 'abc'),
  c('regexFind', 'a*', 'baaa'),
  c('regexFind', '(?i)B+', 'aBbB'),
  c('regexFind', '[', 'x'),
  c('mustRegexFind', 'b+', 'abbb'),
  c('mustRegexFind', '[', 'x'),
  c('regexReplaceAll', 'a(x*)b', '-ab-axxb-', '${1}W'),
  c('regexReplaceAll', 'a(x*)b', '-ab-axxb-', '$1W'),
  c('regexReplaceAll', 'a(x*)b', '-ab-axxb-', '$1'),
  c('regexReplaceAll', 'a(?P<mid>x*)b', '-axb-', '[$mid]'),
  c('regexReplaceAll', 'a(?P<mid>x*)b', '-axb-', '[${mid}]'),
  c('regexReplaceAll', 'a(x*)b', '-axb-', '$$1'),
  c('regexReplaceAll', 'a(x*)b', '-axb-', '$'),
  c('regexReplaceAll', 'a(x*)b', '-axb-', '${1'),
  c('regexReplaceAll', 'a(x*)b', '-axb-', '$0'),
  c('regexReplaceAll', 'a(x*)b', '-axb-', '$2'),
  c('regexReplaceAll', 'a(x*)b', '-axb-', '$01'),
  c('regexReplaceAll', 'a(x*)b', '-axb-', '${0}x'),
  c('regexReplaceAll', 'a(x*)b', '-axb-', '${1}${1}'),
  c('regexReplaceAll', 'a(x*)b', '-axb-', '$ 1'),
  c('regexReplaceAll', 'a(x*)b', '-axb-', '${}'),
  c('regexReplaceAll', 'x*', 'abc', '-'),
  c('regexReplaceAll', 'a*', 'baaac', 'X'),
  c('regexReplaceAll', '', 'abc', '|'),
  c('regexReplaceAll', '(\\w+)@(\\w+)\\.com', 'bob@example.com', '$2 at $1'),
  c('regexReplaceAll', '(a)|b', 'ab', '[$1]'),
  c('regexReplaceAll', 'é', 'café', 'e'),
  c('regexReplaceAll', '(?P<x>a)', 'a', '$x$x'),
  c('regexReplaceAll', '(?P<é>a)', 'a', '<$é>'),
  c('regexReplaceAll', '(?P<n>a)(?P<n>b)', 'ab', '[$n]'),
  c('regexReplaceAll', '(?<n>a)', 'xa', '[$n]'),
  c('regexReplaceAll', '[', 'x', 'y'),
  c('mustRegexReplaceAll', '(b+)', 'abbbc', '<$1>'),
  c('mustRegexReplaceAll', '[', 'x', 'y'),
  c('regexReplaceAllLiteral', 'a(x*)b', '-axb-', '$1'),
  c('regexReplaceAllLiteral', 'x*', 'abc', '-'),
  c('regexReplaceAllLiteral', '(', 'x', 'y'),
  c('mustRegexReplaceAllLiteral', 'b', 'abc', '$0'),
  c('mustRegexReplaceAllLiteral', '(', 'x', 'y'),
  c('regexSplit', 'z+', 'pizza', i(-1)),
  c('regexSplit', 'z+', 'pizza', i(0)),
  c('regexSplit', 'z+', 'pizza', i(1)),
  c('regexSplit', 'z+', 'pizza', i(2)),
  c('regexSplit', '', 'abc', i(-1)),
  c('regexSplit', 'a', 'banana', i(-1)),
  c('regexSplit', 'a*', 'abaabaccadaaae', i(5)),
  c('regexSplit', 'x', '', i(-1)),
  c('regexSplit', '', '', i(-1)),
  c('regexSplit', ',', 'a,b,c,', i(-1)),
  c('regexSplit', '^', 'abc', i(-1)),
  c('regexSplit', '\\s*,\\s*', ' a , b,c ', i(-1)),
  c('regexSplit', '(', 'x', i(-1)),
  c('mustRegexSplit', '-', 'a-b-c', i(2)),
  c('mustRegexSplit', '(', 'x', i(-1)),
  c('regexQuoteMeta', '1.5-2.0?'),
  c('regexQuoteMeta', '[a]{b}(c)|d^$\\*+'),
  c('regexQuoteMeta', 'plain'),
  c('regexQuoteMeta', 'é.ü'),
  c('regexQuoteMeta', ''),
];

// --- encoding -----------------------------------------------------------------------------

const long = 'abcdefghij'.repeat(600);
const encoding = [
  ...['', 'a', 'ab', 'abc', 'Hello, World!', 'é😀', '\u0000\u0001\u007f'].map((s) => c('b64enc', s)),
  ...[
    'SGVsbG8=', 'SGVsbG8', 'SGVs bG8=', 'SGVs\nbG8=', 'SGVsbG8==', 'SGVsbG8=x', '====', 'QQ==', 'QQ=', 'QQ', 'Q', '!!!!',
    'YWJj\r\nZGVm', '', '4pyTIMOgIGxhIG1vZGU=', 'QUJD=', 'QQ==QQ==', 'Q===', 'QR==', 'QUI=\n', 'QQ=\n=', 'QQ=\r\n\r\n=',
    'YW Jj', 'Y\nW\nJ\nj', '8J+YgA==', 'ww==', 'SGVsbG8gV29ybGQhIQ==', 'é',
  ].map((s) => c('b64dec', s)),
  ...['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar', 'é', 'Hello, World!'].map((s) => c('b32enc', s)),
  ...[
    'MZXW6===', 'MZXW6', 'MZXW6YQ=', 'MY======', 'MZXW6YTBOI======', 'mzxw6===', 'MZXW6===X', 'M=======', 'MZX=====',
    'MZXW6YT=', 'MZXW\n6===', '1ZXW6===', '', 'MZXW6YTB', 'MZXW6YTBOI', 'MZXW6YQ', 'MZ======', 'MZXQ====', 'MZXW6YQ=MZXW6YQ=',
    'MZXW6YTBOI======\r\n', '========', 'MZXW6=== ',
  ].map((s) => c('b32dec', s)),
  ...['', 'abc', 'Hello, World!', 'é😀', long].flatMap((s) => [
    c('sha1sum', s),
    c('sha256sum', s),
    c('sha512sum', s),
    c('adler32sum', s),
  ]),
  c('adler32sum', '\u00ff'.repeat(5000)),
];

// --- semver -------------------------------------------------------------------------------

const semver = [
  ...['1.2.3', 'v1.2.3-beta.1+build.5', '1.2', '1', 'v1', '01.2.3', '1.2.3+meta-x', '0.0.0', '1.2.3-alpha.01.b'].map((s) => c('semver', s)),
  ...['1.2.3.4', '', '1.2.3-01', '99999999999999999999.0.0', '1.2.3-beta..1', 'V1.2.3', ' 1.2.3', '1.2.3-', 'x'].map((s) => c('semver', s)),
  ...['Major', 'Minor', 'Patch', 'Prerelease', 'Metadata', 'Original', 'String'].map((m) => t(`{{ (semver "v1.2.3-beta.1+build.5").${m} }}|{{ printf "%T" (semver "v1.2.3-beta.1+build.5").${m} }}`)),
  t('{{ (semver "1.2.3").Compare (semver "1.2.4") }} {{ (semver "1.2.3").Compare (semver "1.2.3+x") }} {{ (semver "2.0.0").Compare (semver "2.0.0-rc.1") }}'),
  t('{{ (semver "1.2.3").LessThan (semver "1.2.4") }} {{ (semver "1.2.3").GreaterThan (semver "1.2.4") }} {{ (semver "1.2.3").Equal (semver "v1.2.3") }}'),
  t('{{ (semver "v1.2.3-beta").IncPatch }} {{ (semver "v1.2.3").IncPatch }} {{ (semver "1.2.3-beta").IncMinor }} {{ (semver "1.2.3").IncMajor }} {{ printf "%T" (semver "1.2.3").IncMajor }}'),
  t('{{ ((semver "1.2.3").SetPrerelease "rc.1") }} {{ ((semver "1.2.3").SetMetadata "b.7") }}'),
  t('{{ ((semver "1.2.3").SetPrerelease "01") }}'),
  t('{{ (semver "1.2.3").IncPatch.Original }}'),
  t('{{ semver "1.2.3" | toJson }}'),
  c('semverCompare', '>=1.2.3', '1.2.4'),
  c('semverCompare', '^1.2', '1.9.0'),
  c('semverCompare', '~1.2', '1.3.0'),
  c('semverCompare', '>=1.2.3-0', '1.2.3-alpha'),
  c('semverCompare', '>=1.2.3', '1.2.3-alpha'),
  c('semverCompare', '1.2 - 1.4.5', '1.4.5'),
  c('semverCompare', '1 - 2 3 - 4', '1.5.0'),
  c('semverCompare', '>1 <3 || 4.x', '4.5.6'),
  c('semverCompare', '*', '0.0.1'),
  c('semverCompare', 'foo', '1.0.0'),
  c('semverCompare', '>1', 'abc'),
  c('semverCompare', '1|2', '1.0.0'),
  c('semverCompare', '>=1.0.0', '1.2.3-01'),
  c('semverCompare', '', '1.0.0'),
  c('semverCompare', '>=1.0.0', ''),
  c('semverCompare', '>= 1.0.0 ,, < 2', '1.5.0'),
  c('semverCompare', '>=1.0.0', '99999999999999999999.0.0'),
  c('semverCompare', '>=v1.2.3', 'v1.2.3'),
];

// --- dates --------------------------------------------------------------------------------

const at = (layout, value) => ['mustToDate', layout, value];
const RFC3339 = '2006-01-02T15:04:05Z07:00';
const T1 = at('2006-01-02T15:04:05.999999999Z07:00', '2024-03-10T06:30:45.123456789Z');
const T2 = at(RFC3339, '2021-07-04T23:05:09+02:00');
const layouts = [
  RFC3339, '2006-01-02T15:04:05.999999999Z07:00', 'Jan 2, 2006 at 3:04pm (MST)', 'Monday, 02-Jan-06 15:04:05 MST',
  '06 1 2 3 4 5 PM pm', '__2 002 _2', '.000 .999 ,000 ,999', '.000000000 .0 .9', '-07 -0700 -07:00 -070000 -07:00:00',
  'Z07 Z0700 Z07:00 Z070000 Z07:00:00', 'January Jan Monday Mon', 'Janx Monx Month Mond', '_2006', '15h04m05s', 'T', '',
  '2006-01-02 15:04:05.9999', '3:04:05.99PM', '03:04 PM', '01/02/06', '2006-01-02 15:04:05.000000', 'Mon Jan _2 15:04:05 MST 2006',
  '1 2 3 4 5 6 7 8 9 0', '.0000000000',
];
const date = [
  ...layouts.map((l) => c('date', l, T1)),
  ...layouts.slice(0, 12).map((l) => c('date', l, T2)),
  c('date', '2006-01-02 15:04:05 MST', ['int64', i(1700000000)]),
  c('date', '2006-01-02 15:04:05 MST', i(1700000000)),
  c('date', '2006-01-02 15:04:05 MST', i(-1)),
  c('date', '2006-01-02 15:04:05 MST', ['int64', i(-62135596800)]),
  c('date', '2006-01-02 15:04:05 MST', ['int64', i(253402300799)]),
  ...['Europe/Berlin', 'Asia/Kolkata', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'Asia/Tehran', 'Nope/Zone', '', 'UTC', 'Local',
    '../etc', 'Etc/GMT+5', 'Pacific/Chatham', 'America/St_Johns'].map((z) => c('dateInZone', '2006-01-02 15:04:05 MST -07:00', T1, z)),
  c('dateInZone', '2006-01-02 15:04:05 MST', at('2006-01-02', '2100-07-01'), 'Europe/Berlin'),
  c('dateInZone', '2006-01-02 15:04:05 MST', at('2006-01-02', '2100-01-01'), 'Europe/Berlin'),
  c('dateInZone', '2006-01-02 15:04:05 MST', at('2006-01-02', '2080-03-31'), 'Australia/Sydney'),
  c('dateInZone', '2006-01-02 15:04:05 MST', at('2006-01-02', '2080-10-31'), 'Australia/Sydney'),
  c('dateInZone', '2006-01-02 15:04:05 MST', at('2006-01-02', '1850-06-01'), 'Europe/Berlin'),
  c('dateInZone', '2006-01-02 15:04:05 MST', at('2006-01-02', '1900-06-01'), 'America/New_York'),
  c('dateInZone', '2006-01-02 15:04:05 MST', ['int64', i(1700000000)], 'Asia/Tokyo'),
  c('date_in_zone', '2006-01-02 15:04 MST', T1, 'Europe/London'),
  c('htmlDate', T1),
  c('htmlDate', ['int64', i(0)]),
  c('htmlDateInZone', T1, 'Asia/Tokyo'),
  c('htmlDateInZone', i(1700000000), 'Pacific/Kiritimati'),
  c('toDate', '2006-01-02', '2024-03-10'),
  c('toDate', '2006-01-02', '2024-03-10x'),
  c('toDate', '2006-01-02', '2024-02-30'),
  c('toDate', RFC3339, '2024-06-01T12:00:00+02:00'),
  c('toDate', RFC3339, '2024-06-01T12:00:00-04:00'),
  c('toDate', RFC3339, '2024-01-01T12:00:00-04:00'),
  c('toDate', RFC3339, '2024-06-01T12:00:00Z'),
  c('toDate', '2006-01-02 15:04:05 MST', '2024-01-15 10:00:00 EST'),
  c('toDate', '2006-01-02 15:04:05 MST', '2024-07-15 10:00:00 EST'),
  c('toDate', '2006-01-02 15:04:05 MST', '2024-01-15 10:00:00 PST'),
  c('toDate', '2006-01-02 15:04:05 MST', '2024-01-15 10:00:00 GMT+3'),
  c('toDate', '2006-01-02 15:04:05 MST', '2024-01-15 10:00:00 UTC'),
  c('toDate', '2006-01-02 15:04:05 MST', '2024-01-15 10:00:00 +03'),
  c('toDate', '2006-01-02 15:04:05', '2024-01-01 10:00:00.123456'),
  c('toDate', '2006-01-02 15:04:05', '2024-01-01 10:00:00,5'),
  c('toDate', '2006 002', '2024 060'),
  c('toDate', '2006 __2', '2023  60'),
  c('toDate', 'Jan _2 2006 3:04PM', 'Mar  9 2024 12:15AM'),
  c('toDate', 'Jan _2 2006 3:04pm', 'mar 9 2024 1:15pm'),
  c('toDate', 'Monday Jan 2 2006', 'tuesday Jan 2 2024'),
  c('toDate', '06-01-02', '69-01-02'),
  c('toDate', '06-01-02', '68-01-02'),
  c('toDate', '2006-01-02 15:04', '2024-03-10 02:30'),
  c('toDate', '2006-01-02 15:04', '2024-11-03 01:30'),
  c('toDate', '15:04:05', '23:59:59'),
  c('toDate', '2006-01-02T15:04:05.000Z', '2024-01-01T00:00:00.123Z'),
  c('toDate', '2006-01-02T15:04:05-0700', '2024-01-01T00:00:00+0530'),
  c('toDate', '2006-01-02 -07:00:00', '2024-01-01 +01:02:03'),
  c('toDate', '2006-01-02 Z07', '2024-01-01 Z'),
  c('toDate', '2006-01-02 MST', '2024-01-01 ChST'),
  c('mustToDate', '2006-01-02', '2024-13-01'),
  c('mustToDate', '2006-01-02', 'x'),
  c('mustToDate', '2006-01-02', '2024-01-01 extra'),
  c('mustToDate', '2006-01-02', '2024-02-30'),
  c('mustToDate', '15:04', '25:00'),
  c('mustToDate', '15:04', '10:61'),
  c('mustToDate', '2006-01-02 MST', '2024-01-01 abc'),
  c('mustToDate', 'Z07:00', '+25:00'),
  c('mustToDate', '002', '400'),
  c('mustToDate', '2006 002 01', '2024 040 03'),
  c('mustToDate', '2006 002 01 02', '2024 040 02 10'),
  c('mustToDate', '2006-01-02', ''),
  c('mustToDate', 'Jan 2', 'Foo 2'),
  c('mustToDate', '2006-01-02 15:04:05.000', '2024-01-01 10:00:00.12'),
  c('mustToDate', '3PM', '3XM'),
  c('mustToDate', '2006-01-02', '2024-1-02'),
  c('mustToDate', '2006-01-02', 'é'),
  c('mustToDate', '2006\t01', '2006 01'),
  c('mustToDate', '2006  01', '2006 01'),
  c('mustToDate', '2006 01', '2006   01'),
  c('dateModify', '1h30m', T1),
  c('dateModify', '-24h', T1),
  c('dateModify', 'bad', T1),
  c('dateModify', '1.5h', T1),
  c('dateModify', '90s', T1),
  c('dateModify', '1us', T1),
  c('dateModify', '1µs', T1),
  c('dateModify', '-1.000000001s', T1),
  c('dateModify', '', T1),
  c('dateModify', '+0', T1),
  c('dateModify', '2562047h', T1),
  c('date_modify', '-3h', T2),
  c('mustDateModify', '2h', T1),
  c('mustDateModify', 'bad', T1),
  c('mustDateModify', '1d', T1),
  c('mustDateModify', '1', T1),
  c('mustDateModify', '', T1),
  c('mustDateModify', '.s', T1),
  c('mustDateModify', '9999999999h', T1),
  c('mustDateModify', '1hé', T1),
  c('must_date_modify', '-', T1),
  c('duration', ['int64', i(95)]),
  c('duration', '95'),
  c('duration', i(95)),
  c('duration', 'abc'),
  c('duration', ['int64', i(0)]),
  c('duration', ['int64', i(100000)]),
  c('duration', '-5'),
  c('duration', '+5'),
  c('duration', '99999999999999999999'),
  c('duration', f(95)),
  c('duration', ['int64', i(-90061)]),
  c('duration', ['int64', i(9223372036)]),
  c('duration', ['int64', i(9223372037)]),
  c('duration', v('float')),
  c('durationRound', '2h10m'),
  c('durationRound', '1.5s'),
  c('durationRound', '400ms'),
  c('durationRound', '72h'),
  c('durationRound', '750h'),
  c('durationRound', '9000h'),
  c('durationRound', '-3h'),
  c('durationRound', ['int64', i(3600000000000)]),
  c('durationRound', 'bad'),
  c('durationRound', i(5)),
  c('durationRound', '24h'),
  c('durationRound', '24h1ns'),
  c('durationRound', '61s'),
  c('durationRound', '8760h1s'),
  c('unixEpoch', T1),
  c('unixEpoch', T2),
  c('unixEpoch', at('2006-01-02', '1969-12-31')),
  c('toDate', '2006-01-02', 'bad'),
  t('{{ $t := toDate "2006-01-02T15:04:05Z07:00" "2024-03-10T06:30:45-05:00" }}{{ $t.Year }} {{ $t.Month }} {{ $t.Day }} {{ $t.Hour }} {{ $t.Minute }} {{ $t.Second }} {{ $t.Weekday }} {{ $t.YearDay }} {{ $t.Unix }} {{ $t.UnixNano }} {{ $t.Nanosecond }}'),
  t('{{ $t := toDate "2006-01-02" "2024-03-10" }}{{ $t.Format "Jan 2" }}|{{ $t.UTC }}|{{ $t.AddDate 0 1 0 }}|{{ $t.IsZero }}|{{ (toDate "x" "y").IsZero }}'),
  t('{{ toDate "2006-01-02" "2024-03-10" | date_modify "1h" | date "15:04 MST" }}'),
  t('{{ toDate "2006-01-02" "2024-03-10" | toJson }}'),
  t('{{ printf "%T %T" (toDate "2006-01-02" "2024-03-10") (toDate "2006-01-02" "2024-03-10").Month }}'),
];

// --- urls ---------------------------------------------------------------------------------

const urls = [
  'https://user:pa%20ss@example.com:8443/a/b%2Fc?x=1&y=%20#frag%20x', 'mailto:joe@example.com', '/relative/path?q', 'http://[::1]:80/',
  'http://[fe80::1%25en0]/', '', '*', 'http://a b.com/', 'http://%41.com', 'http://x:y', 'http://x:80x', '%zz', ':foo', 'a:b/c',
  '1a:b', 'http://user@host', 'HTTP://EXAMPLE.com/X', 'http:///path', 'http://host?', 'foo?bar#baz#qux', 'http://h/%E2%82%AC',
  'http://h/p?q=%zz', 'http://h/#%zz', 'http://h/\n', 'http://[::1', 'http://h:8080', 'file:///etc/hosts', 'http://u:p@h:1/p;x?a=b#c',
  'git@github.com:org/repo.git', '//cdn.example.com/x.js', 'http://h/a%2fb', 'http://h/é?é#é', 'http://ü.example/', 'http://h/%',
  'http://[fe80::1%25%65n0]/', 'http://a@b@c/', 'http://h/?', 'http://%E2%82%AC.com/',
];
const url = [
  ...urls.map((u) => c('urlParse', u)),
  c('urlJoin', ['dict', 'scheme', 'https', 'host', 'example.com', 'path', '/a b', 'query', 'x=1', 'fragment', 'f g']),
  c('urlJoin', ['dict', 'scheme', 'https', 'host', 'example.com', 'userinfo', 'user:pass']),
  c('urlJoin', ['dict', 'scheme', 'https', 'host', 'h', 'userinfo', 'us@er']),
  c('urlJoin', ['dict', 'scheme', 'https', 'host', 'h', 'userinfo', 'user:p@ss:w']),
  c('urlJoin', ['dict', 'scheme', 'mailto', 'opaque', 'joe@example.com']),
  c('urlJoin', ['dict', 'host', 'h', 'path', 'rel/x']),
  c('urlJoin', ['dict', 'path', 'a:b']),
  c('urlJoin', ['dict', 'path', '/x', 'query', 'q=%zz']),
  c('urlJoin', ['dict']),
  c('urlJoin', ['dict', 'scheme', 'http', 'path', '/p?x']),
  c('urlJoin', ['dict', 'scheme', 'http', 'host', 'h', 'fragment', 'a#b!()*\'']),
  c('urlJoin', ['dict', 'scheme', 'http', 'host', 'ü.example', 'path', '/é']),
  c('urlJoin', ['dict', 'host', i(5)]),
  c('urlJoin', ['dict', 'path', f(1.5)]),
  c('urlJoin', ['dict', 'path', ['list', 'a']]),
  c('urlJoin', ['dict', 'path', null]),
  c('urlJoin', ['dict', 'userinfo', 'a b']),
  c('urlJoin', ['dict', 'scheme', 'http', 'host', 'h', 'userinfo', 'a/b']),
  c('urlJoin', ['urlParse', 'https://user:pa%20ss@example.com:8443/a/b%2Fc?x=1&y=%20#frag%20x']),
  c('urlJoin', ['urlParse', 'file:///etc/hosts']),
  c('urlJoin', ['dict', 'scheme', 'http', 'host', '[::1]:80', 'path', '/']),
];

// --- crypto (deterministic parts; generated values are shape-tested) ------------------------

const der17 = b64bytes(new Uint8Array(17).fill(7));
const der16 = b64bytes(new Uint8Array(16).fill(7));
const crypto = [
  c('derivePassword', i(1), 'long', 'password', 'user', 'example.com'),
  c('derivePassword', i(1), 'maximum', 'password', 'user', 'example.com'),
  c('derivePassword', i(2), 'medium', 'password', 'user', 'example.com'),
  c('derivePassword', i(0), 'short', 'pw', 'user', 'site'),
  c('derivePassword', i(4294967295), 'basic', 'pw', 'user', 'site'),
  c('derivePassword', i(7), 'pin', 'pässwörd', 'üser', 'sïte'),
  c('derivePassword', i(1), 'nope', 'pw', 'user', 'site'),
  c('htpasswd', 'a:b', 'pw'),
  c('bcrypt', 'x'.repeat(73)),
  c('htpasswd', 'user', 'x'.repeat(73)),
  c('genPrivateKey', 'foo'),
  c('genPrivateKey', 'RSA'),
  c('encryptAES', 'k', ''),
  c('decryptAES', 'k', ''),
  c('decryptAES', 'k', '!!'),
  c('decryptAES', 'k', 'YWJj'),
  c('decryptAES', 'k', 'YQ=='),
  c('decryptAES', 'k', der17),
  c('decryptAES', 'k', der16),
  c('randBytes', i(0)),
  c('randBytes', i(-1)),
  c('buildCustomCert', '!!!', 'x'),
  c('buildCustomCert', b64('junk'), v('caKeyB64')),
  c('buildCustomCert', v('caCertB64'), '!!'),
  c('buildCustomCert', v('caCertB64'), b64('junk')),
  c('buildCustomCert', b64('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'), v('caKeyB64')),
  c('buildCustomCert', v('caCertB64'), b64('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n')),
  c('buildCustomCert', v('caCertB64'), b64('-----BEGIN FOO PRIVATE KEY-----\nAAAA\n-----END FOO PRIVATE KEY-----\n')),
  c('buildCustomCert', v('caCertB64'), b64('-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n')),
  c('buildCustomCert', v('caCertB64'), v('caKeyB64')),
  c('buildCustomCert', v('caCertB64'), v('otherCaKeyB64')),
  c('genCAWithKey', 'x', i(365), 'garbage'),
  c('genCAWithKey', 'x', i(365), v('publicKey')),
  c('genCAWithKey', 'x', i(365), v('dsaKey')),
  c('genSelfSignedCertWithKey', 'x', null, null, i(365), v('dsaKey')),
  c('genSelfSignedCert', 'x', ['list', i(5)], null, i(365)),
  c('genSelfSignedCert', 'x', ['list', '1.2.3.400'], null, i(365)),
  c('genSelfSignedCert', 'x', ['list', '01.2.3.4'], null, i(365)),
  c('genSelfSignedCert', 'x', ['list', 'fe80::1%eth0'], null, i(365)),
  c('genSelfSignedCert', 'x', null, ['list', i(1)], i(365)),
  c('genSelfSignedCert', 'x', null, ['list', 'é.example'], i(365)),
  c('genSignedCertWithKey', 'x', null, null, i(365), ['buildCustomCert', v('caCertB64'), v('otherCaKeyB64')], v('rsaPkcs8')),
  c('genSignedCertWithKey', 'x', null, null, i(365), ['genCAWithKey', 'ca', i(365), v('rsaPkcs1')], v('dsaKey')),
  t('{{ (genSelfSignedCertWithKey "x" nil nil 365 .Values.rsaPkcs8).Key }}'),
  t('{{ (genSelfSignedCertWithKey "x" nil nil 365 .Values.rsaPkcs1).Key }}'),
  t('{{ (genSelfSignedCertWithKey "x" nil nil 365 .Values.ecPkcs8).Key }}'),
  t('{{ (genSelfSignedCertWithKey "x" nil nil 365 .Values.ecSec1).Key }}'),
  t('{{ (genSelfSignedCertWithKey "x" nil nil 365 .Values.edPkcs8).Key }}'),
  t('{{ (genCAWithKey "x" 365 .Values.ec384Sec1).Key }}'),
  t('{{ (genSignedCertWithKey "x" nil nil 365 (buildCustomCert .Values.caCertB64 .Values.caKeyB64) .Values.ecSec1).Key }}'),
  t('{{ printf "%T" (genCAWithKey "x" 1 .Values.ecSec1) }}'),
  t('{{ (buildCustomCert .Values.caCertB64 .Values.caKeyB64).Cert | sha256sum }}'),
  t('{{ decryptAES "secret" (encryptAES "secret" "round trip") }}'),
];

// --- network ------------------------------------------------------------------------------

// helm template disables DNS unless --enable-dns: getHostByName is then "" for any name.
const network = [c('getHostByName', 'nonexistent.invalid'), c('getHostByName', 'localhost')];
// With --enable-dns (record.mjs adds the flag for this domain): sprig's real lookup.
const networkDns = [c('getHostByName', 'nonexistent.invalid'), c('getHostByName', 'localhost')];

export const domains = { regex, encoding, semver, date, url, crypto, network, networkDns };
