// A lane no rule matched: its touches' steps, and the lane's otherwise clause
// (the partners on the account, or no partner) or unattributed.
import type { ExplanationStep, LaneResult } from '../../domain/attribution.js';
import { ratio, ZERO } from '../../domain/rational.js';
import { allocateLane } from '../allocate.js';
import { isoDate } from '../conditions.js';
import type { CompiledLane } from './compiled.js';
import { excludedStep } from './explanation.js';
import type { LanePlan } from './lane-plan.js';
import { described, type Prepared } from './prepare.js';

export function unmatchedLane(lane: CompiledLane, p: Prepared, excluded: ExplanationStep[], plan: LanePlan): LaneResult {
  const laneText = `lane ${lane.lane}`;
  if (lane.rules.some((r) => r.when)) {
    const prefix = `${laneText}: `;
    const data = { lane: lane.lane };
    const meetsNoRule = plan.meetsNoRule;
    for (let i = 0; i < p.qualifying.length; i++) {
      excluded.push(excludedStep(p.qualifying[i]!.id, data, prefix + described(p, i) + meetsNoRule(p.contexts[i]!)));
    }
  }
  const noMatch =
    lane.rules.length === 0
      ? `The ${laneText} has no rules.`
      : `No rule of the ${laneText} matched any of the ${p.qualifying.length} qualifying touches.`;
  const o = lane.otherwise;
  const partners = o?.accountPartners ? p.accountPartnersSorted : [];
  if (o && (!o.accountPartners || partners.length > 0)) {
    if (o.accountPartners) {
      const fractions = new Map(partners.map((k) => [k, o.credit === 'even' ? ratio(1n, BigInt(partners.length)) : ZERO]));
      const alloc = o.credit === 'even' ? allocateLane(p.amountCents, lane.grants, fractions) : null;
      const byKey = new Map((alloc?.partners ?? []).map((x) => [x.partnerKey, x]));
      return {
        lane: lane.lane,
        rule: 'otherwise',
        grantedShare: alloc?.grantedShare ?? '0.000000',
        grantedAmount: alloc?.grantedAmount ?? '0.00',
        allocations: partners.map((k) => ({
          lane: lane.lane,
          partnerKey: k,
          role: o.role,
          rule: 'otherwise',
          touchpointIds: [],
          share: byKey.get(k)?.share ?? '0.000000',
          amount: byKey.get(k)?.amount ?? '0.00',
          explanation: [
            {
              kind: 'rule',
              message: `${noMatch} ${k} is on the account (${isoDate(p.close)}), so it is ${o.role} by the lane's otherwise clause.`,
              data: { lane: lane.lane, rule: 'otherwise' },
            },
            {
              kind: 'note',
              message:
                o.credit === 'even'
                  ? `the lane is split evenly between the ${partners.length} partners on the account`
                  : `${o.role} carries no credit`,
            },
          ],
        })),
      };
    }
    return {
      lane: lane.lane,
      rule: 'otherwise',
      grantedShare: '0.000000',
      grantedAmount: '0.00',
      allocations: [
        {
          lane: lane.lane,
          partnerKey: null,
          role: o.role,
          rule: 'otherwise',
          share: '0.000000',
          amount: '0.00',
          touchpointIds: [],
          explanation: [
            {
              kind: 'rule',
              message: `${noMatch} The otherwise clause makes it ${o.role}; no credit is granted.`,
              data: { lane: lane.lane },
            },
          ],
        },
      ],
    };
  }
  const why = o?.accountPartners ? `${noMatch} No partner is on the account either.` : noMatch;
  return {
    lane: lane.lane,
    rule: null,
    grantedShare: '0.000000',
    grantedAmount: '0.00',
    allocations: [
      {
        lane: lane.lane,
        partnerKey: null,
        role: 'unattributed',
        rule: '(no rule matched)',
        share: '0.000000',
        amount: '0.00',
        touchpointIds: [],
        explanation: [{ kind: 'rule', message: `${why} The lane is unattributed.`, data: { lane: lane.lane } }],
      },
    ],
  };
}
