// Renders an ImpactReport like `terraform plan`: what changes, per
// opportunity, per partner, per channel, and the lane totals.
import type { ImpactReport, LaneAmounts, MovedCredit, AllocationSummary } from './preview.js';
import { parseShare } from '../domain/decimal.js';
import { percent } from './overrides.js';

const signed = (v: string) => (v.startsWith('-') ? v : `+${v}`);

function alloc(a: AllocationSummary): string {
  return `${a.lane} ${a.partner ?? '(no partner)'} ${a.role} ${percent(parseShare(a.share))} ${a.amount}`;
}

function movedTable(title: string, rows: MovedCredit[], limit = 20): string[] {
  if (rows.length === 0) return [];
  const lines = [
    title,
    `  ${'key'.padEnd(22)} ${'source before'.padStart(15)} ${'after'.padStart(15)} ${'Δ'.padStart(14)}   ${'influence before'.padStart(16)} ${'after'.padStart(15)} ${'Δ'.padStart(14)}`,
  ];
  for (const r of rows.slice(0, limit)) {
    lines.push(
      `  ${r.key.padEnd(22)} ${r.before.source.padStart(15)} ${r.after.source.padStart(15)} ${signed(r.delta.source).padStart(14)}   ${r.before.influence.padStart(16)} ${r.after.influence.padStart(15)} ${signed(r.delta.influence).padStart(14)}`,
    );
  }
  if (rows.length > limit) lines.push(`  … and ${rows.length - limit} more`);
  lines.push('');
  return lines;
}

function totals(t: { before: LaneAmounts; after: LaneAmounts; delta: LaneAmounts }): string[] {
  return [
    'Totals by lane (lanes are never added together):',
    `  source     ${t.before.source.padStart(15)} → ${t.after.source.padStart(15)}  (${signed(t.delta.source)})`,
    `  influence  ${t.before.influence.padStart(15)} → ${t.after.influence.padStart(15)}  (${signed(t.delta.influence)})`,
    '',
  ];
}

export function renderImpactReport(report: ImpactReport, opts: { maxOpportunities?: number } = {}): string {
  const c = report.candidate;
  const lines: string[] = [
    `Plan for rule set "${report.ruleSetKey}": ${c.status}${c.version ? ` version ${c.version}` : ''} (source ${c.sourceHash.slice(0, 12)}) against the current published results`,
    `as of ${report.asOf}; ${report.opportunities.evaluated} opportunit${report.opportunities.evaluated === 1 ? 'y' : 'ies'} evaluated.`,
    '',
  ];
  if (!report.hasChanges) {
    lines.push('No changes. The candidate gives every opportunity in scope exactly its current credit.');
    return lines.join('\n');
  }
  const max = opts.maxOpportunities ?? 25;
  lines.push('Opportunities:');
  for (const ch of report.changes.slice(0, max)) {
    const mark = ch.change === 'added' ? '+' : ch.change === 'removed' ? '-' : '~';
    lines.push(`  ${mark} ${ch.opportunityKey}${ch.change === 'added' ? '  (no current results yet)' : ''}`);
    const before = new Set(ch.before.map(alloc));
    const after = new Set(ch.after.map(alloc));
    for (const b of ch.before.map(alloc)) if (!after.has(b)) lines.push(`      - ${b}`);
    for (const a of ch.after.map(alloc)) if (!before.has(a)) lines.push(`      + ${a}`);
  }
  if (report.changes.length > max) lines.push(`  … and ${report.changes.length - max} more (use --json for all)`);
  lines.push('');
  lines.push(...movedTable('Credit moved per partner:', report.partners));
  lines.push(...movedTable('Credit moved per channel (channel of the earliest contributing touch):', report.channels));
  lines.push(...totals(report.totals));
  if (report.examples.length) {
    lines.push('Examples:');
    for (const e of report.examples) {
      lines.push(`  ${e.opportunityKey} — now:`, e.before, `  ${e.opportunityKey} — with the candidate:`, e.after, '');
    }
  }
  const o = report.opportunities;
  lines.push(`Plan: ${o.changed} to change, ${o.added} to add, ${o.unchanged} unchanged.`);
  return lines.join('\n');
}
