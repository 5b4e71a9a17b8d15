/**
 * helm v3.17.3 pkg/lint/support: a lint message is a severity, a path (the file or folder it
 * is about, as helm names it) and a text; helm prints it as `[SEVERITY] path: text`.
 */

/** support.InfoSev / WarningSev / ErrorSev (UnknownSev is never used by the rules). */
export type HelmSeverity = 'INFO' | 'WARNING' | 'ERROR';

const RANK: Readonly<Record<HelmSeverity, number>> = { INFO: 1, WARNING: 2, ERROR: 3 };

export interface HelmLintMessage {
  severity: HelmSeverity;
  /** `Chart.yaml`, `values.yaml`, `templates/`, `templates/x.yaml`, the chart folder, or "". */
  path: string;
  text: string;
  /** For per-object template findings: which YAML document of the rendered file (0-based). */
  documentIndex?: number;
}

/** Message.Error(): what helm prints for one message. */
export function formatHelmMessage(m: HelmLintMessage): string {
  return `[${m.severity}] ${m.path}: ${m.text}`;
}

/** `severity >= lowest` in helm's order (INFO < WARNING < ERROR). */
export function atLeast(severity: HelmSeverity, lowest: HelmSeverity): boolean {
  return RANK[severity] >= RANK[lowest];
}

/** Collects messages as support.Linter.RunLinterRule does: an undefined text means the rule passed. */
export class MessageSink {
  readonly messages: HelmLintMessage[] = [];

  /** Records `text` when set; true when the rule passed (no text). */
  rule(severity: HelmSeverity, path: string, text: string | undefined, documentIndex?: number): boolean {
    if (text === undefined) return true;
    this.messages.push({ severity, path, text, ...(documentIndex !== undefined ? { documentIndex } : {}) });
    return false;
  }
}
