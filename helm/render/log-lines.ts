/**
 * helm logs warnings with Go's log package and `log.Lshortfile`, so each line starts with the
 * helm v3.17.3 source file and line of the call (`coalesce.go:237: warning: ...`). Our modules
 * report the message only; this adds the prefix helm would print for it.
 */

/** Message start → `file.go:LINE` of the log.Printf call in helm v3.17.3. */
const SOURCES: readonly [RegExp, string][] = [
  [/^warning: skipping globals because destination /, 'coalesce.go:138'],
  [/^warning: skipping globals because source /, 'coalesce.go:145'],
  [/^Conflict: cannot merge map onto non-map for /, 'coalesce.go:161'],
  [/^key .* is table\. Skipping$/s, 'coalesce.go:175'],
  [/^warning: unable to copy values, err: /, 'coalesce.go:209'],
  [/^warning: unable to convert values copy to values type/, 'coalesce.go:217'],
  [/^warning: skipped value for /, 'coalesce.go:237'],
  [/^warning: cannot overwrite table with non table for /, 'coalesce.go:298'],
  [/^warning: destination for /, 'coalesce.go:301'],
  [/^Warning: Condition path '/, 'dependencies.go:63'],
  [/^Warning: PathValue returned error /, 'dependencies.go:66'],
  [/^Warning: Tag '/, 'dependencies.go:94'],
  [/^Warning: ImportValues missing table from chart /, 'dependencies.go:269'],
  [/^Warning: ImportValues missing table: /, 'dependencies.go:286'],
  [/^Warning: Dependencies are handled in Chart\.yaml /, 'load.go:120'],
  [/^Warning: Dependency locking is handled in Chart\.lock /, 'load.go:138'],
  [/^found symbolic link in path: /, 'walk.go:75'],
  [/^info: skipping unknown hook: /, 'manifest_sorter.go:190'],
];

/** The line helm's logger prints for a message: `file.go:N: message` and a newline. */
export function logLine(message: string): string {
  const source = SOURCES.find(([re]) => re.test(message));
  const line = source === undefined ? message : `${source[1]}: ${message}`;
  return line.endsWith('\n') ? line : line + '\n';
}
