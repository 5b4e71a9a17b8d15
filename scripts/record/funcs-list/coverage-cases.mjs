// Templates recorded by record-coverage.mjs into test/helm/funcs/fixtures/coverage-extra.json.
// Two groups:
//  - `coverage`: one or more cases for every function helm registers that no other recorded
//    fixture calls (text/template builtins, helm's engine-bound functions, and the
//    nondeterministic sprig functions, whose cases print only shape: lengths, regexMatch, types);
//  - `defects`: behaviour fixed across modules (time.Time's MarshalJSON, a leading U+FEFF kept by
//    the decoders, functions of characters newer than Go 1.23's Unicode 15.0, float32 map keys).
// Every case is a whole template; dates are recorded with TZ=America/New_York (the test sets it).

export const RECORD_TZ = 'America/New_York';

/** `.Values` of the recording chart. */
export const values = {
  list: [1, 2, 3],
  map: { a: 1, b: 'two' },
  str: 'héllo',
  empty: '',
};

const UUID_V4 = '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';
const RFC3339_JSON = String.raw`^\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)\"$`;

/** Named templates of the recording chart (templates/_defs.tpl), for `include`. */
export const defines = '{{ define "cov.x" }}hi {{ . }}{{ end }}';

/** [group, template] */
export const cases = [
  // --- text/template builtins ---------------------------------------------------------
  ['coverage', '{{ and 1 0 "x" }} {{ and true "x" }} {{ and .Values.missing (fail "not evaluated") }}'],
  ['coverage', '{{ and }}'],
  ['coverage', '{{ or 0 "" "y" }} {{ or 0 false }} {{ or .Values.missing .Values.str }}'],
  ['coverage', '{{ not 0 }} {{ not "a" }} {{ not .Values.missing }} {{ not .Values.list }}'],
  ['coverage', '{{ call .Values.str }}'],
  ['coverage', '{{ call nil }}'],
  ['coverage', '{{ eq 1 1 }} {{ eq "a" "b" "a" }} {{ eq .Values.missing nil }} {{ eq 1 (int64 1) }}'],
  ['coverage', '{{ eq 1.0 .Values.list }}'],
  ['coverage', '{{ eq .Values.list .Values.list }}'],
  ['coverage', '{{ ne 1 2 }} {{ ne "a" "a" }} {{ ne 2.5 2.5 }}'],
  ['coverage', '{{ lt 1 2 }} {{ lt "b" "a" }} {{ lt 2.5 1.5 }} {{ lt -1 (int64 0) }}'],
  ['coverage', '{{ lt 1 2.5 }}'],
  ['coverage', '{{ le 2 2 }} {{ le "a" "b" }} {{ le 3 2 }}'],
  ['coverage', '{{ gt "b" "a" }} {{ gt 1 2 }} {{ gt 2.5 (float64 2) }}'],
  ['coverage', '{{ ge 2.5 3.5 }} {{ ge 3 3 }} {{ ge "b" "b" }}'],
  ['coverage', '{{ ge true false }}'],
  ['coverage', '{{ html "<a href=\'x\'>&\\"é\\x00" }}'],
  ['coverage', '{{ html 1 "<" .Values.list }}'],
  ['coverage', '{{ js "<a>\'\\"=\\\\é\\u2028&\\t" }}'],
  ['coverage', '{{ urlquery "a b&c=d/é~" 1 }}'],
  ['coverage', '{{ index .Values.list 1 }} {{ index .Values.map "b" }} {{ index "abc" 1 }} {{ index .Values.map "zz" }} {{ index .Values.list }}'],
  ['coverage', '{{ index .Values.list 5 }}'],
  ['coverage', '{{ index 3 0 }}'],
  ['coverage', '{{ len .Values.list }} {{ len "héllo" }} {{ len .Values.map }} {{ len .Values.empty }}'],
  ['coverage', '{{ len 3 }}'],
  ['coverage', '{{ print 1 2 "a" "b" 3 nil 1.5 true }}|{{ print }}|{{ print .Values.map }}'],
  ['coverage', '{{ println 1 "a" 2.0 }}|{{ println }}'],
  ['coverage', '{{ printf "%v|%5.2f|%q|%d|%x" .Values.list 3.14159 "x" 42 "hi" }}'],
  // --- helm's engine-bound functions --------------------------------------------------
  ['coverage', '{{ include "cov.x" 3 }}|{{ include "cov.x" .Values.list | upper }}|{{ include "cov.x" nil }}'],
  ['coverage', '{{ include "cov.missing" . }}'],
  ['coverage', '{{ tpl "{{ .a }}-{{ add 1 2 }}" (dict "a" "z") }}|{{ tpl "{{ define \\"cov.in\\" }}in{{ end }}{{ include \\"cov.in\\" . }}" . }}'],
  ['coverage', '{{ tpl "{{ .a" (dict) }}'],
  ['coverage', '{{ tpl "{{ fail \\"inner\\" }}" . }}'],
  ['coverage', '{{ required "need it" "v" }} {{ required "need it" 0 }} {{ required "need it" .Values.list }}'],
  ['coverage', '{{ required "need it" .Values.missing }}'],
  ['coverage', '{{ required "need it" "" }}'],
  ['coverage', '{{ fail "boom" }}'],
  ['coverage', '{{ lookup "v1" "Pod" "ns" "name" | toJson }} {{ printf "%T" (lookup "v1" "Pod" "" "") }} {{ lookup "v1" "Pod" "" "" | len }}'],
  // --- nondeterministic sprig functions: shape only -----------------------------------
  ['coverage', '{{ typeOf now }} {{ kindOf now }} {{ now | date "2006" | len }} {{ now | unixEpoch | len }}'],
  ['coverage', '{{ ago now }} {{ ago (toDate "2006-01-02" "2000-01-01") | hasSuffix "s" }} {{ printf "%T" (ago now) }}'],
  ['coverage', '{{ regexMatch "^[A-Za-z]{12}$" (randAlpha 12) }} {{ randAlpha 0 | len }} {{ printf "%T" (randAlpha 1) }}'],
  ['coverage', '{{ regexMatch "^[A-Za-z0-9]{40}$" (randAlphaNum 40) }} {{ randAlphaNum 3 | len }}'],
  ['coverage', '{{ regexMatch "^[ -~]{40}$" (randAscii 40) }} {{ randAscii 7 | len }}'],
  ['coverage', '{{ regexMatch "^[0-9]{40}$" (randNumeric 40) }} {{ randNumeric 5 | len }}'],
  ['coverage', `{{ regexMatch "${UUID_V4}" uuidv4 }} {{ ne uuidv4 uuidv4 }} {{ printf "%T" uuidv4 }}`],
  [
    'coverage',
    '{{ $ca := genCA "cov-ca" 30 }}{{ hasPrefix "-----BEGIN CERTIFICATE-----\\n" $ca.Cert }} {{ hasSuffix "-----END CERTIFICATE-----\\n" $ca.Cert }} {{ hasPrefix "-----BEGIN RSA PRIVATE KEY-----\\n" $ca.Key }} {{ printf "%T" $ca }}',
  ],
  [
    'coverage',
    '{{ $ca := genCA "cov-ca" 30 }}{{ $c := genSignedCert "leaf" (list "10.0.0.1") (list "a.example") 30 $ca }}{{ hasPrefix "-----BEGIN CERTIFICATE-----\\n" $c.Cert }} {{ hasPrefix "-----BEGIN RSA PRIVATE KEY-----\\n" $c.Key }} {{ ne $c.Cert $ca.Cert }}',
  ],
  // --- time.Time's MarshalJSON (RFC 3339, nanoseconds, trailing zeros trimmed) --------
  ['defects', '{{ toDate "2006-01-02T15:04:05.999999999Z07:00" "2024-03-05T10:11:12.123456789+02:00" | toJson }}'],
  ['defects', '{{ toDate "2006-01-02" "2024-07-04" | toJson }} {{ toDate "2006-01-02" "2024-01-04" | toRawJson }}'],
  ['defects', '{{ dict "t" (toDate "2006-01-02 15:04:05.000" "2024-01-02 03:04:05.500") | toJson }}'],
  ['defects', '{{ toDate "2006-01-02T15:04:05Z07:00" "2024-03-05T10:11:12Z" | toJson }} {{ list (toDate "2006-01-02 MST" "2024-03-05 UTC") | toPrettyJson }}'],
  ['defects', '{{ toDate "2006-01-02" "2024-03-05" | toYaml }}|{{ toDate "2006-01-02" "2024-03-05" | toYamlPretty }}'],
  ['defects', '{{ dict "t" (toDate "2006-01-02" "2024-03-05") "u" (list (toDate "2006-01-02T15:04:05.999Z07:00" "2024-03-05T01:02:03.45+05:30")) | toYamlPretty }}'],
  ['defects', '{{ dict "t" (toDate "2006-01-02" "2024-03-05") "l" (list (toDate "2006-01-02T15:04:05.999Z07:00" "2024-03-05T01:02:03.45+05:30")) "m" (dict "x" 1) | toToml }}'],
  ['defects', '{{ fromToml "a = 1979-05-27T07:32:00Z\\nb = 1979-05-27T00:32:00.999999-07:00\\nd = 1979-05-27\\nf = [1979-05-27T07:32:00Z, 1979-05-27]" | toToml }}'],
  ['defects', '{{ toDate "2006-01-02" "9999-12-31" | dateModify "+48h" | toJson | quote }} {{ toDate "2006-01-02" "9999-12-31" | dateModify "+48h" | toYaml | quote }} {{ toDate "2006-01-02" "9999-12-31" | dateModify "+48h" | toYamlPretty }}'],
  ['defects', '{{ toDate "2006-01-02Z07:00" "2024-03-05+24:00" | toJson | quote }} {{ toDate "2006-01-02Z07:00" "2024-03-05+23:59" | toJson }}'],
  ['defects', '{{ toDate "2006-01-02Z07:00" "2024-03-05+24:00" | mustToPrettyJson }}'],
  ['defects', '{{ toDate "2006-01-02" "9999-12-31" | dateModify "+48h" | mustToJson }}'],
  ['defects', `{{ now | toJson | regexMatch "${RFC3339_JSON}" }}`],
  // --- a leading U+FEFF is content in Go ----------------------------------------------
  ['defects', '{{ b64dec "77u/aGk=" | printf "%q" }} {{ b64dec "77u/aGk=" | len }} {{ "\\ufeffhi" | b64enc }}'],
  ['defects', '{{ b32enc "\\ufeffx" | b32dec | printf "%q" }}'],
  ['defects', '{{ (urlParse "http://h/%EF%BB%BFp").path | printf "%q" }}'],
  ['defects', '{{ encryptAES "k" "\\ufeffx" | decryptAES "k" | printf "%q" }}'],
  // --- characters Unicode assigned after 15.0 (Go 1.23's tables) ----------------------
  ['defects', '{{ upper "ɤ" | printf "%q" }} {{ lower "Ɤ" | printf "%q" }} {{ lower "𐵐" | printf "%q" }} {{ upper "ᲊ" | printf "%q" }}'],
  ['defects', '{{ title "ɤx ᲊy ꟋZ" | printf "%q" }} {{ untitle "Ɤx" | printf "%q" }} {{ swapcase "ɤꟋ" | printf "%q" }}'],
  ['defects', '{{ snakecase "aꟋb" | printf "%q" }} {{ camelcase "ꟋꟋ_xɤ" | printf "%q" }} {{ kebabcase "xꟋY" | printf "%q" }} {{ initials "Ɤa ɤb" | printf "%q" }}'],
  // --- float map keys go through float32, so large ones become infinities --------------
  // (keys must stay distinct: sigs.k8s.io/yaml walks a Go map, so which of two colliding keys
  // wins varies from run to run in helm)
  ['defects', '{{ fromYaml "1e300: a\\n-1.0e+39: b\\n0.1: d\\n1e-50: e\\n16777217: f" | toJson }}'],
];
