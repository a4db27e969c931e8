// Stage: the header names the rule set once, in order, with a plain version
// label, calendar dates in order, and (advice) an owner.
import type * as A from '../ast.js';
import { isValidDate } from '../literals.js';
import { report, type CheckContext } from './context.js';

export function checkHeader(file: A.RuleFile, ctx: CheckContext): void {
  const h = file.header;
  if (!h?.clauses.some((c) => c.kind === 'ruleset')) {
    const at = h?.range ?? { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
    report(ctx, 'missing-header', 'error', 'the file does not say which rule set it is', at, 'start the file with: ruleset <key> "Title"');
    if (!h) return;
  }
  const seen = new Map<string, A.SourceRange>();
  for (const c of h.clauses) {
    if (seen.has(c.kind))
      report(ctx, 'duplicate-header', 'error', `\`${c.kind}\` is given more than once`, c.range, 'keep one and remove the others');
    seen.set(c.kind, c.range);
  }
  const first = h.clauses[0];
  if (first && first.kind !== 'ruleset' && seen.has('ruleset')) {
    report(ctx, 'header-order', 'warning', 'the header should start with `ruleset`', first.range, 'move the ruleset line to the top');
  }
  if (h.version && !/^\d+$/.test(h.version.text) && !/^[A-Za-z0-9._-]+$/.test(h.version.text)) {
    report(
      ctx,
      'bad-version',
      'error',
      `version "${h.version.text}" is not a plain version label`,
      h.version.range,
      'use a number (version 3) or a label like "2026.1"',
    );
  }
  for (const d of [h.effectiveFrom, h.effectiveTo]) {
    if (d && !isValidDate(d.text))
      report(ctx, 'invalid-date', 'error', `${d.text} is not a calendar date`, d.range, 'write dates as YYYY-MM-DD, e.g. 2026-01-31');
  }
  if (
    h.effectiveFrom &&
    h.effectiveTo &&
    isValidDate(h.effectiveFrom.text) &&
    isValidDate(h.effectiveTo.text) &&
    h.effectiveTo.text < h.effectiveFrom.text
  ) {
    report(
      ctx,
      'invalid-effective-range',
      'error',
      `the rule set ends (${h.effectiveTo.text}) before it starts (${h.effectiveFrom.text})`,
      h.effectiveTo.range,
      'swap the dates',
    );
  }
  if (!h.owner && seen.has('ruleset'))
    report(ctx, 'missing-owner', 'info', 'no owner is named for this rule set', seen.get('ruleset')!, 'add: owner "revops@example.com"');
}
