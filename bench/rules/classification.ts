// A canonical, comparable form of an OpportunityAttribution: which partner got
// which role in which lane for which share and amount. Used to prove that the
// three rule implementations of the benchmark agree before they are timed.
// Explanation wording is deliberately not compared (it is presentation).
import type { OpportunityAttribution } from '../../src/domain/attribution.js';

/** "0.400000" → "0.4", "100.00" → "100", "-0" → "0": equal numbers, equal text. */
export function canonicalDecimal(value: string): string {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(value.trim());
  if (!m) return `invalid:${value}`;
  const int = m[2]!.replace(/^0+(?=\d)/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return body === '0' ? '0' : `${m[1]}${body}`;
}

export function classificationKey(result: OpportunityAttribution): string {
  const lanes = [...result.lanes]
    .sort((a, b) => a.lane.localeCompare(b.lane))
    .map((lane) => {
      const allocations = lane.allocations
        .map(
          (a) =>
            `${a.partnerKey ?? '-'}:${a.role}:${canonicalDecimal(a.share)}:${canonicalDecimal(a.amount)}:${a.rule}:[${[...a.touchpointIds].sort().join(',')}]`,
        )
        .sort();
      return `${lane.lane}[${canonicalDecimal(lane.grantedShare)}/${canonicalDecimal(lane.grantedAmount)}/${lane.rule ?? '-'}](${allocations.join(',')})`;
    });
  return `${result.opportunityKey} ${lanes.join(' ')}`;
}

export interface Disagreement {
  opportunityKey: string;
  expected: string;
  actual: string;
}

export function compareClassifications(
  expected: readonly OpportunityAttribution[],
  actual: readonly OpportunityAttribution[],
): Disagreement[] {
  const out: Disagreement[] = [];
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
    const e = expected[i] ? classificationKey(expected[i]!) : '<missing>';
    const a = actual[i] ? classificationKey(actual[i]!) : '<missing>';
    if (e !== a) out.push({ opportunityKey: expected[i]?.opportunityKey ?? actual[i]!.opportunityKey, expected: e, actual: a });
  }
  return out;
}
