/**
 * .helmignore rules, mirroring helm v3.17.3 pkg/ignore (rules.go): one glob per line, `#`
 * comments, `!` negation, a trailing `/` for directories only, a leading `/` anchors to the
 * chart root, and patterns without `/` match the base name. `**` is rejected. The directory
 * loader always adds the default rule `templates/.?*` (dotfiles in templates/).
 */
import { BadPatternError, goMatch } from './glob.js';

/** ignore.HelmIgnore. */
export const HELM_IGNORE_FILE = '.helmignore';

/** A .helmignore line helm refuses, with its message (`double-star (**) syntax is not supported`). */
export class HelmIgnoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HelmIgnoreError';
  }
}

interface Pattern {
  raw: string;
  negate: boolean;
  mustDir: boolean;
  match: (path: string) => boolean;
}

/** ignore.Rules. */
export class IgnoreRules {
  private readonly patterns: Pattern[] = [];

  /** ignore.Empty. */
  static empty(): IgnoreRules {
    return new IgnoreRules();
  }

  /** ignore.Parse: the rules of a .helmignore file (a leading UTF-8 BOM is dropped). */
  static parse(text: string): IgnoreRules {
    const rules = new IgnoreRules();
    const body = text.startsWith('\ufeff') ? text.slice(1) : text;
    const lines = body.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (const line of lines) rules.parseRule(line.endsWith('\r') ? line.slice(0, -1) : line);
    return rules;
  }

  /** Rules.AddDefaults: ignore every dotfile in templates/. */
  addDefaults(): void {
    this.parseRule('templates/.?*');
  }

  /**
   * Rules.Ignore: whether a chart-relative path (`/`-separated) is ignored. Rules are tried
   * in order and the first match decides; a negated rule ignores everything it does NOT match
   * (helm's behaviour, unlike git's).
   */
  ignores(path: string, isDir: boolean): boolean {
    if (path === '' || path === '.' || path === './') return false;
    for (const p of this.patterns) {
      if (p.negate) {
        if (p.mustDir && !isDir) return true;
        if (!p.match(path)) return true;
        continue;
      }
      if (p.mustDir && !isDir) continue;
      if (p.match(path)) return true;
    }
    return false;
  }

  private parseRule(line: string): void {
    let rule = line.trim();
    if (rule === '' || rule.startsWith('#')) return;
    if (rule.includes('**')) throw new HelmIgnoreError('double-star (**) syntax is not supported');
    try {
      goMatch(rule, 'abc');
    } catch (e) {
      if (e instanceof BadPatternError) throw new HelmIgnoreError(e.message);
      throw e;
    }
    const raw = rule;
    let negate = false;
    let mustDir = false;
    if (rule.startsWith('!')) {
      negate = true;
      rule = rule.slice(1);
    }
    if (rule.endsWith('/')) {
      mustDir = true;
      rule = rule.slice(0, -1);
    }
    let match: (path: string) => boolean;
    if (rule.startsWith('/')) {
      const anchored = rule.slice(1);
      match = (path) => safeMatch(anchored, path);
    } else if (rule.includes('/')) {
      const structural = rule;
      match = (path) => safeMatch(structural, path);
    } else {
      const base = rule;
      match = (path) => safeMatch(base, baseName(path));
    }
    this.patterns.push({ raw, negate, mustDir, match });
  }
}

/** A pattern that passed validation can still fail after `!`/`/` are stripped: Go logs and says no. */
function safeMatch(pattern: string, name: string): boolean {
  try {
    return goMatch(pattern, name);
  } catch {
    return false;
  }
}

/** filepath.Base for `/` paths. */
function baseName(path: string): string {
  let p = path;
  while (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  const i = p.lastIndexOf('/');
  return i >= 0 ? p.slice(i + 1) : p;
}
