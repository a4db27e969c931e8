import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ACTION_TYPES, CHANNELS, OPPORTUNITY_STAGES, OPPORTUNITY_TYPES, PARTNER_TIERS, PARTNER_TYPES } from '../../src/domain/enums.js';
import {
  accountAt,
  accountTouchpointsAt,
  generateInvestments,
  generatePartners,
  opportunityAt,
  planSeed,
  stageAt,
  type GeneratedOpportunity,
} from '../../src/seed/generate.js';
import { Rng } from '../../src/seed/prng.js';
import { EDGE_CASE_OPPORTUNITIES, SCENARIOS, SEED_AS_OF, SEED_QUARTERS, SEED_WINDOW_START } from '../../src/seed/reference.js';
import type { TouchpointRow } from '../../src/seed/rows.js';

function digestOf(plan: ReturnType<typeof planSeed>): string {
  const hash = createHash('sha256');
  const partners = generatePartners(plan);
  hash.update(JSON.stringify(partners));
  hash.update(JSON.stringify(generateInvestments(plan, partners)));
  for (let i = 0; i < plan.accounts; i++) hash.update(JSON.stringify(accountAt(plan, partners, i)));
  for (let i = 0; i < plan.opportunities; i++) hash.update(JSON.stringify(opportunityAt(plan, partners, i)));
  return hash.digest('hex');
}

describe('seed generator', () => {
  it('is deterministic: the same seed gives the same rows, another seed other rows', () => {
    const small = { opportunities: 400 };
    expect(digestOf(planSeed({ ...small, seed: 1 }))).toBe(digestOf(planSeed({ ...small, seed: 1 })));
    expect(digestOf(planSeed({ ...small, seed: 1 }))).not.toBe(digestOf(planSeed({ ...small, seed: 2 })));
  });

  it('is random-access: an opportunity does not depend on the ones before it or on the dataset size', () => {
    const plan = planSeed({ opportunities: 6000 });
    const partners = generatePartners(plan);
    const direct = opportunityAt(plan, partners, 5123);
    for (let i = 0; i < 50; i++) opportunityAt(plan, partners, i);
    expect(opportunityAt(plan, partners, 5123)).toEqual(direct);
    expect(generatePartners(planSeed({ opportunities: 5000 }))).toEqual(generatePartners(planSeed({ opportunities: 100 })).slice(0, 50));
  });

  it('draws uuids in the version-4 shape and uniformly enough', () => {
    const rng = Rng.for(7, 'test');
    const ids = new Set(Array.from({ length: 2000 }, () => rng.uuid()));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) buckets[Math.floor(rng.next() * 10)]!++;
    for (const b of buckets) expect(b).toBeGreaterThan(850);
  });

  describe('the demo dataset', () => {
    const plan = planSeed();
    const partners = generatePartners(plan);
    const accounts = Array.from({ length: plan.accounts }, (_, i) => accountAt(plan, partners, i));
    const accountTouches = accounts.flatMap((a, i) => accountTouchpointsAt(plan, partners, a, i));
    const opps: GeneratedOpportunity[] = Array.from({ length: plan.opportunities }, (_, i) => opportunityAt(plan, partners, i));
    const dealTouches = opps.flatMap((o) => o.touchpoints);
    const touches: TouchpointRow[] = [...dealTouches, ...accountTouches];

    it('has the documented size', () => {
      expect(partners).toHaveLength(50);
      expect(accounts).toHaveLength(500);
      expect(opps).toHaveLength(5000);
      expect(touches.length).toBeGreaterThan(18_000);
      expect(touches.length).toBeLessThan(24_000);
    });

    it('covers every partner type and tier, opportunity stage and type, action and channel', () => {
      expect(new Set(partners.map((p) => p.type))).toEqual(new Set(PARTNER_TYPES));
      expect(new Set(partners.map((p) => p.tier))).toEqual(new Set(PARTNER_TIERS));
      expect(new Set(opps.map((o) => o.opportunity.stage))).toEqual(new Set(OPPORTUNITY_STAGES));
      expect(new Set(opps.map((o) => o.opportunity.type))).toEqual(new Set(OPPORTUNITY_TYPES));
      expect(new Set(touches.map((t) => t.action))).toEqual(new Set(ACTION_TYPES));
      expect(new Set(touches.map((t) => t.channel))).toEqual(new Set(CHANNELS));
      expect(new Set(partners.map((p) => p.key)).size).toBe(partners.length);
    });

    it('keeps keys, money, dates and depths valid', () => {
      const keys = new Set<string>();
      for (const t of touches) {
        keys.add(`${t.source}|${t.externalId}`);
        expect((t.opportunityId === null) !== (t.accountId === null)).toBe(true);
        expect(t.occurredAt.getTime()).toBeLessThanOrEqual(SEED_AS_OF.getTime());
        if (t.engagementDepth !== null) expect(t.engagementDepth).toBeGreaterThanOrEqual(1);
        if (t.engagementDepth !== null) expect(t.engagementDepth).toBeLessThanOrEqual(5);
      }
      expect(keys.size).toBe(touches.length);
      for (const { opportunity: o } of opps) {
        expect(o.amount).toMatch(/^\d+\.\d{2}$/);
        expect(o.createdAt.getTime()).toBeGreaterThanOrEqual(SEED_WINDOW_START.getTime());
        expect(o.createdAt.getTime()).toBeLessThanOrEqual(SEED_AS_OF.getTime());
        const closed = o.stage === 'closed_won' || o.stage === 'closed_lost';
        expect(o.closedAt !== null).toBe(closed);
        if (o.closedAt) expect(o.closedAt.getTime()).toBeGreaterThan(o.createdAt.getTime());
      }
      const investments = generateInvestments(plan, partners);
      const quarterStarts = new Set(SEED_QUARTERS.map((q) => q.start.getTime()));
      for (const inv of investments) {
        expect(inv.amount).toMatch(/^\d+\.00$/);
        expect(quarterStarts.has(inv.periodStart.getTime())).toBe(true);
      }
      expect(new Set(investments.map((i) => i.periodStart.getTime())).size).toBe(6);
    });

    it('places the forced edge cases at the documented keys', () => {
      const byKey = new Map(opps.map((o) => [o.opportunity.key, o]));
      const accountById = new Map(accounts.map((a) => [a.account.id, a]));
      for (const scenario of SCENARIOS) expect(byKey.get(EDGE_CASE_OPPORTUNITIES[scenario])!.scenario).toBe(scenario);

      const attachedOnly = byKey.get(EDGE_CASE_OPPORTUNITIES.attached_only)!;
      expect(attachedOnly.touchpoints).toEqual([]);
      expect(accountById.get(attachedOnly.opportunity.accountId)!.partners.length).toBeGreaterThanOrEqual(2);

      const multi = byKey.get(EDGE_CASE_OPPORTUNITIES.multi_partner)!;
      expect(new Set(multi.touchpoints.map((t) => t.partnerId)).size).toBeGreaterThanOrEqual(3);

      const late = byKey.get(EDGE_CASE_OPPORTUNITIES.touch_after_close)!;
      expect(late.touchpoints.some((t) => t.occurredAt > late.opportunity.closedAt!)).toBe(true);

      const dup = byKey.get(EDGE_CASE_OPPORTUNITIES.duplicate_submission)!;
      const twins = dup.touchpoints.filter((a) =>
        dup.touchpoints.some(
          (b) =>
            b !== a &&
            b.partnerId === a.partnerId &&
            b.action === a.action &&
            b.occurredAt.getTime() === a.occurredAt.getTime() &&
            b.source !== a.source,
        ),
      );
      expect(twins.length).toBeGreaterThanOrEqual(2);

      expect(byKey.get(EDGE_CASE_OPPORTUNITIES.missing_proof)!.touchpoints.every((t) => t.proof === null)).toBe(true);
      expect(byKey.get(EDGE_CASE_OPPORTUNITIES.soft_deleted)!.touchpoints.some((t) => t.deletedAt !== null)).toBe(true);
      expect(byKey.get(EDGE_CASE_OPPORTUNITIES.no_partner)!.touchpoints).toEqual([]);
    });

    it('records the stage at touch consistently with the deal timeline', () => {
      for (const { opportunity: o, touchpoints } of opps.slice(0, 500)) {
        for (const t of touchpoints) {
          expect(t.stageAtTouch).toBe(stageAt(o, t.occurredAt.getTime()));
          if (t.occurredAt < o.createdAt) expect(t.stageAtTouch).toBeNull();
          if (o.closedAt && t.occurredAt >= o.closedAt) expect(t.stageAtTouch).toBe(o.stage);
        }
      }
    });

    it('has account-level integration signals and attached partners with since/until', () => {
      expect(accountTouches.length).toBeGreaterThan(50);
      expect(accountTouches.every((t) => t.accountId && !t.opportunityId)).toBe(true);
      expect(new Set(accountTouches.map((t) => t.action))).toContain('integration_usage');
      const links = accounts.flatMap((a) => a.partners);
      expect(links.some((l) => l.until !== null)).toBe(true);
      expect(links.every((l) => !l.until || l.until > l.since)).toBe(true);
    });

    it('scales the touch count with touchpointsPerOpportunity', () => {
      const dense = planSeed({ opportunities: 2000, touchpointsPerOpportunity: 10 });
      const densePartners = generatePartners(dense);
      let total = 0;
      for (let i = 0; i < dense.opportunities; i++) total += opportunityAt(dense, densePartners, i).touchpoints.length;
      expect(total / dense.opportunities).toBeGreaterThan(8.5);
      expect(total / dense.opportunities).toBeLessThan(11.5);
    });
  });
});
