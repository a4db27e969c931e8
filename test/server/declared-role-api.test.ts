// The rep-declared partner role over real HTTP: ingestTouchpoints accepts
// `declaredRole` (sourced, influenced, assisted_close, or none), stores it on
// the touch, compares it for idempotency, and rejects any other value on the
// item with the allowed values named; Touchpoint.declaredRole reads it back.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { startRun } from '../../src/engine/run.js';
import { resolveRunTarget } from '../../src/rules/targets.js';
import { computeScorecard } from '../../src/reports/scorecard.js';
import { describeDatabase } from '../support/describe-database.js';
import { startTestServer, touchpoint, type TestServer } from './harness.js';

const INGEST = `mutation($input: IngestTouchpointsInput!) { ingestTouchpoints(input: $input) { __typename
  ... on IngestTouchpointsPayload { created updated unchanged rejected
    items { index status externalId touchpoint { declaredRole } issues { path message } } }
  ... on UserError { code message } } }`;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

const stored = async () =>
  Object.fromEntries(
    (
      await t.db.sql.query<{ external_id: string; declared_role: string | null }>(
        `SELECT external_id, declared_role FROM touchpoint ORDER BY external_id`,
      )
    ).map((r) => [r.external_id, r.declared_role]),
  );

describeDatabase('declaredRole in ingestion', () => {
  it('stores a declared role, none when omitted or null, and treats a change as an update', async () => {
    const batch = [
      touchpoint({ externalId: 'T-1', declaredRole: 'sourced' }),
      touchpoint({ externalId: 'T-2', declaredRole: 'assisted_close', action: 'security_review', channel: 'services' }),
      touchpoint({ externalId: 'T-3' }),
      touchpoint({ externalId: 'T-4', declaredRole: null }),
    ];
    const res = await t.gql(INGEST, { input: { touchpoints: batch } }, t.keys.integrator);
    expect(res.errors).toBeUndefined();
    const p = res.data!.ingestTouchpoints;
    expect(p).toMatchObject({ __typename: 'IngestTouchpointsPayload', created: 4, rejected: 0 });
    expect(p.items.map((i: { touchpoint: { declaredRole: string | null } }) => i.touchpoint.declaredRole)).toEqual([
      'sourced',
      'assisted_close',
      null,
      null,
    ]);
    expect(await stored()).toEqual({ 'T-1': 'sourced', 'T-2': 'assisted_close', 'T-3': null, 'T-4': null });

    const again = await t.gql(
      INGEST,
      { input: { touchpoints: [batch[0], { ...batch[2], declaredRole: 'influenced' }] } },
      t.keys.integrator,
    );
    expect(again.data!.ingestTouchpoints).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect((await stored())['T-3']).toBe('influenced');
    const audit = await t.db.sql.query<{ before: { declaredRole: string | null }; after: { declaredRole: string | null } }>(
      `SELECT before::jsonb AS before, after::jsonb AS after FROM audit_event WHERE action = 'touchpoint.ingest' AND entity_id IS NOT NULL`,
    );
    expect(audit.map((a) => [a.before.declaredRole, a.after.declaredRole])).toEqual([[null, 'influenced']]);
  });

  it('rejects any other value on the item, naming the allowed values; the rest of the batch is written', async () => {
    const res = await t.gql(
      INGEST,
      {
        input: {
          touchpoints: [
            touchpoint({ externalId: 'T-5', declaredRole: 'Sourced' }),
            touchpoint({ externalId: 'T-6', declaredRole: 'attached' }),
            touchpoint({ externalId: 'T-7', declaredRole: 'influenced' }),
          ],
        },
      },
      t.keys.integrator,
    );
    expect(res.errors).toBeUndefined();
    const p = res.data!.ingestTouchpoints;
    expect(p).toMatchObject({ created: 1, rejected: 2 });
    expect(p.items[0]).toMatchObject({ status: 'rejected', issues: [{ path: 'declaredRole' }] });
    expect(p.items[0].issues[0].message).toBe(
      '"Sourced" is not a declared partner role; use one of sourced, influenced, assisted_close, or leave it empty (not declared) (DeclaredRole: sourced | influenced | assisted_close)',
    );
    expect(p.items[1].issues[0].message).toContain('"attached" is not a declared partner role');
    expect(p.items[2]).toMatchObject({ status: 'created', touchpoint: { declaredRole: 'influenced' } });
    expect(Object.keys(await stored())).not.toContain('T-5');
    // The database refuses it too, whatever the writer.
    await expect(t.db.sql.query(`UPDATE touchpoint SET declared_role = 'attached' WHERE external_id = 'T-7'`)).rejects.toThrow(
      /touchpoint_declared_role_known/,
    );
  });

  it('reports the role agreement in the scorecard over GraphQL', async () => {
    const { versions } = await resolveRunTarget(t.db, join(import.meta.dirname, '../../dsl/two_lane.attr'), { actor: 'test' });
    for (const v of versions)
      await startRun(t.db, { ruleVersionId: v.id, kind: 'full', triggeredBy: 'test', asOf: '2026-06-30T00:00:00Z' });
    const res = await t.gql(
      `{ scorecard(ruleSetKey: "two_lane", groupBy: period, from: "2026-01-01", to: "2026-03-31") { __typename
      ... on Scorecard { influenceAccuracy { period deals stood rate declaredDeals agreedDeals roleAgreement } } ... on UserError { code message } } }`,
      {},
      t.keys.analyst,
    );
    expect(res.errors).toBeUndefined();
    const direct = await computeScorecard(t.db, {
      ruleSetKey: 'two_lane',
      groupBy: 'period',
      period: 'quarter',
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-03-31T00:00:00Z'),
    });
    expect(res.data!.scorecard.influenceAccuracy).toEqual(direct.influenceAccuracy);
    // O-1 (won 2026-03-20) is the one credited won deal; P-ACME's touches on it declare roles.
    expect(res.data!.scorecard.influenceAccuracy).toMatchObject([{ period: '2026-Q1', deals: 1, declaredDeals: 1 }]);
  });
});
