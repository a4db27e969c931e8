// Turns an opportunity's attribution into CreditAllocation rows, in a stable
// order (lane order, then the order the rules returned), with an explanation
// document built only from the evaluation (no clock, no ids of the run), so
// the same data and version always give byte-identical rows.
import type { ExplanationStep } from '../domain/attribution.js';
import type { Lane } from '../domain/enums.js';
import { LANES } from '../domain/enums.js';
import { formatAmount, formatShare } from './decimal.js';
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
  /** Touches the rules left out for this opportunity (same on every row of it). */
  excluded: ExplanationStep[];
}

export function allocationRows(
  opportunity: { id: string; currency: string },
  attribution: EngineAttribution,
): AllocationRow[] {
  const rows: AllocationRow[] = [];
  const excluded = jsonSafe(attribution.excluded);
  const lanes = [...attribution.lanes].sort((a, b) => LANES.indexOf(a.lane) - LANES.indexOf(b.lane));
  for (const lane of lanes) {
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
          steps: jsonSafe(a.explanation),
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
        excluded,
      },
      overrideId: null,
    });
  }
  return rows;
}

/** Deep copy through JSON so Dates become ISO strings and undefined drops out. */
function jsonSafe<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
