// The governance tests' shared world: partners acme (referral) and globex
// (system integrator), one closed-won opportunity E2E-1 of 120,000.00 on
// account "acct", the touchpoints a test asks for, and dsl/two_lane.attr
// published as rule set two_lane and run once in full.
import { readFileSync } from 'node:fs';
import type { Prisma } from '../../src/generated/prisma/client.js';
import { startRun } from '../../src/engine/run.js';
import { createRuleSet, publishRuleVersion, saveDraft } from '../../src/rules/index.js';
import type { TestDatabase } from '../support/db.js';

export interface GovernanceWorld {
  oppId: string;
  versionId: string;
  partnerIds: { acme: string; globex: string };
}

export type TouchpointRows = (ids: { oppId: string; acme: string; globex: string }) => Prisma.TouchpointCreateManyInput[];

export async function createGovernanceWorld(db: TestDatabase, touchpoints: TouchpointRows): Promise<GovernanceWorld> {
  const p = db.prisma;
  const acme = await p.partner.create({ data: { key: 'acme', name: 'Acme', type: 'referral' } });
  const globex = await p.partner.create({ data: { key: 'globex', name: 'Globex', type: 'system_integrator' } });
  const account = await p.account.create({ data: { key: 'acct', name: 'Account' } });
  const opp = await p.opportunity.create({
    data: {
      key: 'E2E-1',
      accountId: account.id,
      name: 'E2E',
      type: 'new_business',
      amount: '120000.00',
      stage: 'closed_won',
      createdAt: new Date('2026-01-01T00:00:00Z'),
      closedAt: new Date('2026-04-01T00:00:00Z'),
    },
  });
  await p.touchpoint.createMany({ data: touchpoints({ oppId: opp.id, acme: acme.id, globex: globex.id }) });
  await createRuleSet(db, { key: 'two_lane', actor: 'test' });
  const source = readFileSync(new URL('../../dsl/two_lane.attr', import.meta.url), 'utf8');
  const { ruleVersion } = await saveDraft(db, { ruleSetKey: 'two_lane', source, author: 'test' });
  const versionId = (await publishRuleVersion(db, { ruleVersionId: ruleVersion.id, actor: 'test' })).ruleVersion.id;
  await startRun(db, { ruleVersionId: versionId, kind: 'full', triggeredBy: 'test' });
  return { oppId: opp.id, versionId, partnerIds: { acme: acme.id, globex: globex.id } };
}
