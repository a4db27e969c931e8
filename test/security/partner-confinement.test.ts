// Attacks by a partner key (P-ACME) on another partner's data (P-GLOBEX), over
// real HTTP: explanations, contributing touchpoints, relay lookups, reports,
// exports, audit, disputes and the allocationsChanged subscription. The policy
// under attack is src/auth/partner-policy.ts (see ARCHITECTURE.md, "Partner
// confinement").
import { readFileSync } from 'node:fs';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDatabase } from '../support/describe-database.js';
import { startTestServer, touchpoint, type TestServer } from '../server/harness.js';
import { subscribeSse } from '../server/sse.js';

const SOURCE = readFileSync(new URL('../../dsl/two_lane.attr', import.meta.url), 'utf8');

const INGEST = `mutation($input: IngestTouchpointsInput!) { ingestTouchpoints(input: $input) { __typename
  ... on IngestTouchpointsPayload { created recompute { status error } items { status } } ... on UserError { code message } } }`;

/**
 * What of P-GLOBEX a P-ACME key must never see (its key, name, touch dates and
 * external ids; ids filled from the database after seeding). Its actions are
 * checked on the redacted steps: action names also appear in the published
 * rules' conditions, which a partner may read.
 */
const GLOBEX_ACTIONS = ['joint_discovery', 'executive_alignment', 'buyer_recommendation'];
const secrets = {
  strings: ['P-GLOBEX', 'Globex', 'GLOBEX', '2026-02-10', '2026-03-25', 'G-1', 'G-2', 'G-3'],
  globexTouchpointIds: [] as string[],
  globexPartnerId: '',
};

let t: TestServer;
let ruleVersionId = '';
const ids: Record<string, string> = {};

async function waitForRun(runId: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const res = await t.gql(
      `query($id: ID!) { node(id: $id) { ... on AttributionRun { status error } } }`,
      { id: runId },
      t.keys.governance,
    );
    const status = res.data?.node?.status;
    if (status === 'succeeded') return;
    if (status === 'failed') throw new Error(`run failed: ${res.data!.node.error}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('run did not finish');
}

function leaks(value: unknown): string[] {
  const text = JSON.stringify(value);
  return [...secrets.strings, ...secrets.globexTouchpointIds, secrets.globexPartnerId].filter((s) => s && text.includes(s));
}

beforeAll(async () => {
  t = await startTestServer();
  const ingest = await t.gql(
    INGEST,
    {
      input: {
        touchpoints: [
          // O-1 (closed 2026-03-20): Acme refers and discovers; Globex discovers, and acts after the close.
          touchpoint({
            externalId: 'A-1',
            partnerKey: 'P-ACME',
            opportunityKey: 'O-1',
            action: 'referral',
            occurredAt: '2026-01-12T10:00:00Z',
          }),
          touchpoint({
            externalId: 'A-2',
            partnerKey: 'P-ACME',
            opportunityKey: 'O-1',
            action: 'validated_intro',
            channel: 'co_sell',
            occurredAt: '2026-02-01T10:00:00Z',
          }),
          touchpoint({
            externalId: 'G-1',
            partnerKey: 'P-GLOBEX',
            opportunityKey: 'O-1',
            action: 'joint_discovery',
            channel: 'co_sell',
            occurredAt: '2026-02-10T10:00:00Z',
          }),
          touchpoint({
            externalId: 'G-2',
            partnerKey: 'P-GLOBEX',
            opportunityKey: 'O-1',
            action: 'executive_alignment',
            channel: 'co_sell',
            occurredAt: '2026-03-25T10:00:00Z',
          }),
          // O-3 (closed 2026-04-01): Globex alone.
          touchpoint({
            externalId: 'G-3',
            partnerKey: 'P-GLOBEX',
            opportunityKey: 'O-3',
            action: 'referral',
            occurredAt: '2026-01-20T10:00:00Z',
          }),
        ],
      },
    },
    t.keys.integrator,
  );
  expect(ingest.data!.ingestTouchpoints.created).toBe(5);

  const saved = await t.gql(
    `mutation($input: SaveRuleDraftInput!) { saveRuleDraft(input: $input) { __typename ... on SaveRuleDraftPayload { ok ruleVersion { id } } } }`,
    { input: { ruleSetKey: 'two_lane', source: SOURCE, createRuleSet: true } },
    t.keys.governance,
  );
  ruleVersionId = saved.data!.saveRuleDraft.ruleVersion.id;
  const published = await t.gql(
    `mutation($id: ID!) { publishRuleVersion(input: { ruleVersionId: $id }) { __typename } }`,
    { id: ruleVersionId },
    t.keys.governance,
  );
  expect(published.data!.publishRuleVersion.__typename).toBe('PublishRuleVersionPayload');
  const started = await t.gql(
    `mutation($id: ID!) { startRun(input: { ruleVersionId: $id }) { __typename ... on StartRunPayload { run { id } } } }`,
    { id: ruleVersionId },
    t.keys.governance,
  );
  await waitForRun(started.data!.startRun.run.id);

  const rows = await t.db.prisma.touchpoint.findMany({ include: { partner: true, opportunity: true } });
  for (const r of rows) ids[`tp:${r.externalId}`] = encodeGlobalID('Touchpoint', r.id);
  const globex = rows.filter((r) => r.partner.key === 'P-GLOBEX');
  secrets.globexTouchpointIds = globex.flatMap((r) => [r.id, encodeGlobalID('Touchpoint', r.id)]);
  secrets.globexPartnerId = globex[0]!.partnerId;
  ids.globexPartner = encodeGlobalID('Partner', globex[0]!.partnerId);
  const opps = await t.db.prisma.opportunity.findMany();
  for (const o of opps) ids[`opp:${o.key}`] = encodeGlobalID('Opportunity', o.id);
  const allocations = await t.db.prisma.creditAllocation.findMany({ include: { partner: true } });
  const globexAllocation = allocations.find((a) => a.partner?.key === 'P-GLOBEX')!;
  ids.globexAllocation = encodeGlobalID('CreditAllocation', globexAllocation.id);
  ids.globexAllocationRaw = globexAllocation.id;
  const acmeAllocations = allocations.filter((a) => a.partner?.key === 'P-ACME');
  expect(acmeAllocations.length).toBeGreaterThan(0);
  ids.acmeAllocation = encodeGlobalID('CreditAllocation', acmeAllocations[0]!.id);
  // The stored explanations do name Globex: the attacks below are meaningful.
  const acmeExplanations = await t.db.sql.query<{ e: unknown }>(
    `SELECT credit_explanation_of(ca) AS e FROM credit_allocation ca WHERE ca.id = ANY($1::uuid[])`,
    [`{${acmeAllocations.map((a) => a.id).join(',')}}`],
  );
  expect(JSON.stringify(acmeExplanations.map((r) => r.e))).toContain('P-GLOBEX');
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describeDatabase('partner confinement: attacks by a partner key on another partner', () => {
  it("partner key cannot read another partner's touch through explanation.steps, excluded or text", async () => {
    const res = await t.gql(
      `{ allocations(filter: { includeHistory: true }) { nodes { lane role partner { key }
      explanation { rule laneRule laneGrantedShare laneGrantedAmount text steps { kind message touchpointId data } excluded { kind message touchpointId data } } } } }`,
      {},
      t.keys.partnerAcme,
    );
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.allocations.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n: any) => n.partner.key === 'P-ACME')).toBe(true);
    expect(leaks(nodes)).toEqual([]);
    const all = nodes.flatMap((n: any) => [...n.explanation.steps, ...n.explanation.excluded]);
    expect(all.some((s: any) => s.message.includes('another partner'))).toBe(true);
    expect(nodes.some((n: any) => n.explanation.text.includes('another partner'))).toBe(true);
    // Its own touches are still explained, with their ids.
    expect(all.some((s: any) => s.touchpointId === ids['tp:A-1'] && s.message.includes('P-ACME'))).toBe(true);
    // Redacted steps carry no touchpoint id, action or data beyond the lane and rule.
    for (const s of all.filter((x: any) => x.message.includes('another partner'))) {
      expect(s.touchpointId).toBeNull();
      for (const action of GLOBEX_ACTIONS) expect(s.message).not.toContain(action);
      expect(Object.keys(s.data ?? {}).filter((k) => k !== 'lane' && k !== 'rule')).toEqual([]);
    }
  });

  it('internal readers still get the full explanation (redaction applies to partner keys only)', async () => {
    const res = await t.gql(
      `{ allocations(filter: { partnerKey: "P-ACME" }) { nodes { explanation { text excluded { touchpointId } } } } }`,
      {},
      t.keys.analyst,
    );
    expect(JSON.stringify(res.data)).toContain('P-GLOBEX');
  });

  it("partner key cannot get another partner's Touchpoint objects through contributingTouchpoints", async () => {
    const res = await t.gql(
      `{ allocations(filter: { includeHistory: true }) { nodes { contributingTouchpoints { id externalId partner { key } } } } }`,
      {},
      t.keys.partnerAcme,
    );
    expect(res.errors).toBeUndefined();
    const tps = res.data!.allocations.nodes.flatMap((n: any) => n.contributingTouchpoints);
    expect(tps.length).toBeGreaterThan(0);
    expect(tps.every((tp: any) => tp.partner.key === 'P-ACME')).toBe(true);
    expect(leaks(res.data)).toEqual([]);
  });

  it("partner key cannot tell another partner's records from missing ones through node(id:)", async () => {
    const missing = encodeGlobalID('CreditAllocation', '00000000-0000-4000-8000-000000000000');
    const query = `query($id: ID!) { node(id: $id) { id ... on CreditAllocation { share amount explanation { text } } ... on Touchpoint { externalId action occurredAt }
      ... on Partner { key name } ... on Opportunity { key name } } }`;
    const absent = await t.gql(query, { id: missing }, t.keys.partnerAcme);
    expect(absent.data!.node).toBeNull();
    for (const id of [ids.globexAllocation, ids['tp:G-1'], ids.globexPartner, ids['opp:O-3'], ids['opp:O-1']]) {
      const res = await t.gql(query, { id }, t.keys.partnerAcme);
      expect(res, id).toEqual(absent);
      expect(leaks(res)).toEqual([]);
    }
    const own = await t.gql(query, { id: ids.acmeAllocation }, t.keys.partnerAcme);
    expect(own.data!.node.id).toBe(ids.acmeAllocation);
  });

  it("partner key cannot read another partner's records through nodes([...])", async () => {
    const res = await t.gql(
      `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Touchpoint { externalId } ... on CreditAllocation { amount } ... on Partner { key } } }`,
      { ids: [ids['tp:A-1'], ids['tp:G-1'], ids.globexAllocation, ids.globexPartner, ids['opp:O-1']] },
      t.keys.partnerAcme,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.nodes).toEqual([{ id: ids['tp:A-1'], externalId: 'A-1' }, null, null, null, null]);
  });

  it("partner key cannot list another partner's rows through connections and lookups", async () => {
    const res = await t.gql(
      `{ partners { totalCount nodes { key } } touchpoints(filter: { partnerKey: "P-GLOBEX" }) { totalCount }
      allocations(filter: { partnerKey: "P-GLOBEX", includeHistory: true }) { totalCount } disputes { totalCount }
      partner(key: "P-GLOBEX") { key } touchpoint(source: "crm", externalId: "G-1") { id } viewer { partner { key touchpoints { totalCount } allocations(includeHistory: true) { totalCount } } } }`,
      {},
      t.keys.partnerAcme,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toMatchObject({
      partners: { totalCount: 1, nodes: [{ key: 'P-ACME' }] },
      touchpoints: { totalCount: 0 },
      allocations: { totalCount: 0 },
      partner: null,
      touchpoint: null,
      viewer: { partner: { key: 'P-ACME', touchpoints: { totalCount: 2 } } },
    });
  });

  it('partner key is denied reports, exports, audit events, runs and overrides', async () => {
    for (const q of [
      '{ scorecard { __typename } }',
      '{ scorecardCsv { __typename } }',
      '{ scorecardComparison { __typename } }',
      '{ hygieneReport { __typename } }',
      '{ auditEvents { totalCount } }',
      '{ attributionRuns { totalCount } }',
      '{ overrides { totalCount } }',
      '{ opportunities { totalCount } }',
      '{ accounts { totalCount } }',
    ]) {
      const res = await t.gql(q, {}, t.keys.partnerAcme);
      if (res.errors?.[0]?.extensions?.code === 'GRAPHQL_VALIDATION_FAILED') continue; // a report with required arguments: denied below
      expect(res.data ?? null, q).toBeNull();
      expect(res.errors?.[0]?.extensions?.code, q).toBe('FORBIDDEN');
      expect(leaks(res)).toEqual([]);
    }
  });

  it('partner key cannot read what an unpublished draft would give it (rows of a preview run)', async () => {
    // A preview of a draft writes non-current rows while it compares; here one stays, on O-3 (Globex's deal).
    const ruleSet = await t.db.prisma.ruleSet.findFirstOrThrow({ where: { key: 'two_lane' } });
    const draft = await t.db.prisma.ruleVersion.create({
      data: { ruleSetId: ruleSet.id, source: 'draft', sourceHash: 'draft-hash', author: 'gov', status: 'draft' },
    });
    const run = await t.db.prisma.attributionRun.create({
      data: { ruleVersionId: draft.id, kind: 'preview', status: 'succeeded', triggeredBy: 'gov' },
    });
    const acme = await t.db.prisma.partner.findUniqueOrThrow({ where: { key: 'P-ACME' } });
    const o3 = await t.db.prisma.opportunity.findUniqueOrThrow({ where: { key: 'O-3' } });
    await t.db.prisma.creditAllocation.create({
      data: {
        runId: run.id,
        ruleVersionId: draft.id,
        sourceHash: 'draft-hash',
        opportunityId: o3.id,
        partnerId: acme.id,
        lane: 'source',
        role: 'sourced',
        share: '1',
        amount: '30000',
        contributingTouchpointIds: [],
        explanation: { rule: 'Secret draft rule', steps: [], excluded: [] },
        isCurrent: false,
      },
    });
    const res = await t.gql(
      `{ allocations(filter: { includeHistory: true }) { nodes { explanation { rule } ruleVersion { sourceHash } } }
      viewer { partner { allocations(includeHistory: true) { nodes { explanation { rule } } } } } }`,
      {},
      t.keys.partnerAcme,
    );
    expect(res.errors).toBeUndefined();
    expect(JSON.stringify(res.data)).not.toContain('Secret draft rule');
    expect(JSON.stringify(res.data)).not.toContain('draft-hash');
    const internal = await t.gql(
      `{ allocations(filter: { includeHistory: true, partnerKey: "P-ACME" }) { nodes { explanation { rule } } } }`,
      {},
      t.keys.analyst,
    );
    expect(JSON.stringify(internal.data)).toContain('Secret draft rule');
  });

  it("partner key cannot probe another partner's allocation or deals through raiseDispute errors", async () => {
    const raise = (input: Record<string, unknown>) =>
      t.gql(
        `mutation($input: RaiseDisputeInput!) { raiseDispute(input: $input) { __typename
      ... on UserError { code message } ... on DisputePayload { dispute { id } } } }`,
        { input: { reason: 'probe', ...input } },
        t.keys.partnerAcme,
      );
    const foreign = await raise({ allocationId: ids.globexAllocation });
    const missing = await raise({ allocationId: encodeGlobalID('CreditAllocation', '00000000-0000-4000-8000-000000000000') });
    expect(foreign.data!.raiseDispute.__typename).toBe(missing.data!.raiseDispute.__typename);
    expect(foreign.data!.raiseDispute.code).toBe(missing.data!.raiseDispute.code);
    expect(foreign.data!.raiseDispute.message.replace(ids.globexAllocationRaw, 'X')).toBe(
      missing.data!.raiseDispute.message.replace('00000000-0000-4000-8000-000000000000', 'X'),
    );
    // An opportunity it has no part in answers like one that does not exist.
    const other = await raise({ opportunityKey: 'O-3' });
    const none = await raise({ opportunityKey: 'O-NOPE' });
    expect(other.data!.raiseDispute.__typename).not.toBe('DisputePayload');
    expect({ ...other.data!.raiseDispute, message: other.data!.raiseDispute.message.replace('O-3', 'X') }).toEqual({
      ...none.data!.raiseDispute,
      message: none.data!.raiseDispute.message.replace('O-NOPE', 'X'),
    });
    expect(leaks([foreign, missing, other, none])).toEqual([]);
    // Its own credit it can dispute.
    const mine = await raise({ allocationId: ids.acmeAllocation });
    expect(mine.data!.raiseDispute.__typename).toBe('DisputePayload');
  });

  it("partner key reads null, not an error, for another partner's allocation named by a dispute about its credit", async () => {
    // An internal user asks for Globex's credit on a deal to move to Acme: the dispute is Acme's to read.
    const raised = await t.gql(
      `mutation($input: RaiseDisputeInput!) { raiseDispute(input: $input) { __typename ... on DisputePayload { dispute { id } } } }`,
      { input: { allocationId: ids.globexAllocation, partnerKey: 'P-ACME', reason: 'Acme ran the joint discovery' } },
      t.keys.governance,
    );
    expect(raised.data!.raiseDispute.__typename).toBe('DisputePayload');
    const disputeId = raised.data!.raiseDispute.dispute.id as string;
    const query = `{ disputes(first: 50) { nodes { id reason partner { key } allocation { id amount partner { key } } } } }`;
    const asAcme = await t.gql(query, {}, t.keys.partnerAcme);
    expect(asAcme.errors).toBeUndefined();
    const seen = asAcme.data!.disputes.nodes.find((d: { id: string }) => d.id === disputeId);
    expect(seen).toMatchObject({ reason: 'Acme ran the joint discovery', partner: { key: 'P-ACME' }, allocation: null });
    expect(leaks(asAcme)).toEqual([]);
    const internal = await t.gql(query, {}, t.keys.analyst);
    expect(internal.data!.disputes.nodes.find((d: { id: string }) => d.id === disputeId).allocation).toMatchObject({
      id: ids.globexAllocation,
      partner: { key: 'P-GLOBEX' },
    });
  });

  it('partner key hears allocationsChanged only for opportunities where it has or had credit, and without the run id', async () => {
    const controller = new AbortController();
    const events = subscribeSse(
      t.url,
      'subscription { allocationsChanged { runId opportunityIds reason } }',
      {},
      t.keys.partnerAcme,
      controller.signal,
    );
    const first = events.next();
    await new Promise((r) => setTimeout(r, 300));
    try {
      // A change that concerns Globex only (O-3): Acme hears nothing.
      const onlyGlobex = await t.gql(
        INGEST,
        {
          input: {
            awaitRecompute: true,
            touchpoints: [
              touchpoint({
                externalId: 'G-4',
                partnerKey: 'P-GLOBEX',
                opportunityKey: 'O-3',
                action: 'validated_intro',
                occurredAt: '2026-02-20T10:00:00Z',
              }),
            ],
          },
        },
        t.keys.integrator,
      );
      expect(onlyGlobex.data!.ingestTouchpoints.recompute).toMatchObject({ status: 'DONE' });
      // A change on O-1 (Acme's) and O-3 (Globex's): Acme hears of O-1 only.
      const both = await t.gql(
        INGEST,
        {
          input: {
            awaitRecompute: true,
            touchpoints: [
              touchpoint({
                externalId: 'G-5',
                partnerKey: 'P-GLOBEX',
                opportunityKey: 'O-3',
                action: 'joint_discovery',
                occurredAt: '2026-02-21T10:00:00Z',
              }),
              touchpoint({
                externalId: 'G-6',
                partnerKey: 'P-GLOBEX',
                opportunityKey: 'O-1',
                action: 'buyer_recommendation',
                occurredAt: '2026-02-22T10:00:00Z',
              }),
            ],
          },
        },
        t.keys.integrator,
      );
      expect(both.data!.ingestTouchpoints.recompute).toMatchObject({ status: 'DONE' });
      const event = await Promise.race([
        first,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no allocationsChanged event within 10 s')), 10_000)),
      ]);
      expect(event.value!.errors).toBeUndefined();
      expect(event.value!.data!.allocationsChanged.opportunityIds).toEqual([ids['opp:O-1']]);
      expect(event.value!.data!.allocationsChanged.runId).toBeNull();
    } finally {
      controller.abort();
      await events.return(undefined).catch(() => undefined);
    }
  });
});
