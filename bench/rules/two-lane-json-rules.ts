// dsl/two_lane.attr's classification rules in json-rules-engine: each rule
// of each lane is a json-rules-engine rule evaluated per touch; the lane's
// hit policy, selection and exact allocation are the same code the
// hand-written version uses (./two-lane-shared.ts), so what differs is how the
// classification is evaluated.
import { Engine, type RuleProperties } from 'json-rules-engine';
import type { OpportunityAttribution, OpportunityFacts, TouchpointFacts } from '../../src/domain/attribution.js';
import { parseAmount } from '../../src/domain/decimal.js';
import { DAY_MS, hasProof, influenceByPriority, linearCredit, noCredit, prepareOpportunity, unattributed } from './two-lane-shared.js';

const ORIGIN = ['referral', 'deal_registration'];
const LATE_STAGE = ['security_review', 'implementation_scoping', 'executive_alignment'];
const DEFINED_INFLUENCE = ['validated_intro', 'joint_discovery', 'buyer_recommendation'];

const earlyOrigin = [
  { fact: 'action', operator: 'in', value: ORIGIN },
  { fact: 'msAfterCreated', operator: 'lessThanInclusive', value: 30 * DAY_MS },
];
const withinBeforeClose = (days: number) => [
  { fact: 'msBeforeClose', operator: 'greaterThanInclusive', value: 0 },
  { fact: 'msBeforeClose', operator: 'lessThanInclusive', value: days * DAY_MS },
];
const proof = (present: boolean) => ({ fact: 'hasProof', operator: 'equal', value: present });

export const TWO_LANE_RULES: RuleProperties[] = [
  { name: 'Registered referral with proof', conditions: { all: [...earlyOrigin, proof(true)] }, event: { type: 'source.sourced' } },
  { name: 'Origin without proof', conditions: { all: [...earlyOrigin, proof(false)] }, event: { type: 'source.disputed' } },
  {
    name: 'Late-stage motion',
    conditions: { all: [{ fact: 'action', operator: 'in', value: LATE_STAGE }, ...withinBeforeClose(90), proof(true)] },
    event: { type: 'influence.assisted_close' },
  },
  {
    name: 'Defined partner action',
    conditions: { all: [{ fact: 'action', operator: 'in', value: DEFINED_INFLUENCE }, ...withinBeforeClose(180), proof(true)] },
    event: { type: 'influence.influenced' },
  },
  {
    name: 'Action without proof',
    conditions: {
      all: [{ fact: 'action', operator: 'in', value: [...LATE_STAGE, ...DEFINED_INFLUENCE] }, ...withinBeforeClose(180), proof(false)],
    },
    event: { type: 'influence.disputed' },
  },
];

export function createJsonRulesTwoLane(): { evaluate(facts: OpportunityFacts, options: { asOf: Date }): Promise<OpportunityAttribution> } {
  const engine = new Engine(TWO_LANE_RULES, { allowUndefinedFacts: false });
  return {
    async evaluate(facts, { asOf }) {
      const p = prepareOpportunity(facts, asOf);
      const amountCents = parseAmount(facts.amount);
      const created = facts.createdAt.getTime();
      const hits = new Map<string, TouchpointFacts[]>();
      for (const t of p.qualifying) {
        const { events } = await engine.run({
          action: t.action,
          hasProof: hasProof(t),
          msAfterCreated: t.occurredAt.getTime() - created,
          msBeforeClose: p.close - t.occurredAt.getTime(),
        });
        for (const e of events) {
          const list = hits.get(e.type);
          if (list) list.push(t);
          else hits.set(e.type, [t]);
        }
      }
      const sourced = hits.get('source.sourced');
      const originDisputed = hits.get('source.disputed');
      const source = sourced
        ? linearCredit('source', 'Registered referral with proof', 'sourced', [sourced[0]!], amountCents)
        : originDisputed
          ? noCredit('source', 'Origin without proof', 'disputed', [originDisputed[0]!])
          : unattributed('source');
      const assisted = hits.get('influence.assisted_close');
      const influenced = hits.get('influence.influenced');
      const disputed = hits.get('influence.disputed');
      const influence = influenceByPriority(p, amountCents, { late: assisted ?? [], defined: influenced ?? [], unproven: disputed ?? [] });
      return { opportunityKey: facts.key, lanes: [source, influence], excluded: p.excluded };
    },
  };
}
