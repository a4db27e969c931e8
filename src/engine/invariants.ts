// Checks what a rule version returned for one opportunity before anything is
// written: one result per lane, exact decimals, shares within 100%, amounts
// summing to the lane's grant to the cent, no partner twice in a lane.
// A violation is a defect in the rules runtime, so the run fails loudly
// rather than store numbers finance cannot trust.
import type { OpportunityAttribution } from '../domain/attribution.js';
import { LANES } from '../domain/enums.js';
import { parseAmount, parseShare, formatAmount, formatShare, SHARE_ONE, sumUnits } from '../domain/decimal.js';

class InvariantViolation extends Error {
  readonly code = 'ATTRIBUTION_INVARIANT';
  constructor(
    readonly opportunityKey: string,
    readonly problems: string[],
  ) {
    super(`attribution of opportunity ${opportunityKey} breaks the engine invariants: ${problems.join('; ')}`);
    this.name = 'InvariantViolation';
  }
}

/** Lists every broken invariant (empty when the attribution is sound). */
export function attributionProblems(result: OpportunityAttribution, opportunityAmount?: string): string[] {
  const problems: string[] = [];
  const seenLanes = new Set<string>();
  const total = opportunityAmount === undefined ? undefined : parseAmount(opportunityAmount);
  for (const lane of result.lanes) {
    if (!(LANES as readonly string[]).includes(lane.lane)) {
      problems.push(`unknown lane "${lane.lane}"`);
      continue;
    }
    if (seenLanes.has(lane.lane)) problems.push(`lane ${lane.lane} appears twice`);
    seenLanes.add(lane.lane);
    const granted = tryParse(() => parseShare(lane.grantedShare), problems, `lane ${lane.lane} grantedShare`);
    const grantedAmount = tryParse(() => parseAmount(lane.grantedAmount), problems, `lane ${lane.lane} grantedAmount`);
    if (granted !== null && (granted < 0n || granted > SHARE_ONE))
      problems.push(`lane ${lane.lane} grants ${lane.grantedShare}, outside 0..1`);
    if (grantedAmount !== null && grantedAmount < 0n) problems.push(`lane ${lane.lane} grants a negative amount`);
    if (grantedAmount !== null && total !== undefined && total >= 0n && grantedAmount > total) {
      problems.push(`lane ${lane.lane} grants ${lane.grantedAmount}, more than the opportunity amount ${opportunityAmount}`);
    }
    const shares: bigint[] = [];
    const amounts: bigint[] = [];
    const partners = new Set<string>();
    for (const a of lane.allocations) {
      const who = a.partnerKey ?? `(no partner, ${a.role})`;
      if (a.lane !== lane.lane) problems.push(`allocation for ${who} says lane ${a.lane} inside lane ${lane.lane}`);
      if (partners.has(who)) problems.push(`${who} appears twice in lane ${lane.lane}`);
      partners.add(who);
      const s = tryParse(() => parseShare(a.share), problems, `share of ${who} in lane ${lane.lane}`);
      const m = tryParse(() => parseAmount(a.amount), problems, `amount of ${who} in lane ${lane.lane}`);
      if (s !== null) {
        if (s < 0n) problems.push(`${who} has a negative share in lane ${lane.lane}`);
        shares.push(s);
      }
      if (m !== null) {
        if (m < 0n) problems.push(`${who} has a negative amount in lane ${lane.lane}`);
        amounts.push(m);
      }
    }
    const shareSum = sumUnits(shares);
    if (shareSum > SHARE_ONE) problems.push(`shares in lane ${lane.lane} sum to ${formatShare(shareSum)}, over 100%`);
    if (granted !== null && shareSum > granted) {
      problems.push(`shares in lane ${lane.lane} sum to ${formatShare(shareSum)}, more than the granted ${lane.grantedShare}`);
    }
    const amountSum = sumUnits(amounts);
    if (grantedAmount !== null && lane.allocations.length > 0 && amountSum !== grantedAmount) {
      problems.push(`amounts in lane ${lane.lane} sum to ${formatAmount(amountSum)}, not the granted ${lane.grantedAmount}`);
    }
  }
  return problems;
}

export function assertAttributionSound(result: OpportunityAttribution, opportunityAmount?: string): void {
  const problems = attributionProblems(result, opportunityAmount);
  if (problems.length) throw new InvariantViolation(result.opportunityKey, problems);
}

function tryParse(fn: () => bigint, problems: string[], what: string): bigint | null {
  try {
    return fn();
  } catch (err) {
    problems.push(`${what}: ${(err as Error).message}`);
    return null;
  }
}
