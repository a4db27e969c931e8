// The credit invariants every evaluation must satisfy, checked with plain
// BigInt arithmetic on the decimal strings.
import type { OpportunityAttribution } from '../../../src/domain/attribution.js';

const units = (s: string, places: number): bigint => {
  const m = /^(\d+)\.(\d+)$/.exec(s);
  if (!m || m[2]!.length !== places) throw new Error(`bad decimal "${s}" (want ${places} places)`);
  return BigInt(m[1]! + m[2]!);
};

export function creditProblems(r: OpportunityAttribution, amount: string): string[] {
  const problems: string[] = [];
  const total = units(amount, 2);
  for (const lane of r.lanes) {
    const granted = units(lane.grantedShare, 6);
    const grantedAmount = units(lane.grantedAmount, 2);
    if (granted > 1_000_000n) problems.push(`${lane.lane} grants more than 100%`);
    if (grantedAmount > total) problems.push(`${lane.lane} grants more than the amount`);
    const shares = lane.allocations.reduce((s, a) => s + units(a.share, 6), 0n);
    const amounts = lane.allocations.reduce((s, a) => s + units(a.amount, 2), 0n);
    if (shares !== granted) problems.push(`${lane.lane} shares sum to ${shares}, granted ${granted}`);
    if (amounts !== grantedAmount) problems.push(`${lane.lane} amounts sum to ${amounts}, granted ${grantedAmount}`);
    const keys = lane.allocations.map((a) => a.partnerKey ?? '(none)');
    if (new Set(keys).size !== keys.length) problems.push(`${lane.lane} lists a partner twice: ${keys.join(',')}`);
    for (const a of lane.allocations) if (a.lane !== lane.lane) problems.push('allocation in the wrong lane');
  }
  return problems;
}
