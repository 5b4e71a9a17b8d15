/** The terminal format: plain text, ANSI colours only when asked (the CLI asks on a TTY). */
import { count, groupHeadline, objectName, plural, rolloutLine, summaryLine, valueChange } from './describe.js';
import { OTHER_OBJECTS, type DiffReport } from './report.js';

const ANSI = { red: '\x1b[31m', green: '\x1b[32m', cyan: '\x1b[36m', bold: '\x1b[1m', reset: '\x1b[0m' };

export function formatTerminal(r: DiffReport, o: { color: boolean }): string {
  const paint = (code: keyof typeof ANSI, s: string): string => (o.color ? `${ANSI[code]}${s}${ANSI.reset}` : s);
  const diffLine = (l: string): string => (l.startsWith('+') ? paint('green', l) : l.startsWith('-') ? paint('red', l) : l.startsWith('@@') ? paint('cyan', l) : l);
  const out: string[] = [];
  out.push(paint('bold', `diff ${r.base.label} -> ${r.head.label}: ${summaryLine(r)}`));
  for (const s of r.services) {
    out.push('', paint('bold', s.service === OTHER_OBJECTS ? 'Other objects' : `DPUService ${s.service} (${s.status}${s.replaces ? ` from ${s.replaces}` : ''})`));
    const p = s.perDpu;
    if (p) {
      out.push(`  per DPU: ${count(p.dpusHead)} targeted (base ${count(p.dpusBase)}), ${count(p.unchanged)} unchanged`);
      if (p.shards) out.push(`  startup shards: ${p.shards.base} -> ${p.shards.head}`);
      if (p.added.length) out.push(`  + ${plural(p.added.length, 'DPU')} newly targeted: ${p.added.join(', ')}`);
      if (p.removed.length) out.push(`  - ${plural(p.removed.length, 'DPU')} no longer targeted: ${p.removed.join(', ')}`);
      for (const g of p.groups) {
        out.push(`  ${groupHeadline(g, p.dpusHead)}: ${g.dpus.join(', ')}`);
        for (const v of g.values) out.push(`    ${valueChange(v)}`);
        for (const l of g.startup) out.push(`    startup ${diffLine(l)}`);
      }
    }
    for (const c of s.objects) {
      out.push(`  ${c.change} ${objectName(c)}`);
      for (const l of c.diff.replace(/\n$/, '').split('\n')) if (l) out.push(`    ${diffLine(l)}`);
    }
  }
  if (r.rollout.daemonSets.length || r.rollout.startupWithoutRestart.length) {
    out.push('', paint('bold', 'Rollout'));
    for (const d of r.rollout.daemonSets) {
      out.push(`  ${rolloutLine(d)}`);
      for (const n of d.notes) out.push(`    note: ${n}`);
    }
    for (const s of r.rollout.startupWithoutRestart) out.push(`  ${s.service}: startup config changes on ${plural(s.dpus, 'DPU')}, no pod restart: it applies when each pod restarts`);
  }
  for (const [title, list] of [['Findings new in head', r.findings.new], ['Findings fixed in head', r.findings.fixed]] as const) {
    if (!list.length) continue;
    out.push('', paint('bold', title));
    for (const f of list) out.push(`  ${f.severity}: ${[f.location, f.object, f.field].filter(Boolean).join(' ')}${f.location || f.object || f.field ? ': ' : ''}${f.message}`);
  }
  out.push('', `renders: ${count(r.renders.rendered)} DPUService renders, ${count(r.renders.reused)} reused (identical inputs on both sides)`);
  return `${out.join('\n')}\n`;
}
