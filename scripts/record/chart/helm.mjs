// Shared helpers for the chart recorders: run the real helm v3.17.3 binary in a throwaway
// environment and write small charts to disk. Never used by `npm test`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const HELM = process.env.HELM_BIN ?? '/tmp/helm-bins/v3/helm';
const home = mkdtempSync(join(tmpdir(), 'helm-record-'));

/** Runs helm; returns exit code, stdout and stderr. */
export function helm(args, cwd) {
  const r = spawnSync(HELM, args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      HELM_CONFIG_HOME: join(home, 'config'),
      HELM_CACHE_HOME: join(home, 'cache'),
      HELM_DATA_HOME: join(home, 'data'),
    },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `helm version --short`, for golden headers. */
export function helmVersion() {
  return helm(['version', '--short']).stdout.trim();
}

/** Writes files ({path: text}) under dir. */
export function writeTree(dir, files) {
  for (const [name, text] of Object.entries(files)) {
    const p = join(dir, name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
}

/** A fresh temp directory. */
export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A template that prints `.Values` (or any value) as typed JSON, one line:
 * maps -> objects, slices -> arrays, scalars -> {"t": "%T", "v": toJson}.
 */
export const DUMP_TEMPLATE = `{{- define "dump" -}}
{{- if kindIs "map" . -}}
{ {{- $first := true -}}{{- range $k, $v := . -}}{{- if not $first }},{{ end }}{{- $first = false -}}{{ $k | toJson }}:{{ include "dump" $v }}{{- end -}} }
{{- else if kindIs "slice" . -}}
[ {{- $first := true -}}{{- range . -}}{{- if not $first }},{{ end }}{{- $first = false -}}{{ include "dump" . }}{{- end -}} ]
{{- else -}}
{"t":{{ printf "%T" . | toJson }},"v":{{ toJson . }}}
{{- end -}}
{{- end -}}`;

/** Strips helm's `Error: ` prefix from stderr's error line. */
export function helmError(stderr) {
  const line = stderr.split('\n').find((l) => l.startsWith('Error: '));
  return line === undefined ? stderr.trim() : line.slice('Error: '.length);
}

/** The `log.Printf` lines helm wrote to stderr, without the `file.go:NN: ` prefix. */
export function logLines(stderr) {
  return stderr
    .split('\n')
    .filter((l) => /^[a-z_]+\.go:\d+: /.test(l))
    .map((l) => l.replace(/^[a-z_]+\.go:\d+: /, ''));
}
