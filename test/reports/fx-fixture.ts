// A small multi-currency attribution world for the currency tests: one rule
// set ("fx") with a published version and a current run, and helpers to add
// deals with credit in their own currency. Figures the tests expect are
// computed by hand in the tests from the rows created here.
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { at } from './fixture.js';

export interface Credit {
  partner: string;
  lane: 'source' | 'influence';
  amount: string;
  role?: string;
}

export interface DealSpec {
  key: string;
  amount: string;
  currency: string;
  stage: 'closed_won' | 'closed_lost' | 'proposal';
  created: string;
  closed?: string;
  credits: Credit[];
}

export interface FxWorld {
  partners: Record<string, string>;
  deal(spec: DealSpec): Promise<string>;
}

export async function buildFxWorld(prisma: PrismaClient, ruleSetKey = 'fx'): Promise<FxWorld> {
  const partners: Record<string, string> = {};
  for (const [key, name] of [
    ['acme', 'Acme SI'],
    ['beta', 'Beta Referrals'],
  ] as const) {
    partners[key] = (await prisma.partner.create({ data: { key, name, type: 'system_integrator' } })).id;
  }
  const account = await prisma.account.create({ data: { key: 'acct-fx', name: 'FX Account' } });
  const ruleSet = await prisma.ruleSet.create({ data: { key: ruleSetKey, name: 'FX rules' } });
  const v1 = await prisma.ruleVersion.create({
    data: {
      ruleSetId: ruleSet.id,
      version: 1,
      status: 'published',
      source: 'rules',
      sourceHash: 'hash-fx',
      author: 'a',
      publishedBy: 'a',
      publishedAt: at('2025-10-01'),
    },
  });
  const run = await prisma.attributionRun.create({
    data: {
      ruleVersionId: v1.id,
      kind: 'full',
      status: 'succeeded',
      triggeredBy: 'test',
      startedAt: at('2026-01-01'),
      finishedAt: at('2026-06-01'),
    },
  });
  return {
    partners,
    async deal(spec) {
      const o = await prisma.opportunity.create({
        data: {
          key: spec.key,
          accountId: account.id,
          name: `Deal ${spec.key}`,
          type: 'new_business',
          amount: spec.amount,
          currency: spec.currency,
          stage: spec.stage,
          createdAt: at(spec.created),
          closedAt: spec.closed ? at(spec.closed) : null,
        },
      });
      await prisma.creditAllocation.createMany({
        data: spec.credits.map((c) => ({
          runId: run.id,
          ruleVersionId: v1.id,
          ruleVersionNumber: 1,
          sourceHash: 'hash-fx',
          opportunityId: o.id,
          partnerId: partners[c.partner]!,
          lane: c.lane,
          role: c.role ?? (c.lane === 'source' ? 'sourced' : 'influenced'),
          share: '0.500000',
          amount: c.amount,
          currency: spec.currency,
          contributingTouchpointIds: [],
          isCurrent: true,
          createdAt: at(spec.closed ?? spec.created),
        })),
      });
      return o.id;
    },
  };
}
