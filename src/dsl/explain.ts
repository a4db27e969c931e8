// Plain-language rendering of an attribution result, for `attrib explain`,
// GraphQL and reviewers: lane by lane, partner by partner, with every
// counted and excluded touch and why.
import type { OpportunityAttribution, OpportunityFacts } from '../domain/attribution.js';
import { isoDate } from './conditions.js';
import { formatDecimal } from '../domain/decimal.js';
import { mul, parseRatio, ratio, roundRatio } from '../domain/rational.js';

const percent = (share: string): string => {
  const r = parseRatio(share);
  return `${formatDecimal(roundRatio(mul(r, ratio(10_000n)), 'half-up'), 2)}%`;
};

export function renderExplanation(result: OpportunityAttribution, facts?: OpportunityFacts): string {
  const lines: string[] = [];
  if (facts) {
    lines.push(
      `Opportunity ${facts.key} "${facts.name}": ${facts.amount} ${facts.currency}, ${facts.stage}, created ${isoDate(facts.createdAt)}${facts.closedAt ? `, closed ${isoDate(facts.closedAt)}` : ', still open'}; ${facts.touchpoints.length} partner touch${facts.touchpoints.length === 1 ? '' : 'es'}.`,
    );
  } else {
    lines.push(`Opportunity ${result.opportunityKey}`);
  }
  const currency = facts ? ` ${facts.currency}` : '';
  for (const lane of result.lanes) {
    lines.push('');
    lines.push(
      `Lane ${lane.lane}: grants ${percent(lane.grantedShare)} = ${lane.grantedAmount}${currency}${lane.rule ? `, decided by rule "${lane.rule}"` : ', no rule matched'}`,
    );
    for (const a of lane.allocations) {
      const who = a.partnerKey ?? '(no partner)';
      lines.push(`  ${who}: ${a.role}, ${percent(a.share)} of the opportunity = ${a.amount}${currency}`);
      for (const s of a.explanation) lines.push(`    - ${s.message}`);
    }
  }
  if (result.excluded.length > 0) {
    lines.push('');
    lines.push('Not counted:');
    for (const s of result.excluded) lines.push(`  - ${s.message}`);
  }
  return lines.join('\n');
}
