// The language's view of the data model stays in step with src/domain:
// enum values come from the domain vocabularies, and every fact a rule may
// need is reachable through a field.
import { describe, expect, it } from 'vitest';
import { ACTION_TYPES, CHANNELS, OPPORTUNITY_STAGES, OPPORTUNITY_TYPES, PARTNER_TIERS, PARTNER_TYPES } from '../../src/domain/enums.js';
import type { OpportunityFacts } from '../../src/domain/attribution.js';
import { FIELDS, WEIGHT_DIMENSIONS } from '../../src/dsl/schema.js';

const partner = { key: 'acme', name: 'Acme', type: 'technology' as const, tier: 'gold' as const };
const touch = {
  id: 'tp-1',
  source: 'crm',
  externalId: 'T-1',
  partner,
  action: 'joint_discovery' as const,
  channel: 'co_sell' as const,
  occurredAt: new Date('2026-02-01T00:00:00Z'),
  proof: 'https://x',
  owner: 'ana',
  nextJointStep: 'workshop',
  engagementDepth: 4,
  stageAtTouch: 'discovery' as const,
  accountLevel: true,
};
const opp: OpportunityFacts = {
  id: 'o-1',
  key: 'OPP-1',
  name: 'Big deal',
  type: 'expansion',
  amount: '1200.50',
  currency: 'EUR',
  stage: 'negotiation',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  closedAt: new Date('2026-03-01T00:00:00Z'),
  account: { key: 'acc', name: 'Account', domain: 'acc.example', segment: 'enterprise', region: 'emea', partners: [] },
  touchpoints: [touch],
};

describe('schema of the rules language', () => {
  it('takes its enum values from the domain vocabularies', () => {
    const values = (path: string) => {
      const t = FIELDS.get(path)!.type;
      return t.kind === 'enum' ? t.values : null;
    };
    expect(values('action')).toBe(ACTION_TYPES);
    expect(values('channel')).toBe(CHANNELS);
    expect(values('stage_at_touch')).toBe(OPPORTUNITY_STAGES);
    expect(values('opportunity.stage')).toBe(OPPORTUNITY_STAGES);
    expect(values('opportunity.type')).toBe(OPPORTUNITY_TYPES);
    expect(values('partner.type')).toBe(PARTNER_TYPES);
    expect(values('partner.tier')).toBe(PARTNER_TIERS);
  });

  it('reads every fact a rule may name', () => {
    const read = Object.fromEntries([...FIELDS].map(([path, f]) => [path, f.read(touch, opp)]));
    expect(read).toEqual({
      action: 'joint_discovery',
      channel: 'co_sell',
      proof: 'https://x',
      owner: 'ana',
      next_joint_step: 'workshop',
      depth: 4,
      stage_at_touch: 'discovery',
      source: 'crm',
      occurred: touch.occurredAt,
      scope: 'account',
      partner: 'acme',
      'partner.key': 'acme',
      'partner.name': 'Acme',
      'partner.type': 'technology',
      'partner.tier': 'gold',
      'opportunity.amount': '1200.50',
      'opportunity.type': 'expansion',
      'opportunity.stage': 'negotiation',
      'opportunity.currency': 'EUR',
      'opportunity.created': opp.createdAt,
      'opportunity.closed': opp.closedAt,
      'opportunity.name': 'Big deal',
      'opportunity.key': 'OPP-1',
      'account.key': 'acc',
      'account.name': 'Account',
      'account.domain': 'acc.example',
      'account.segment': 'enterprise',
      'account.region': 'emea',
    });
    const dims = Object.fromEntries([...WEIGHT_DIMENSIONS].map(([name, d]) => [name, d.read(touch, opp)]));
    expect(dims).toEqual({
      action: 'joint_discovery',
      channel: 'co_sell',
      stage: 'discovery',
      depth: 4,
      tier: 'gold',
      partner_type: 'technology',
      outcome: 'negotiation',
    });
  });
});
