// Applies approved overrides (from resolved disputes) on top of what the rules
// computed, in every kind of run, so they survive recomputation until revoked.
//
// Policy, per opportunity and lane, overrides taken in approval order
// (approvedAt, then id):
//  - An override naming a partner replaces that partner's rule credit in the
//    lane with the override's role and share; share 0 removes the partner.
//  - An override naming no partner (e.g. role "unattributed" or "disputed")
//    replaces the whole lane.
//  - Override shares are fixed. If they exceed what is left of 100%, the later
//    override is cut to what remains. Rule allocations keep their shares when
//    they fit in the room the overrides leave; otherwise they are scaled down
//    proportionally to exactly fill it (6 places, largest remainder, ties to
//    the earlier allocation). Credit taken from a removed partner is NOT handed
//    to the others: nobody earns credit that neither the rules nor an approver
//    granted.
//  - The lane then grants the sum of its shares; its amount is
//    opportunity amount × that share rounded half-even to the cent, and split
//    over the allocations by share with the largest-remainder method so the
//    amounts add up to the grant exactly.
import type { AllocationResult, ExplanationStep, LaneResult, OpportunityAttribution } from '../domain/attribution.js';
import type { Lane } from '../domain/enums.js';
import { LANES } from '../domain/enums.js';
import {
  applyShare,
  formatAmount,
  formatShare,
  largestRemainder,
  parseAmount,
  parseShare,
  SHARE_ONE,
  sumUnits,
} from '../domain/decimal.js';

export interface OverrideFacts {
  id: string;
  opportunityId: string;
  partnerKey: string | null;
  disputeId: string | null;
  ruleSetKey: string | null;
  lane: Lane;
  role: string;
  share: string;
  reason: string;
  approvedBy: string;
  approvedAt: Date;
}

interface EngineAllocation extends AllocationResult {
  /** Set when the allocation comes from an approved override. */
  overrideId: string | null;
}

interface EngineLane extends Omit<LaneResult, 'allocations'> {
  allocations: EngineAllocation[];
}

export interface EngineAttribution {
  opportunityKey: string;
  lanes: EngineLane[];
  excluded: ExplanationStep[];
}

const OVERRIDE_RULE = 'override';

/** Lifts a rule result into the engine's shape (no overrides). */
export function fromRuleResult(result: OpportunityAttribution): EngineAttribution {
  return {
    opportunityKey: result.opportunityKey,
    lanes: result.lanes.map((l) => ({ ...l, allocations: l.allocations.map((a) => ({ ...a, overrideId: null })) })),
    excluded: [...result.excluded],
  };
}

export function percent(share: bigint): string {
  const text = formatShare(share * 100n);
  return `${text.replace(/\.?0+$/, '')}%`;
}

/** Returns a new attribution with `overrides` applied (input untouched). */
export function applyOverrides(
  result: OpportunityAttribution | EngineAttribution,
  opportunityAmount: string,
  overrides: readonly OverrideFacts[],
): EngineAttribution {
  const base =
    'lanes' in result && result.lanes.every((l) => l.allocations.every((a) => 'overrideId' in a))
      ? (structuredClone(result) as EngineAttribution)
      : fromRuleResult(result as OpportunityAttribution);
  if (overrides.length === 0) return base;
  const amountCents = parseAmount(opportunityAmount);
  const ordered = [...overrides].sort((a, b) => a.approvedAt.getTime() - b.approvedAt.getTime() || cmp(a.id, b.id));

  for (const laneName of LANES) {
    const laneOverrides = ordered.filter((o) => o.lane === laneName);
    if (laneOverrides.length === 0) continue;
    let lane = base.lanes.find((l) => l.lane === laneName);
    if (!lane) {
      lane = { lane: laneName, grantedShare: formatShare(0n), grantedAmount: formatAmount(0n), rule: null, allocations: [] };
      base.lanes.push(lane);
      base.lanes.sort((a, b) => LANES.indexOf(a.lane) - LANES.indexOf(b.lane));
    }
    applyLaneOverrides(lane, laneOverrides, amountCents, base.excluded);
  }
  return base;
}

interface Entry {
  alloc: EngineAllocation;
  share: bigint;
  fixed: boolean;
}

function applyLaneOverrides(lane: EngineLane, overrides: OverrideFacts[], amountCents: bigint, excluded: ExplanationStep[]): void {
  let entries: Entry[] = lane.allocations.map((a) => ({ alloc: a, share: parseShare(a.share), fixed: a.overrideId !== null }));

  for (const o of overrides) {
    const replaced = entries.filter((e) => o.partnerKey === null || e.alloc.partnerKey === o.partnerKey);
    entries = entries.filter((e) => !replaced.includes(e));
    const room = SHARE_ONE - sumUnits(entries.filter((e) => e.fixed).map((e) => e.share));
    const requested = parseShare(o.share);
    const share = requested < room ? requested : room < 0n ? 0n : room;
    const approval =
      `override ${o.id} approved by ${o.approvedBy} on ${o.approvedAt.toISOString().slice(0, 10)}` +
      `${o.disputeId ? ` (dispute ${o.disputeId})` : ''}`;
    const replacedData = replaced.map((e) => ({
      partnerKey: e.alloc.partnerKey,
      role: e.alloc.role,
      share: formatShare(e.share),
      rule: e.alloc.rule,
    }));
    for (const e of replaced) {
      excluded.push({
        kind: 'override',
        message: `${e.alloc.partnerKey ?? 'the unattributed share'} lost its rule credit in the ${lane.lane} lane (${e.alloc.role}, ${percent(e.share)}) to ${approval}.`,
        data: {
          overrideId: o.id,
          disputeId: o.disputeId,
          lane: lane.lane,
          partnerKey: e.alloc.partnerKey,
          role: e.alloc.role,
          share: formatShare(e.share),
        },
      });
    }
    if (share === 0n && o.partnerKey !== null) continue;
    const steps: ExplanationStep[] = [
      {
        kind: 'override',
        message: `${o.partnerKey ?? 'No partner'} is ${o.role} with ${percent(share)} of the ${lane.lane} lane by ${approval}. Reason: ${o.reason}`,
        data: {
          overrideId: o.id,
          disputeId: o.disputeId,
          approvedBy: o.approvedBy,
          approvedAt: o.approvedAt.toISOString(),
          requestedShare: formatShare(requested),
          replaced: replacedData,
        },
      },
    ];
    if (share < requested) {
      steps.push({
        kind: 'cap',
        message: `Cut from ${percent(requested)} to ${percent(share)}: earlier overrides already hold the rest of the lane.`,
      });
    }
    entries.push({
      fixed: true,
      share,
      alloc: {
        lane: lane.lane,
        partnerKey: o.partnerKey,
        role: o.role,
        share: formatShare(share),
        amount: formatAmount(0n),
        rule: OVERRIDE_RULE,
        touchpointIds: [...new Set(replaced.flatMap((e) => e.alloc.touchpointIds))].sort(),
        explanation: steps,
        overrideId: o.id,
      },
    });
  }

  // Fit rule allocations into the room the overrides leave.
  const room = SHARE_ONE - sumUnits(entries.filter((e) => e.fixed).map((e) => e.share));
  const free = entries.filter((e) => !e.fixed);
  const freeSum = sumUnits(free.map((e) => e.share));
  if (freeSum > room) {
    const scaled = largestRemainder(
      room < 0n ? 0n : room,
      free.map((e) => e.share),
      { allZero: 'zeros' },
    );
    free.forEach((e, i) => {
      const before = e.share;
      e.share = scaled[i]!;
      e.alloc = {
        ...e.alloc,
        explanation: [
          ...e.alloc.explanation,
          {
            kind: 'override',
            message: `Scaled from ${percent(before)} to ${percent(e.share)} to make room for overrides in the ${lane.lane} lane.`,
            data: { before: formatShare(before), after: formatShare(e.share) },
          },
        ],
      };
    });
  }

  const totalShare = sumUnits(entries.map((e) => e.share));
  const grantedAmount = applyShare(amountCents, totalShare);
  const amounts = largestRemainder(
    grantedAmount,
    entries.map((e) => e.share),
    { allZero: 'zeros' },
  );
  lane.grantedShare = formatShare(totalShare);
  lane.grantedAmount = formatAmount(grantedAmount);
  lane.allocations = entries.map((e, i) => ({ ...e.alloc, share: formatShare(e.share), amount: formatAmount(amounts[i]!) }));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
