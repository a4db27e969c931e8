// Integrator flow over HTTP: upserts, batched touchpoint ingestion with
// per-item results, idempotent replay, typed errors that write nothing,
// soft delete, and audit events for every change.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel } from '../support/db.js';
import { startTestServer, touchpoint, type TestServer } from './harness.js';

const INGEST = /* GraphQL */ `
  mutation Ingest($input: IngestTouchpointsInput!) {
    ingestTouchpoints(input: $input) {
      __typename
      ... on IngestTouchpointsPayload {
        created updated unchanged rejected
        items { index status externalId touchpointId issues { path message } }
        recompute { opportunities error }
      }
      ... on UserError { code message }
      ... on BatchTooLargeError { size limit }
    }
  }`;

describe(`ingestion over HTTP ${backendLabel}`, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates, then replays the same batch as unchanged, then reports changed items as updated', async () => {
    const batch = [
      touchpoint({ externalId: 'T-1' }),
      touchpoint({
        externalId: 'T-2',
        partnerKey: 'P-GLOBEX',
        action: 'joint_discovery',
        channel: 'co_sell',
        occurredAt: '2026-02-01T09:00:00Z',
      }),
      touchpoint({
        externalId: 'T-3',
        opportunityKey: null,
        accountKey: 'A-2',
        action: 'integration_usage',
        channel: 'integration',
        metadata: { seats: 40, plan: 'pro' },
      }),
    ];
    const first = await t.gql(INGEST, { input: { touchpoints: batch } }, t.keys.integrator);
    expect(first.errors).toBeUndefined();
    const p1 = first.data!.ingestTouchpoints;
    expect(p1.__typename).toBe('IngestTouchpointsPayload');
    expect([p1.created, p1.updated, p1.unchanged, p1.rejected]).toEqual([3, 0, 0, 0]);
    expect(p1.items.map((i: any) => i.status)).toEqual(['created', 'created', 'created']);

    const replay = await t.gql(
      INGEST,
      { input: { touchpoints: batch.map((tp) => ({ ...tp, metadata: tp.metadata ? { plan: 'pro', seats: 40 } : undefined })) } },
      t.keys.integrator,
    );
    const p2 = replay.data!.ingestTouchpoints;
    expect([p2.created, p2.updated, p2.unchanged, p2.rejected]).toEqual([0, 0, 3, 0]);
    expect(p2.items.map((i: any) => i.touchpointId)).toEqual(p1.items.map((i: any) => i.touchpointId));

    const changed = await t.gql(
      INGEST,
      { input: { touchpoints: [{ ...batch[0], proof: 'https://crm.example/t/1-v2' }, batch[1]] } },
      t.keys.integrator,
    );
    const p3 = changed.data!.ingestTouchpoints;
    expect(p3.items.map((i: any) => i.status)).toEqual(['updated', 'unchanged']);

    const [{ n }] = (await t.db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM touchpoint WHERE source = 'crm' AND external_id IN ('T-1','T-2','T-3')`,
    )) as [{ n: number }];
    expect(n).toBe(3);
    // One audit event for the three created (listing them, with their values), none for the
    // unchanged replay, one per updated touchpoint with its before and after.
    const audits = await t.db.sql.query<{
      action: string;
      actor: string;
      entity_id: string | null;
      entity_ids: string[] | null;
      before: any;
      after: any;
    }>(`SELECT action, actor, entity_id, entity_ids, before, after FROM audit_event WHERE entity_type = 'Touchpoint' ORDER BY at, id`);
    expect(audits).toHaveLength(2);
    expect(audits.every((a) => a.actor.startsWith('key:'))).toBe(true);
    const ids = p1.items.map((i: any) => decodeGlobalID(i.touchpointId).id);
    expect(audits[0]).toMatchObject({ action: 'touchpoint.ingest', entity_id: null, entity_ids: ids, before: null });
    expect(audits[0]!.after.created).toBe(3);
    expect(audits[0]!.after.items.map((i: any) => [i.id, i.externalId, i.action, i.occurredAt])).toEqual([
      [ids[0], 'T-1', batch[0]!.action, new Date(String(batch[0]!.occurredAt)).toISOString()],
      [ids[1], 'T-2', 'joint_discovery', '2026-02-01T09:00:00.000Z'],
      [ids[2], 'T-3', 'integration_usage', new Date(String(batch[2]!.occurredAt)).toISOString()],
    ]);
    expect(audits[0]!.after.items[2]).toMatchObject({ opportunityId: null, metadata: { seats: 40, plan: 'pro' } });
    expect(audits[1]).toMatchObject({
      action: 'touchpoint.ingest',
      entity_id: ids[0],
      before: { proof: 'https://crm.example/t/1' },
      after: { proof: 'https://crm.example/t/1-v2' },
    });

    // Over the API, one touchpoint's history holds both: the batch that created it and its update.
    const history = await t.gql(
      `query ($id: String!) { auditEvents(filter: { entityType: "Touchpoint", entityId: $id }) {
        totalCount nodes { action entityId entityIds before } } }`,
      { id: ids[0] },
      t.keys.analyst,
    );
    expect(history.errors).toBeUndefined();
    expect(history.data!.auditEvents.totalCount).toBe(2);
    const nodes = history.data!.auditEvents.nodes;
    expect(nodes.map((n: any) => n.entityIds)).toEqual([[ids[0]], ids]);
    expect(nodes[1].entityId).toBeNull();
    const other = await t.gql(
      `query ($id: String!) { auditEvents(filter: { entityId: $id }) { totalCount nodes { entityIds } } }`,
      { id: ids[2] },
      t.keys.analyst,
    );
    expect(other.data!.auditEvents.totalCount).toBe(1);
  });

  it('rejects invalid items with the field path and reason, writing nothing for them and keeping the rest', async () => {
    const res = await t.gql(
      INGEST,
      {
        input: {
          touchpoints: [
            touchpoint({ externalId: 'R-ok' }),
            touchpoint({ externalId: 'R-bad-partner', partnerKey: 'P-NOPE' }),
            touchpoint({ externalId: 'R-no-target', opportunityKey: null }),
            touchpoint({ externalId: 'R-depth', engagementDepth: 42 }),
            touchpoint({ externalId: 'R-ok' }),
          ],
        },
      },
      t.keys.integrator,
    );
    const p = res.data!.ingestTouchpoints;
    expect([p.created, p.rejected]).toEqual([1, 4]);
    const byIndex = p.items;
    expect(byIndex[1].issues).toEqual([{ path: 'partnerKey', message: expect.stringContaining('no partner with key "P-NOPE"') }]);
    expect(byIndex[2].issues[0].path).toBe('opportunityKey');
    expect(byIndex[3].issues[0].path).toBe('engagementDepth');
    expect(byIndex[4].issues[0].message).toContain('duplicates item 0');
    const rows = await t.db.sql.query<{ external_id: string }>(`SELECT external_id FROM touchpoint WHERE external_id LIKE 'R-%'`);
    expect(rows.map((r) => r.external_id)).toEqual(['R-ok']);
  });

  it("accepts engagement depth 1 to 5 (the database's and the rules language's scale) and rejects the rest per item", async () => {
    // 0, 6 and 10 are refused per item by validation, before the database's check could fail the whole batch.
    const depths = [1, 5, 0, 6, 10];
    const res = await t.gql(
      INGEST,
      {
        input: { touchpoints: depths.map((d) => touchpoint({ externalId: `D-${d}`, engagementDepth: d })) },
      },
      t.keys.integrator,
    );
    expect(res.errors).toBeUndefined();
    const p = res.data!.ingestTouchpoints;
    expect(p.items.map((i: any) => i.status)).toEqual(['created', 'created', 'rejected', 'rejected', 'rejected']);
    for (const item of p.items.slice(2)) {
      expect(item.issues).toEqual([{ path: 'engagementDepth', message: expect.stringContaining('between 1 (light touch) and 5') }]);
    }
    const stored = await t.db.sql.query<{ external_id: string; engagement_depth: number }>(
      `SELECT external_id, engagement_depth::int AS engagement_depth FROM touchpoint WHERE external_id LIKE 'D-%' ORDER BY external_id`,
    );
    expect(stored).toEqual([
      { external_id: 'D-1', engagement_depth: 1 },
      { external_id: 'D-5', engagement_depth: 5 },
    ]);
  });

  it('refuses a batch over the limit with a typed error and writes nothing', async () => {
    const small = await t.extraServer({ limits: { maxTouchpointBatch: 3 } });
    const res = await small.gql(
      INGEST,
      {
        input: { touchpoints: [1, 2, 3, 4].map((i) => touchpoint({ externalId: `B-${i}` })) },
      },
      t.keys.integrator,
    );
    expect(res.data!.ingestTouchpoints).toMatchObject({ __typename: 'BatchTooLargeError', code: 'BATCH_TOO_LARGE', size: 4, limit: 3 });
    const [{ n }] = (await t.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM touchpoint WHERE external_id LIKE 'B-%'`)) as [
      { n: number },
    ];
    expect(n).toBe(0);
  });

  it('upserts partners, accounts and opportunities idempotently and names the bad field', async () => {
    const UPSERT = `mutation($input: UpsertPartnerInput!) { upsertPartner(input: $input) {
      __typename ... on UpsertPartnerPayload { status partner { key tier } } ... on ValidationError { code issues { path message } } } }`;
    const a = await t.gql(UPSERT, { input: { key: 'P-NEW', name: 'Newco', type: 'technology' } }, t.keys.integrator);
    expect(a.data!.upsertPartner).toMatchObject({ status: 'created', partner: { key: 'P-NEW', tier: 'registered' } });
    const b = await t.gql(UPSERT, { input: { key: 'P-NEW', name: 'Newco', type: 'technology' } }, t.keys.integrator);
    expect(b.data!.upsertPartner.status).toBe('unchanged');
    const c = await t.gql(UPSERT, { input: { key: 'P-NEW', name: 'Newco', type: 'technology', tier: 'gold' } }, t.keys.integrator);
    expect(c.data!.upsertPartner).toMatchObject({ status: 'updated', partner: { tier: 'gold' } });
    const bad = await t.gql(UPSERT, { input: { key: 'bad key!', name: '', type: 'technology' } }, t.keys.integrator);
    expect(bad.data!.upsertPartner.__typename).toBe('ValidationError');
    expect(bad.data!.upsertPartner.issues.map((i: any) => i.path).sort()).toEqual(['key', 'name']);
    const [{ n }] = (await t.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM partner WHERE key = 'bad key!'`)) as [
      { n: number },
    ];
    expect(n).toBe(0);

    const OPP = `mutation($input: UpsertOpportunityInput!) { upsertOpportunity(input: $input) {
      __typename ... on UpsertOpportunityPayload { status opportunity { key amount stage } } ... on ValidationError { issues { path message } } } }`;
    const won = await t.gql(
      OPP,
      {
        input: {
          key: 'O-9',
          accountKey: 'A-1',
          name: 'Deal',
          type: 'new_business',
          amount: '1000.5',
          stage: 'closed_won',
          createdAt: '2025-01-01T00:00:00Z',
        },
      },
      t.keys.integrator,
    );
    expect(won.data!.upsertOpportunity.issues).toEqual([{ path: 'closedAt', message: 'is required when stage is closed_won' }]);
    const ok = await t.gql(
      OPP,
      {
        input: {
          key: 'O-9',
          accountKey: 'A-1',
          name: 'Deal',
          type: 'new_business',
          amount: '1000.5',
          stage: 'proposal',
          createdAt: '2025-01-01T00:00:00Z',
        },
      },
      t.keys.integrator,
    );
    expect(ok.data!.upsertOpportunity).toMatchObject({
      status: 'created',
      opportunity: { key: 'O-9', amount: '1000.50', stage: 'proposal' },
    });
    const float = await t.gql(
      OPP,
      {
        input: {
          key: 'O-10',
          accountKey: 'A-1',
          name: 'Deal',
          type: 'new_business',
          amount: 1000.5,
          stage: 'proposal',
          createdAt: '2025-01-01T00:00:00Z',
        },
      },
      t.keys.integrator,
    );
    expect(float.errors?.[0]?.message).toContain('Decimal must be a string');
  });

  it('soft-deletes a touchpoint: it leaves the lists but stays for audit', async () => {
    const list = await t.gql(`{ touchpoints(filter: { source: "crm" }) { totalCount nodes { id externalId } } }`, {}, t.keys.analyst);
    const target = list.data!.touchpoints.nodes.find((n: any) => n.externalId === 'T-2');
    const DEL = `mutation($id: ID!) { deleteTouchpoint(input: { id: $id }) { __typename ... on DeleteTouchpointPayload { changed touchpoint { deletedAt } } ... on UserError { code } } }`;
    const del = await t.gql(DEL, { id: target.id }, t.keys.integrator);
    expect(del.data!.deleteTouchpoint.changed).toBe(true);
    expect(del.data!.deleteTouchpoint.touchpoint.deletedAt).toMatch(/^\d{4}-/);
    const again = await t.gql(DEL, { id: target.id }, t.keys.integrator);
    expect(again.data!.deleteTouchpoint.changed).toBe(false);
    const after = await t.gql(`{ touchpoints(filter: { source: "crm" }) { totalCount } }`, {}, t.keys.analyst);
    expect(after.data!.touchpoints.totalCount).toBe(list.data!.touchpoints.totalCount - 1);
    const wrongType = await t.gql(DEL, { id: list.data!.touchpoints.nodes[0].id.replace(/./g, 'x') }, t.keys.integrator);
    expect(wrongType.data!.deleteTouchpoint.code).toBe('VALIDATION_FAILED');
  });
});
