// Turns an opportunity's attribution into CreditAllocation rows, in a stable
// order (lane order, then the order the rules returned), with an explanation
// document built only from the evaluation (no clock, no ids of the run), so
// the same data and version always give byte-identical rows. Explanations are
// serialised with JSON.stringify on insert (Dates become ISO strings).
import type { ExplanationStep } from '../domain/attribution.js';
import type { Lane } from '../domain/enums.js';
import { LANES } from '../domain/enums.js';
import { formatAmount, formatShare } from '../domain/decimal.js';
import type { EngineAttribution } from './overrides.js';

/** Role written when the rules give an opportunity no credit in any lane. */
export const UNATTRIBUTED_ROLE = 'unattributed';

export interface AllocationRow {
  opportunityId: string;
  partnerKey: string | null;
  lane: Lane;
  role: string;
  share: string;
  amount: string;
  currency: string;
  contributingTouchpointIds: string[];
  explanation: AllocationExplanation;
  overrideId: string | null;
}

/** What CreditAllocation.explanation holds. */
export interface AllocationExplanation {
  rule: string;
  lane: { lane: Lane; rule: string | null; grantedShare: string; grantedAmount: string };
  steps: ExplanationStep[];
  /** Touches the rules left out in this row's lane (steps naming no lane are kept on every row). */
  excluded: ExplanationStep[];
}

export function allocationRows(opportunity: { id: string; currency: string }, attribution: EngineAttribution): AllocationRow[] {
  const rows: AllocationRow[] = [];
  const excludedIn = (lane: Lane) =>
    attribution.excluded.filter((e) => {
      const of = (e.data as { lane?: unknown } | undefined)?.lane;
      return of === undefined || of === lane;
    });
  const lanes = [...attribution.lanes].sort((a, b) => LANES.indexOf(a.lane) - LANES.indexOf(b.lane));
  for (const lane of lanes) {
    const excluded = excludedIn(lane.lane);
    for (const a of lane.allocations) {
      rows.push({
        opportunityId: opportunity.id,
        partnerKey: a.partnerKey,
        lane: lane.lane,
        role: a.role,
        share: a.share,
        amount: a.amount,
        currency: opportunity.currency,
        contributingTouchpointIds: [...new Set(a.touchpointIds)].sort(),
        explanation: {
          rule: a.rule,
          lane: { lane: lane.lane, rule: lane.rule, grantedShare: lane.grantedShare, grantedAmount: lane.grantedAmount },
          steps: a.explanation,
          excluded,
        },
        overrideId: a.overrideId,
      });
    }
  }
  if (rows.length === 0) {
    // Every evaluated opportunity leaves at least one row: it records that
    // the opportunity was attributed (to nobody) and lets the atomic switch
    // retire any older credit it had.
    rows.push({
      opportunityId: opportunity.id,
      partnerKey: null,
      lane: 'source',
      role: UNATTRIBUTED_ROLE,
      share: formatShare(0n),
      amount: formatAmount(0n),
      currency: opportunity.currency,
      contributingTouchpointIds: [],
      explanation: {
        rule: '(none)',
        lane: { lane: 'source', rule: null, grantedShare: formatShare(0n), grantedAmount: formatAmount(0n) },
        steps: [{ kind: 'note', message: 'No rule granted partner credit in any lane: the opportunity is unattributed.' }],
        excluded: attribution.excluded,
      },
      overrideId: null,
    });
  }
  return rows;
}
