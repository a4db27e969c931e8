// One lane of one opportunity: which rule decides it (one pass per rule over
// the qualifying touches), the touches it leaves out, its credit (credit.ts)
// and the allocations with their explanations; a lane no rule matched is
// unmatched.ts.
import type { AllocationResult, ExplanationStep, LaneResult } from '../../domain/attribution.js';
import { isoDate } from '../conditions.js';
import type { CompiledLane } from './compiled.js';
import type { EvaluatePaths } from './credit.js';
import { exactCredit } from './exact-credit.js';
import { excludedStep, type ExcludedData } from './explanation.js';
import { integerCredit } from './integer-credit.js';
import { planOf } from './lane-plan.js';
import { described, type Prepared } from './prepare.js';
import { unmatchedLane } from './unmatched.js';

export function evaluateLane(lane: CompiledLane, p: Prepared, excluded: ExplanationStep[], paths: EvaluatePaths): LaneResult {
  const q = p.qualifying;
  const nq = q.length;
  const contexts = p.contexts;
  const rules = lane.rules;
  // One pass per rule over the qualifying touches: indices of the matches.
  // Once a rule has won, later rules only need to know whether they match at
  // all (for the "also matched" note), so their pass stops at the first match.
  const matchedBy: number[][] = [];
  let winnerIndex = -1;
  for (let r = 0; r < rules.length; r++) {
    const when = rules[r]!.when;
    const m: number[] = [];
    const decided = winnerIndex >= 0;
    if (when) {
      const test = when.test;
      for (let i = 0; i < nq; i++) {
        if (test(contexts[i]!)) {
          m.push(i);
          if (decided) break;
        }
      }
    } else {
      for (let i = 0; i < nq; i++) {
        m.push(i);
        if (decided) break;
      }
    }
    matchedBy.push(m);
    if (winnerIndex < 0 && m.length > 0) winnerIndex = r;
  }
  const plan = planOf(lane);
  if (winnerIndex < 0) return unmatchedLane(lane, p, excluded, plan);
  const laneText = `lane ${lane.lane}`;
  const rule = rules[winnerIndex]!;
  const matched = matchedBy[winnerIndex]!;
  const ruleSteps: ExplanationStep[] = [];
  const policyText = plan.policyText[winnerIndex]!;
  ruleSteps.push({
    kind: 'rule',
    data: { lane: lane.lane, rule: rule.name, policy: lane.policy },
    message: `Rule "${rule.name}" decided the ${laneText} (${policyText}): ${matched.length} of ${nq} qualifying touches met ${rule.conditionText ? `\`${rule.conditionText}\`` : 'it (no condition)'}.`,
  });
  const alsoMatched: string[] = [];
  for (let r = 0; r < rules.length; r++) if (r !== winnerIndex && matchedBy[r]!.length > 0) alsoMatched.push(`"${rules[r]!.name}"`);
  if (alsoMatched.length > 0) {
    ruleSteps.push({
      kind: 'note',
      data: { alsoMatched },
      message:
        lane.policy === 'unique'
          ? `${alsoMatched.length === 1 ? 'Rule' : 'Rules'} ${alsoMatched.join(', ')} also matched, which hit policy unique does not expect; "${rule.name}" was applied because it comes first. Review the rule set.`
          : `${alsoMatched.length === 1 ? 'Rule' : 'Rules'} ${alsoMatched.join(', ')} also matched but "${rule.name}" takes precedence under ${policyText}.`,
    });
  }
  if (p.closeNote && rule.conditionText?.includes('close')) ruleSteps.push({ kind: 'note', message: p.closeNote });
  // Touches of this lane that did not match the winning rule. Their steps
  // share one (read-only) data object: the same JSON, fewer allocations.
  const excludedData: ExcludedData = { lane: lane.lane, rule: rule.name };
  const when = rule.when;
  if (when) {
    const prefix = plan.excludedPrefix[winnerIndex]!;
    const doesNotCount = plan.doesNotCount[winnerIndex]!;
    const why = when.why;
    let next = 0;
    for (let i = 0; i < nq; i++) {
      if (next < matched.length && matched[next] === i) {
        next++;
        continue;
      }
      excluded.push(excludedStep(q[i]!.id, excludedData, prefix + described(p, i) + doesNotCount(why(contexts[i]!))));
    }
  }
  let selected = matched;
  if (rule.select !== 'all' && matched.length > 1) {
    const keep = rule.select === 'earliest' ? matched[0]! : matched[matched.length - 1]!;
    const kept = q[keep]!;
    selected = [keep];
    for (const i of matched) {
      if (q[i] === kept) continue;
      excluded.push(
        excludedStep(
          q[i]!.id,
          excludedData,
          `${laneText}, rule "${rule.name}": ${described(p, i)} matched, but the rule selects only the ${rule.select} touch`,
        ),
      );
    }
  }
  const credit =
    paths.integerCredit && rule.integerCredit
      ? integerCredit(rule, lane, p, selected, excluded, excludedData)
      : exactCredit(rule, lane, p, selected, excluded, excludedData);
  const { alloc, steps, touchIds, order } = credit;
  const allocations: AllocationResult[] = [];
  const credited = alloc.partners;
  const indexOf = (k: string): number => {
    for (let x = 0; x < credited.length; x++) if (credited[x]!.partnerKey === k) return x;
    return -1;
  };
  for (const k of order) {
    const index = indexOf(k);
    if (index < 0 && !credit.noCredit) continue;
    const a = index < 0 ? undefined : credited[index]!;
    const own = steps.get(k);
    const explanation = ruleSteps.slice();
    if (own) for (let s = 0; s < own.length; s++) explanation.push(own[s]!);
    if (a) {
      const exact = credit.rounded(a, index);
      if (exact !== null) {
        explanation.push({
          kind: 'rounding',
          data: { exact },
          message: `exact credit ${exact} rounded to ${a.amount} so the lane adds up to the cent (largest remainder, ties by partner key)`,
        });
      }
    } else if (rule.credit.kind === 'none') {
      explanation.push({ kind: 'note', message: `rule "${rule.name}" records the role ${rule.role} but grants no credit` });
    }
    allocations.push({
      lane: lane.lane,
      partnerKey: k,
      role: rule.role,
      share: a?.share ?? '0.000000',
      amount: a?.amount ?? '0.00',
      rule: rule.name,
      touchpointIds: touchIds.get(k) ?? selected.filter((i) => q[i]!.partner.key === k).map((i) => q[i]!.id),
      explanation,
    });
  }

  // Partners present on the account but not credited by the winning rule
  // keep the otherwise role (e.g. attached): present, no meaningful action.
  const o = lane.otherwise;
  if (o?.accountPartners && p.accountPartnersSorted.length > 0) {
    const named = allocations.length;
    for (const k of p.accountPartnersSorted) {
      let isNamed = false;
      for (let x = 0; x < named; x++)
        if (allocations[x]!.partnerKey === k) {
          isNamed = true;
          break;
        }
      if (isNamed) continue;
      allocations.push({
        lane: lane.lane,
        partnerKey: k,
        role: o.role,
        share: '0.000000',
        amount: '0.00',
        rule: 'otherwise',
        touchpointIds: [],
        explanation: [
          {
            kind: 'rule',
            data: { lane: lane.lane, rule: 'otherwise' },
            message: `${k} is on the account (${isoDate(p.close)}) but earned no credit under rule "${rule.name}", so it is ${o.role} by the lane's otherwise clause; ${o.role} carries no credit here.`,
          },
        ],
      });
    }
  }
  if (allocations.length > 1) {
    allocations.sort(
      (x, y) => Number(y.amount) - Number(x.amount) || (x.partnerKey! < y.partnerKey! ? -1 : x.partnerKey! > y.partnerKey! ? 1 : 0),
    );
  }
  return {
    lane: lane.lane,
    grantedShare: alloc.grantedShare,
    grantedAmount: alloc.grantedAmount,
    rule: rule.name,
    allocations,
  };
}
