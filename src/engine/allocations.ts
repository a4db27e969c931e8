// Turns an opportunity's attribution into CreditAllocation rows, in a stable
// order (lane order, then the order the rules returned), with an explanation
// document built only from the evaluation (no clock, no ids of the run), so
// the same data and version always give byte-identical rows. Explanations are
// stored compactly (./explanations.ts): each row keeps its own part, the
// first row of the opportunity carries the part its rows share; serialised
// with JSON.stringify on insert (Dates become ISO strings).
import type { ExplanationStep } from '../domain/attribution.js';
import type { Lane } from '../domain/enums.js';
import { LANES } from '../domain/enums.js';
import { formatAmount, formatShare } from '../domain/decimal.js';
import type { EngineAttribution } from './overrides.js';
import { commonHead, excludedInLane, sameJson, type RowExplanation, type SharedExplanation } from './explanations.js';

/** Role written when the rules give an opportunity no credit in any lane. */
const UNATTRIBUTED_ROLE = 'unattributed';

export interface AllocationRow {
  opportunityId: string;
  partnerKey: string | null;
  lane: Lane;
  role: string;
  share: string;
  amount: string;
  currency: string;
  contributingTouchpointIds: string[];
  /** The row's own part of its explanation (a row built elsewhere may hold the whole document). */
  explanation: RowExplanation | AllocationExplanation | Record<string, never>;
  overrideId: string | null;
  /** On the first row of an opportunity: the part of its rows' explanations stored once (credit_explanation). */
  shared?: SharedExplanation;
}

/** What CreditAllocation.explanation holds. */
export interface AllocationExplanation {
  rule: string;
  lane: { lane: Lane; rule: string | null; grantedShare: string; grantedAmount: string };
  steps: ExplanationStep[];
  /** Touches the rules left out in this row's lane (steps naming no lane are kept on every row). */
  excluded: ExplanationStep[];
}

/** An allocation row with the whole explanation document (what a reader renders). */
interface FullAllocationRow extends Omit<AllocationRow, 'explanation' | 'shared'> {
  explanation: AllocationExplanation;
}

/** The rows of an opportunity with whole explanations, in row order (the reference the compact form renders back to). */
export function fullAllocationRows(opportunity: { id: string; currency: string }, attribution: EngineAttribution): FullAllocationRow[] {
  return buildRows(opportunity, attribution).rows;
}

function buildRows(
  opportunity: { id: string; currency: string },
  attribution: EngineAttribution,
): { rows: FullAllocationRow[]; unattributed: boolean } {
  const rows: FullAllocationRow[] = [];
  const excludedIn = (lane: Lane) => attribution.excluded.filter((e) => excludedInLane(e, lane));
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
    return { rows, unattributed: true };
  }
  return { rows, unattributed: false };
}

/**
 * The rows of an opportunity, explanations compact: the shared part (every
 * excluded step once; per lane the grant and the steps all its rows start
 * with) on the first row, each row's own rule and remaining steps on the row.
 */
export function allocationRows(opportunity: { id: string; currency: string }, attribution: EngineAttribution): AllocationRow[] {
  const { rows: full, unattributed } = buildRows(opportunity, attribution);
  const rowLanes = [...new Set(full.map((r) => r.lane))];
  // Only the excluded steps some row shows (those of a lane without rows are in no row's explanation).
  const excluded = unattributed ? attribution.excluded : attribution.excluded.filter((e) => rowLanes.some((l) => excludedInLane(e, l)));
  const shared: SharedExplanation = { excluded, lanes: {} };
  const heads = new Map<Lane, number>();
  for (const lane of rowLanes) {
    const laneRows = full.filter((r) => r.lane === lane);
    // One grant per lane is what the shared part can hold; anything else is stored whole.
    if (!laneRows.every((r) => sameJson(r.explanation.lane, laneRows[0]!.explanation.lane))) return full;
    const n = commonHead(laneRows.map((r) => r.explanation.steps));
    heads.set(lane, n);
    shared.lanes[lane] = { lane: laneRows[0]!.explanation.lane, head: laneRows[0]!.explanation.steps.slice(0, n) };
  }
  return full.map((r, i) => {
    const own: RowExplanation = { rule: r.explanation.rule, steps: r.explanation.steps.slice(heads.get(r.lane)!) };
    if (unattributed) own.excludedAll = true;
    const row: AllocationRow = { ...r, explanation: own };
    if (i === 0) row.shared = shared;
    return row;
  });
}
