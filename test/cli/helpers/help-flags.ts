/**
 * Reads the flags a command's --help documents, as a user reads our help layout:
 *
 *   Usage: dpu-gitops cmd [--app-dir DIR] (--a FILE | --b)          usage lines
 *     -o, --output FORMAT   human (default), json, or helm: ...     a definition (2+ spaces, then
 *                           a description continued on deeper lines)
 *         --set, --set-json K=V   values as helm takes them         several flags sharing one metavar
 *     --config FILE, --no-config, --disable RULE,                   a list: each flag its own metavar
 *
 * A flag takes a value when an UPPERCASE metavar (FILE, REF=PATH, FILE.yaml), a pflag type
 * (string, strings, stringArray) or a choice metavar (on|off) follows it. Its description may
 * name choices ("warn (default), error or off", also after a colon or "as"; or "yaml: ...; json:
 * ..."), a range ("1-16", "at least 1000") and a default ("(default 10)").
 */

export interface DocumentedFlag {
  long: string;
  short?: string;
  /** Undefined: a boolean flag. */
  metavar?: string;
  choices?: string[];
  range?: { min: number; max?: number };
  /** The documented default, when it is one literal word or number. */
  defaultValue?: string;
  description: string;
}

const FLAG_ITEM = /^(?:(-[a-zA-Z]), )?(--[a-z][a-z0-9-]*)(?:[ =]((?:[A-Z][A-Z0-9_]*(?:[=.][A-Za-z0-9_]+)*)|string|strings|stringArray|stringSlice|int|duration|[a-z0-9]+(?:\|[a-z0-9]+)+)(?=$|[\s,\]|)]))?/;

/** One line's flags: `-x, --long META` items separated by ", ", and what follows them. */
function lineItems(text: string): { items: { short?: string; long: string; metavar?: string }[]; rest: string } | undefined {
  const items: { short?: string; long: string; metavar?: string }[] = [];
  // "APP_DIR, --app-dir DIR": a positional named with the flag that can replace it
  let rest = text.replace(/^[A-Z][A-Z_]*, (?=--)/, '');
  for (;;) {
    const m = FLAG_ITEM.exec(rest);
    if (!m) break;
    items.push({ long: m[2]!, ...(m[1] ? { short: m[1] } : {}), ...(m[3] ? { metavar: m[3] } : {}) });
    rest = rest.slice(m[0].length);
    if (!rest.startsWith(', -')) break;
    rest = rest.slice(2);
  }
  return items.length ? { items, rest } : undefined;
}

/** Drops parenthesised asides, innermost first: "warn (default), error" -> "warn, error". */
function withoutAsides(text: string): string {
  let t = text;
  for (let prev = ''; prev !== t; ) {
    prev = t;
    t = t.replace(/\s*\([^()]*\)/g, '');
  }
  return t;
}

const CHOICE_LIST = /^([a-z][a-z0-9-]*)((?:, [a-z][a-z0-9-]*)*),? or ([a-z][a-z0-9-]*)(?=$|[\s:;,.])/;

/** "a, b or c" at the start of the description or right after a colon in it. */
export function choicesOf(description: string): string[] | undefined {
  const plain = withoutAsides(description);
  const starts = [0, ...[...plain.matchAll(/: |\bas /g)].map((m) => m.index! + m[0].length)];
  for (const at of starts) {
    const m = CHOICE_LIST.exec(plain.slice(at));
    if (m) return [m[1]!, ...(m[2] ? m[2].split(', ').slice(1) : []), m[3]!];
  }
  // "yaml: the manifest stream; json: one JSON document": each value with its meaning
  const described = /^([a-z][a-z0-9-]*): [^;]*(?:; ([a-z][a-z0-9-]*): [^;]*)+/.exec(plain);
  if (described) return [...described[0].matchAll(/(?:^|; )([a-z][a-z0-9-]*): /g)].map((m) => m[1]!);
  return undefined;
}

export function rangeOf(description: string): { min: number; max?: number } | undefined {
  const between = /(?:^|[\s,(])(\d+)-(\d+)(?=$|[\s,;).])/.exec(description);
  if (between) return { min: Number(between[1]), max: Number(between[2]) };
  const atLeast = /\bat least (\d+)\b/.exec(description);
  return atLeast ? { min: Number(atLeast[1]) } : undefined;
}

function defaultOf(description: string): string | undefined {
  return /\(default:? "?([A-Za-z0-9.-]+)"?[;,)]/.exec(description)?.[1];
}

export function documentedFlags(help: string): DocumentedFlag[] {
  const lines = help.split('\n');
  const found = new Map<string, DocumentedFlag>();
  const add = (item: { short?: string; long: string; metavar?: string }, description: string): void => {
    const known = found.get(item.long);
    const flag: DocumentedFlag = {
      long: item.long,
      ...((item.short ?? known?.short) ? { short: item.short ?? known?.short } : {}),
      ...((item.metavar ?? known?.metavar) ? { metavar: item.metavar ?? known?.metavar } : {}),
      description: description || known?.description || '',
    };
    found.set(item.long, flag);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*Usage:|^\s+dpu-gitops /.test(line)) {
      // usage lines: [--flag META] and (--a FILE | --b) groups
      for (const m of line.matchAll(/(?<=[[(|]\s?)(?:-[a-zA-Z], )?--[a-z][a-z0-9-]*(?: [A-Z][A-Za-z0-9_=.]*)?/g)) {
        const parsed = lineItems(m[0]);
        if (parsed) for (const item of parsed.items) add(item, found.get(item.long)?.description ?? '');
      }
      continue;
    }
    const indent = /^(\s+)(?=-|[A-Z][A-Z_]*, --)/.exec(line)?.[1];
    if (indent === undefined) continue;
    const parsed = lineItems(line.slice(indent.length));
    if (!parsed) continue;
    const definition = parsed.rest === '' || /^(\s{2,}\S|\s[^\s(,])/.test(parsed.rest);
    if (!definition) {
      // a comma-separated list of flags in prose: each with its own metavar
      for (const item of parsed.items) add(item, '');
      continue;
    }
    // the description: the rest of the line and the deeper-indented lines under it
    const parts = [parsed.rest.trim()];
    while (i + 1 < lines.length) {
      const next = lines[i + 1]!;
      const nextIndent = /^\s*/.exec(next)![0].length;
      if (next.trim() === '' || nextIndent <= indent.length || next.trim().startsWith('-')) break;
      parts.push(next.trim());
      i++;
    }
    const description = parts.filter(Boolean).join(' ');
    const shared = parsed.items.length > 1 && parsed.items.slice(0, -1).every((it) => it.metavar === undefined) ? parsed.items.at(-1)!.metavar : undefined;
    for (const item of parsed.items) add(shared && !item.metavar ? { ...item, metavar: shared } : item, description);
  }
  const flags = [...found.values()];
  for (const flag of flags) {
    // "--format FORMAT  the same as --output": the other flag's values
    const alias = /^the same as (--[a-z][a-z0-9-]*)/.exec(flag.description)?.[1];
    const target = alias !== undefined ? found.get(alias) : undefined;
    const description = target ? target.description : flag.description;
    if (flag.metavar === undefined) continue;
    const choices = flag.metavar.includes('|') ? flag.metavar.split('|') : choicesOf(description);
    if (choices) flag.choices = choices;
    const range = rangeOf(description);
    if (range) flag.range = range;
    const def = defaultOf(description);
    if (def !== undefined) flag.defaultValue = def;
  }
  return flags.sort((a, b) => a.long.localeCompare(b.long));
}

/** Flags named in the prose of a help (not in a definition): each must be one the help defines. */
export function mentionedFlags(help: string): string[] {
  return [...new Set([...help.matchAll(/(?:^|[\s,[|(])(--[a-z][a-z0-9-]*)/gm)].map((m) => m[1]!))].sort();
}
