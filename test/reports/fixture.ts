// A small hand-built attribution world for the scorecard tests. Every figure
// the tests expect is computed by hand from the rows below (see the comments
// in scorecard.test.ts).
//
// Rule set "default": v1 published (current results), v2 draft with a
// preview run. Rule set "alt": its own current allocation (must never leak).
import type { PrismaClient } from '../../src/generated/prisma/client.js';

export const at = (iso: string): Date => new Date(iso.length === 10 ? `${iso}T00:00:00.000Z` : iso);

export interface ScorecardFixture {
  ruleSetId: string;
  v1: string;
  v2: string;
  altV1: string;
  runFull: string;
  runPreview: string;
  partners: Record<'acme' | 'beta' | 'gamma', string>;
  opps: Record<string, string>;
  touches: Record<string, string>;
}

type Lane = 'source' | 'influence';

export async function buildScorecardFixture(prisma: PrismaClient): Promise<ScorecardFixture> {
  const acme = await prisma.partner.create({ data: { key: 'acme', name: 'Acme SI', type: 'system_integrator' } });
  const beta = await prisma.partner.create({ data: { key: 'beta', name: 'Beta Referrals', type: 'referral' } });
  const gamma = await prisma.partner.create({ data: { key: 'gamma', name: 'Gamma Tech', type: 'technology' } });
  const partners = { acme: acme.id, beta: beta.id, gamma: gamma.id };

  const account = await prisma.account.create({ data: { key: 'acct-1', name: 'Account One' } });

  const oppSpecs: [string, 'new_business' | 'expansion' | 'renewal', string, string, string, string | null][] = [
    // key, type, amount, stage, created, closed
    ['O1', 'new_business', '100000.00', 'closed_won', '2026-01-10', '2026-02-19'],
    ['O2', 'expansion', '50000.00', 'closed_won', '2026-01-15', '2026-03-16'],
    ['O3', 'new_business', '30000.00', 'closed_lost', '2026-02-01', '2026-03-01'],
    ['O4', 'new_business', '20000.00', 'closed_won', '2026-01-01', '2026-01-21'],
    ['O5', 'renewal', '10000.00', 'closed_lost', '2026-02-10', '2026-03-12'],
    ['O6', 'new_business', '80000.00', 'proposal', '2026-02-05', null],
    ['O7', 'new_business', '40000.00', 'negotiation', '2026-03-01', null],
    ['O8', 'renewal', '60000.00', 'closed_won', '2026-04-02', '2026-05-02'],
    ['O9', 'new_business', '25000.00', 'discovery', '2025-11-10', null],
    ['O10', 'new_business', '15000.00', 'discovery', '2026-04-10', null],
    ['O11', 'new_business', '5000.00', 'closed_lost', '2026-01-05', '2026-01-25'],
  ];
  const opps: Record<string, string> = {};
  for (const [key, type, amount, stage, created, closed] of oppSpecs) {
    const o = await prisma.opportunity.create({
      data: {
        key,
        accountId: account.id,
        name: `Deal ${key}`,
        type,
        amount,
        stage: stage as 'closed_won',
        createdAt: at(created),
        closedAt: closed ? at(closed) : null,
      },
    });
    opps[key] = o.id;
  }

  const touchSpecs: [string, string, string, 'co_sell' | 'content' | 'services' | 'marketplace' | 'referral' | 'integration', string][] = [
    // name, partner, opportunity, channel, occurredAt
    ['t1', acme.id, 'O1', 'co_sell', '2026-01-05'],
    ['t2', beta.id, 'O1', 'content', '2026-01-20'],
    ['t3', acme.id, 'O1', 'services', '2026-02-01'],
    ['t4', acme.id, 'O6', 'co_sell', '2026-02-20'],
    ['t5', beta.id, 'O7', 'content', '2026-03-05'],
    ['t6', acme.id, 'O6', 'co_sell', '2026-03-10'], // after O6's allocations: stale
    ['t7', beta.id, 'O2', 'marketplace', '2026-02-01'],
    ['t8', beta.id, 'O8', 'referral', '2026-04-05'],
    ['t9', acme.id, 'O8', 'integration', '2026-04-20'],
    ['t10', beta.id, 'O5', 'content', '2026-02-15'], // a signal the rules did not credit
  ];
  const touches: Record<string, string> = {};
  for (const [name, partnerId, opp, channel, occurred] of touchSpecs) {
    const t = await prisma.touchpoint.create({
      data: {
        source: 'crm',
        externalId: name,
        partnerId,
        opportunityId: opps[opp]!,
        action: 'joint_discovery',
        channel,
        occurredAt: at(occurred),
        proof: `https://proof.example/${name}`,
        owner: 'pm@example.com',
      },
    });
    touches[name] = t.id;
  }

  const ruleSet = await prisma.ruleSet.create({ data: { key: 'default', name: 'Default rules' } });
  const v1 = await prisma.ruleVersion.create({
    data: {
      ruleSetId: ruleSet.id,
      version: 1,
      status: 'published',
      source: 'rules v1',
      sourceHash: 'hash-v1',
      author: 'alice',
      publishedBy: 'alice',
      publishedAt: at('2025-10-01'),
    },
  });
  const v2 = await prisma.ruleVersion.create({
    data: { ruleSetId: ruleSet.id, status: 'draft', source: 'rules v2', sourceHash: 'hash-v2', author: 'bob' },
  });
  const altSet = await prisma.ruleSet.create({ data: { key: 'alt', name: 'Alternative rules' } });
  const altV1 = await prisma.ruleVersion.create({
    data: {
      ruleSetId: altSet.id,
      version: 1,
      status: 'published',
      source: 'alt',
      sourceHash: 'hash-alt',
      author: 'carol',
      publishedBy: 'carol',
      publishedAt: at('2025-10-01'),
    },
  });
  const run = (ruleVersionId: string, kind: 'full' | 'preview') =>
    prisma.attributionRun.create({
      data: { ruleVersionId, kind, status: 'succeeded', triggeredBy: 'test', startedAt: at('2026-01-01'), finishedAt: at('2026-06-01') },
    });
  const runOld = await run(v1.id, 'full');
  const runFull = await run(v1.id, 'full');
  const runPreview = await run(v2.id, 'preview');
  const runAlt = await run(altV1.id, 'full');

  const alloc = (
    runId: string,
    ruleVersionId: string,
    version: number | null,
    opp: string,
    partnerId: string | null,
    lane: Lane,
    role: string,
    share: string,
    amount: string,
    createdAt: string,
    touchNames: string[],
    isCurrent: boolean,
  ) => ({
    runId,
    ruleVersionId,
    ruleVersionNumber: version,
    sourceHash: 'h',
    opportunityId: opps[opp]!,
    partnerId,
    lane,
    role,
    share,
    amount,
    isCurrent,
    createdAt: at(createdAt),
    contributingTouchpointIds: touchNames.map((n) => touches[n]!),
  });
  const cur = (
    opp: string,
    partnerId: string | null,
    lane: Lane,
    role: string,
    share: string,
    amount: string,
    createdAt: string,
    t: string[] = [],
  ) => alloc(runFull.id, v1.id, 1, opp, partnerId, lane, role, share, amount, createdAt, t, true);

  await prisma.creditAllocation.createMany({
    data: [
      cur('O1', acme.id, 'source', 'sourced', '1.000000', '100000.00', '2026-02-19T10:00:00Z', ['t1']),
      cur('O1', acme.id, 'influence', 'influenced', '0.200000', '20000.00', '2026-02-19T10:00:00Z', ['t3']),
      cur('O1', beta.id, 'influence', 'influenced', '0.300000', '30000.00', '2026-02-19T10:00:00Z', ['t2']),
      cur('O2', null, 'source', 'unattributed', '1.000000', '50000.00', '2026-03-17T00:00:00Z'),
      cur('O2', beta.id, 'influence', 'influenced', '1.000000', '50000.00', '2026-03-17T00:00:00Z', ['t7']),
      cur('O3', acme.id, 'source', 'sourced', '1.000000', '30000.00', '2026-03-01T05:00:00Z'),
      cur('O4', null, 'source', 'unattributed', '1.000000', '20000.00', '2026-01-21T01:00:00Z'),
      cur('O6', acme.id, 'source', 'sourced', '1.000000', '80000.00', '2026-02-21T00:00:00Z', ['t4']),
      cur('O6', gamma.id, 'influence', 'attached', '0.000000', '0.00', '2026-02-21T00:00:00Z'),
      cur('O7', beta.id, 'influence', 'disputed', '0.500000', '20000.00', '2026-03-06T00:00:00Z', ['t5']),
      cur('O8', beta.id, 'source', 'sourced', '1.000000', '60000.00', '2026-05-03T12:00:00Z', ['t8']),
      cur('O8', acme.id, 'influence', 'assisted_close', '0.250000', '15000.00', '2026-05-03T12:00:00Z', ['t9']),
      cur('O9', acme.id, 'source', 'sourced', '1.000000', '25000.00', '2025-11-11T00:00:00Z'),
      // superseded result of an older run: not current, must be ignored
      alloc(runOld.id, v1.id, 1, 'O1', acme.id, 'source', 'sourced', '1.000000', '100000.00', '2026-02-19T09:00:00Z', [], false),
      // preview of the draft v2: only O1, credited to beta
      alloc(runPreview.id, v2.id, null, 'O1', beta.id, 'source', 'sourced', '1.000000', '100000.00', '2026-05-01T00:00:00Z', ['t2'], false),
      // another rule set's current result: must never leak into "default"
      alloc(runAlt.id, altV1.id, 1, 'O4', acme.id, 'source', 'sourced', '1.000000', '20000.00', '2026-01-22T00:00:00Z', [], true),
    ],
  });

  await prisma.partnerInvestment.createMany({
    data: [
      { partnerId: acme.id, periodStart: at('2026-01-01'), periodEnd: at('2026-03-31'), amount: '50000.00', category: 'mdf' },
      { partnerId: acme.id, periodStart: at('2026-01-01'), periodEnd: at('2026-03-31'), amount: '10000.00', category: 'enablement' },
      { partnerId: beta.id, periodStart: at('2026-04-01'), periodEnd: at('2026-06-30'), amount: '20000.00', category: 'mdf' },
    ],
  });

  return {
    ruleSetId: ruleSet.id,
    v1: v1.id,
    v2: v2.id,
    altV1: altV1.id,
    runFull: runFull.id,
    runPreview: runPreview.id,
    partners,
    opps,
    touches,
  };
}
