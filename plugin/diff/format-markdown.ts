/**
 * The markdown format, for a pull-request comment: summary, rollout and findings first, then
 * one section per service with its per-DPU groups and each object's diff in a collapsed
 * <details>. The whole text stays under `maxChars` (default 60,000; GitHub refuses comments
 * over 65,536): when it would not, object diffs are left out from the last one up, then the
 * DPU name lists, then the text is cut at a line; a closing note says what was cut.
 */
import { count, groupHeadline, objectName, plural, rolloutLine, summaryLine, valueChange } from './describe.js';
import { OTHER_OBJECTS, type DiffReport } from './report.js';

export const DEFAULT_MARKDOWN_MAX_CHARS = 60_000;
/** DPU names listed per group before "and N more". */
const DPU_NAMES_SHOWN = 100;

type BlockKind = 'text' | 'objectDiff' | 'dpuList';
interface Block {
  kind: BlockKind;
  text: string;
  /** What replaces it when cut. */
  cut?: string;
}

/** Inline code that survives backticks in the text. */
function code(s: string): string {
  const longest = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return longest ? `${fence} ${s} ${fence}` : `${fence}${s}${fence}`;
}

function fenced(lang: string, body: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/^`{3,}/gm)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${body.replace(/\n?$/, '\n')}${fence}\n`;
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function formatMarkdown(r: DiffReport, o: { maxChars?: number } = {}): string {
  const maxChars = o.maxChars ?? DEFAULT_MARKDOWN_MAX_CHARS;
  const blocks: Block[] = [];
  const text = (t: string): void => void blocks.push({ kind: 'text', text: t });
  text(`### dpu-gitops diff\n\nbase ${code(r.base.label)} → head ${code(r.head.label)}: **${summaryLine(r)}**\n`);
  for (const [name, side] of [['base', r.base], ['head', r.head]] as const) {
    if (!side.rendered) text(`\n> **${name} does not render** (${plural(side.errors, 'error')}): see the findings; objects and DPUs are not compared.\n`);
  }
  if (r.rollout.daemonSets.length || r.rollout.startupWithoutRestart.length) {
    let t = '\n#### Rollout\n\n';
    for (const d of r.rollout.daemonSets) t += `- ${rolloutLine(d)}${d.notes.length ? ` (${d.notes.join('; ')})` : ''}\n`;
    for (const s of r.rollout.startupWithoutRestart) t += `- ${code(s.service)}: startup config changes on ${plural(s.dpus, 'DPU')} without a pod restart; it applies when each pod restarts\n`;
    text(t);
  }
  for (const [title, list] of [['New findings in head', r.findings.new], ['Findings fixed in head', r.findings.fixed]] as const) {
    if (!list.length) continue;
    let t = `\n#### ${title}\n\n`;
    for (const f of list) {
      const where = [f.location, f.object, f.field].filter(Boolean).join(' ');
      t += `- **${f.severity}** ${where ? `${code(where)}: ` : ''}${escapeHtml(f.message)}\n`;
    }
    text(t);
  }
  for (const s of r.services) {
    text(s.service === OTHER_OBJECTS ? '\n#### Other objects\n\n' : `\n#### DPUService ${code(s.service)} (${s.status}${s.replaces ? ` from ${code(s.replaces)}` : ''})\n\n`);
    const p = s.perDpu;
    if (p) {
      const changed = p.groups.reduce((n, g) => n + g.count, 0);
      let t = `**Per DPU**: ${count(changed)} of ${plural(p.dpusHead, 'DPU')} change, ${count(p.unchanged)} unchanged`;
      if (p.added.length) t += `, ${count(p.added.length)} newly targeted`;
      if (p.removed.length) t += `, ${count(p.removed.length)} no longer targeted`;
      if (p.shards) t += `; startup shards ${p.shards.base} → ${p.shards.head}`;
      text(`${t}\n\n`);
      for (const g of p.groups) {
        let line = `- **${groupHeadline(g, p.dpusHead)}**`;
        if (g.values.length === 1 && !g.startup.length) line += `: ${code(valueChange(g.values[0]!))}\n`;
        else {
          line += '\n';
          for (const v of g.values) line += `  - ${code(valueChange(v))}\n`;
          if (g.startup.length) line += `\n  startup config:\n\n${fenced('diff', g.startup.join('\n')).replace(/^(?=.)/gm, '  ')}\n`;
        }
        text(line);
        blocks.push({ kind: 'dpuList', text: dpuList(g.dpus), cut: '' });
      }
      for (const [label, list] of [['newly targeted', p.added], ['no longer targeted', p.removed]] as const) {
        if (!list.length) continue;
        text(`- **${plural(list.length, 'DPU')} ${label}**\n`);
        blocks.push({ kind: 'dpuList', text: dpuList(list), cut: '' });
      }
      text('\n');
    }
    for (const c of s.objects) {
      const summary = `${c.change} ${escapeHtml(objectName(c))}`;
      blocks.push({
        kind: 'objectDiff',
        text: `<details><summary>${summary}</summary>\n\n${fenced('diff', c.diff)}\n</details>\n`,
        cut: `- ${summary} (diff cut)\n`,
      });
    }
  }
  return fit(blocks, maxChars);
}

function dpuList(dpus: readonly string[]): string {
  const shown = dpus.slice(0, DPU_NAMES_SHOWN).join(', ');
  const more = dpus.length > DPU_NAMES_SHOWN ? `, and ${count(dpus.length - DPU_NAMES_SHOWN)} more` : '';
  return `  <details><summary>DPUs</summary>\n\n  ${shown}${more}\n  </details>\n`;
}

/** The blocks joined, cutting what the header comment names until the text fits. */
function fit(blocks: Block[], maxChars: number): string {
  const total = (): number => blocks.reduce((n, b) => n + b.text.length, 0);
  const cut: Record<BlockKind, number> = { text: 0, objectDiff: 0, dpuList: 0 };
  const NOTE_ROOM = 400;
  for (const kind of ['objectDiff', 'dpuList'] as const) {
    for (let i = blocks.length - 1; i >= 0 && total() > maxChars - NOTE_ROOM; i--) {
      const b = blocks[i]!;
      if (b.kind !== kind || b.cut === undefined) continue;
      blocks[i] = { kind: 'text', text: b.cut };
      cut[kind]++;
    }
  }
  let out = blocks.map((b) => b.text).join('');
  let truncated = false;
  if (out.length > maxChars - NOTE_ROOM) {
    out = out.slice(0, out.lastIndexOf('\n', maxChars - NOTE_ROOM) + 1);
    // close what the cut left open: a code fence, then <details> blocks
    if ((out.match(/^ *`{3,}/gm) ?? []).length % 2 === 1) out += '```\n';
    const open = (out.match(/<details>/g) ?? []).length - (out.match(/<\/details>/g) ?? []).length;
    for (let i = 0; i < open; i++) out += '</details>\n';
    truncated = true;
  }
  if (cut.objectDiff || cut.dpuList || truncated) {
    const what = [cut.objectDiff ? plural(cut.objectDiff, 'object diff') : '', cut.dpuList ? plural(cut.dpuList, 'DPU list') : '', truncated ? 'the text after this point' : ''].filter(Boolean).join(', ');
    out += `\n> Cut to stay under ${count(maxChars)} characters: ${what} left out. The whole report: \`dpu-gitops diff --format json\`.\n`;
  }
  return out;
}
