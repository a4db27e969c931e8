// The partner policy's pure functions, attacked with the step shapes the
// engine writes (src/dsl/runtime/, src/engine/overrides.ts): what reaches a
// partner key of P-ACME from an explanation that also covers P-GLOBEX.
import { describe, expect, it } from 'vitest';
import { ANOTHER_PARTNER, partnerEventView, partnerMayReadNode, redactExplanation, type StepLike } from '../../src/auth/partner-policy.js';

const ACME_TP = 'a0000000-0000-4000-8000-000000000001';
const GLOBEX_TP = 'b0000000-0000-4000-8000-000000000002';
const own = { partnerKey: 'P-ACME', ownTouchpointIds: new Set([ACME_TP]) };
const FORBIDDEN = ['P-GLOBEX', GLOBEX_TP, 'joint_discovery', '2026-02-10', 'ov-1', 'dispute-9', 'key:gov'];

function explanation(steps: StepLike[], excluded: StepLike[]) {
  return {
    rule: 'Defined partner action',
    lane: { lane: 'influence', rule: 'Defined partner action', grantedShare: '1.000000', grantedAmount: '100.00' },
    steps,
    excluded,
  };
}

describe('partner redaction of explanations', () => {
  const globexTouch: StepLike = {
    kind: 'excluded',
    touchpointId: GLOBEX_TP,
    data: { lane: 'source', rule: 'Registered referral with proof' },
    message: 'lane source, rule "Registered referral with proof": joint_discovery by P-GLOBEX on 2026-02-10 does not meet it',
  };
  const acmeTouch: StepLike = {
    kind: 'included',
    touchpointId: ACME_TP,
    data: { baseWeight: '1', weight: '0.5' },
    message: 'referral by P-ACME on 2026-01-12 counts: linear weight 1 (1 of 2) → 50% of the lane',
  };
  const globexLostCredit: StepLike = {
    kind: 'override',
    data: { overrideId: 'ov-1', disputeId: 'dispute-9', lane: 'influence', partnerKey: 'P-GLOBEX', role: 'influenced', share: '0.500000' },
    message:
      'P-GLOBEX lost its rule credit in the influence lane (influenced, 50%) to override ov-1 approved by key:gov on 2026-03-01 (dispute dispute-9).',
  };
  const unknownExcluded: StepLike = { kind: 'note', message: 'P-GLOBEX was considered on 2026-02-10', data: { partner: 'P-GLOBEX' } };
  const acmeOverride: StepLike = {
    kind: 'override',
    data: { overrideId: 'ov-2', replaced: [{ partnerKey: 'P-ACME', role: 'influenced' }] },
    message:
      'P-ACME is influenced with 60% of the influence lane by override ov-2 approved by key:gov on 2026-03-01. Reason: intro verified',
  };
  const overrideNamingGlobex: StepLike = {
    kind: 'override',
    data: { overrideId: 'ov-3', replaced: [{ partnerKey: 'P-GLOBEX', role: 'influenced' }] },
    message: 'P-GLOBEX … replaced by override ov-3',
  };

  const redacted = redactExplanation(
    explanation([acmeTouch, acmeOverride, overrideNamingGlobex], [globexTouch, globexLostCredit, unknownExcluded]),
    own,
  );

  it("partner key cannot read another partner's touch, action or date in an excluded step", () => {
    const step = redacted.excluded[0]!;
    expect(step.message).toContain(ANOTHER_PARTNER);
    expect(step.touchpointId).toBeNull();
    expect(step.data).toEqual({ lane: 'source', rule: 'Registered referral with proof' });
  });

  it("partner key cannot read another partner's lost credit, override or dispute ids through an override step", () => {
    expect(redacted.excluded[1]).toMatchObject({ kind: 'override', touchpointId: null, data: { lane: 'influence' } });
    expect(redacted.excluded[1]!.message).toContain(ANOTHER_PARTNER);
    expect(redacted.steps[2]!.message).toContain(ANOTHER_PARTNER);
  });

  it('partner key cannot read an unknown excluded step that names no touchpoint (redacted by default)', () => {
    expect(redacted.excluded[2]!.message).toContain(ANOTHER_PARTNER);
    expect(redacted.excluded[2]!.data).toBeNull();
  });

  it('partner key gets nothing of the other partner anywhere in the redacted explanation, and its own steps whole', () => {
    const text = JSON.stringify(redacted);
    expect(FORBIDDEN.filter((s) => text.includes(s) && !JSON.stringify([acmeTouch, acmeOverride]).includes(s))).toEqual([]);
    expect(redacted.steps[0]).toEqual(acmeTouch);
    expect(redacted.steps[1]).toEqual(acmeOverride);
    expect(redacted.rule).toBe('Defined partner action');
    expect(redacted.lane).toEqual(explanation([], []).lane);
  });
});

describe('partner policy for records and events', () => {
  const self = 's0000000-0000-4000-8000-000000000000';
  it("partner key cannot read another partner's record, an internal type or a draft through node", () => {
    expect(partnerMayReadNode('CreditAllocation', { id: 'x', partnerId: 'other' }, self)).toBe(false);
    expect(partnerMayReadNode('CreditAllocation', { id: 'x', partnerId: self }, self)).toBe(true);
    expect(partnerMayReadNode('Partner', { id: 'other' }, self)).toBe(false);
    expect(partnerMayReadNode('Opportunity', { id: 'o' }, self)).toBe(false);
    expect(partnerMayReadNode('AuditEvent', { id: 'e' }, self)).toBe(false);
    expect(partnerMayReadNode('RuleVersion', { id: 'v', status: 'draft' }, self)).toBe(false);
    expect(partnerMayReadNode('RuleVersion', { id: 'v', status: 'published' }, self)).toBe(true);
    expect(partnerMayReadNode('Touchpoint', null, self)).toBe(false);
  });

  it('partner key cannot hear of opportunities it has no credit on, nor the run id', () => {
    const event = { runId: 'run-1', opportunityIds: ['o1', 'o2', 'o3'], reason: 'ingest' };
    expect(partnerEventView(event, new Set(['o2']))).toEqual({ runId: null, opportunityIds: ['o2'], reason: 'ingest' });
    expect(partnerEventView(event, new Set())).toBeNull();
    expect(partnerEventView({ ...event, opportunityIds: [] }, new Set())).toBeNull();
    expect(partnerEventView({ ...event, opportunityIds: [] }, new Set(['*']))).toEqual({
      runId: null,
      opportunityIds: [],
      reason: 'ingest',
    });
  });
});
