// The recompute queue end to end over real HTTP: ingestTouchpoints answers
// QUEUED with a ticket and the credit follows in the background; with
// awaitRecompute it answers DONE with the runs; a request left by a stopped
// server is drained when the next one starts; a failing recompute is exposed
// (FAILED, attempts, error) and retried until it succeeds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/server/app.js';
import { startRun } from '../../src/engine/run.js';
import { seedDatabase } from '../../src/seed/seed.js';
import { BACKEND } from '../fault/support/db.js';
import { publishStandardRules } from '../fault/support/rules.js';
import { startFaultServer, type FaultServer } from '../fault/support/server.js';

const INGEST = `mutation Ingest($input: IngestTouchpointsInput!) {
  ingestTouchpoints(input: $input) {
    __typename
    ... on IngestTouchpointsPayload { created updated unchanged recompute { status ticket opportunities runIds error } }
    ... on UserError { code message }
  }
}`;
const REQUEST = `query($t: ID!) { recomputeRequest(ticket: $t) { ticket status opportunities attempts lastError nextAttemptAt } }`;
const QUEUE = `{ recomputeQueue { pendingRequests pendingOpportunities failingRequests lastError workerRunning lastDrainAt } }`;
const CREDIT = `query($key: String!) { opportunity(key: $key) { allocations(lane: influence, first: 100) { nodes { contributingTouchpoints { source externalId } } } } }`;

interface Report {
  status: string;
  ticket: string | null;
  opportunities: number;
  runIds: string[];
  error: string | null;
}
interface Opp {
  key: string;
  closed: string;
}

describe(`recompute queue over HTTP (${BACKEND})`, () => {
  let s: FaultServer;
  let opps: Opp[];
  let partners: string[];
  let n = 0;

  beforeAll(async () => {
    s = await startFaultServer({ label: 'recompute_queue', recompute: { retryBaseMs: 50, retryMaxMs: 200 } });
    const db = s.fdb.db;
    await seedDatabase(db, { opportunities: 60, touchpointsPerOpportunity: 3, seed: 7 });
    const { ruleVersionId } = await publishStandardRules(db);
    await startRun(db, { ruleVersionId, kind: 'full', triggeredBy: 'test' });
    opps = await db.sql.query<Opp>(
      `SELECT key, to_char(closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS closed FROM opportunity
        WHERE closed_at >= '2026-01-15' AND closed_at < now() ORDER BY key LIMIT 10`,
    );
    partners = (await db.sql.query<{ key: string }>(`SELECT key FROM partner ORDER BY key`)).map((r) => r.key);
    expect(opps.length).toBeGreaterThan(4);
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  /** A touch that the two-lane rules credit (inside the window, before the close). */
  function touch(opp: Opp) {
    n++;
    return {
      source: 'queue_test',
      externalId: `q-${n}`,
      partnerKey: partners[n % partners.length]!,
      opportunityKey: opp.key,
      action: 'security_review',
      channel: 'services',
      occurredAt: new Date(Date.parse(opp.closed) - 10 * 86_400_000).toISOString(),
      proof: 'https://crm.example/q',
      owner: 'ae@example.com',
    };
  }

  async function credited(gql: FaultServer['gql'], opp: Opp, externalId: string): Promise<boolean> {
    const r = await gql<{
      opportunity: { allocations: { nodes: Array<{ contributingTouchpoints: Array<{ source: string; externalId: string }> }> } };
    }>(CREDIT, { key: opp.key });
    return r.body!.data!.opportunity.allocations.nodes.some((a) =>
      a.contributingTouchpoints.some((t) => t.source === 'queue_test' && t.externalId === externalId),
    );
  }

  async function until<T>(what: string, poll: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await poll();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('answers QUEUED with a ticket; the ticket turns DONE and the credit shows the touch', async () => {
    const opp = opps[0]!;
    const t = touch(opp);
    const r = await s.gql<{ ingestTouchpoints: { created: number; recompute: Report } }>(INGEST, { input: { touchpoints: [t] } });
    const p = r.body!.data!.ingestTouchpoints;
    expect(p.created).toBe(1);
    expect(p.recompute).toMatchObject({ status: 'QUEUED', opportunities: 1, runIds: [], error: null });
    expect(p.recompute.ticket).toMatch(/^[0-9a-f-]{36}$/);
    const done = await until('the ticket to be DONE', async () => {
      const q = await s.gql<{ recomputeRequest: { status: string; opportunities: number } }>(REQUEST, { t: p.recompute.ticket });
      const st = q.body!.data!.recomputeRequest;
      expect(['QUEUED', 'DONE']).toContain(st.status);
      return st.status === 'DONE' ? st : undefined;
    });
    expect(done.opportunities).toBe(0);
    expect(await credited(s.gql, opp, t.externalId)).toBe(true);
    const q = await s.gql<{ recomputeQueue: { pendingRequests: number; workerRunning: boolean; lastDrainAt: string | null } }>(QUEUE);
    expect(q.body!.data!.recomputeQueue).toMatchObject({ pendingRequests: 0, workerRunning: true });
    expect(q.body!.data!.recomputeQueue.lastDrainAt).not.toBeNull();

    // The batch's audit event lists the created touchpoint with its values.
    const [audit] = await s.fdb.db.sql.query<{ after: Record<string, unknown> }>(
      `SELECT item AS after FROM audit_event a CROSS JOIN LATERAL json_array_elements(a.after->'items') AS item
         JOIN touchpoint tp ON item->>'id' = tp.id::text AND tp.id::text = ANY(a.entity_ids)
        WHERE tp.source = 'queue_test' AND tp.external_id = $1 AND a.action = 'touchpoint.ingest'`,
      [t.externalId],
    );
    expect(audit!.after).toMatchObject({
      source: 'queue_test',
      externalId: t.externalId,
      action: 'security_review',
      channel: 'services',
      occurredAt: t.occurredAt,
      proof: t.proof,
      owner: t.owner,
      nextJointStep: null,
      engagementDepth: null,
      stageAtTouch: null,
      metadata: {},
      accountId: null,
    });
    expect(audit!.after.partnerId).toMatch(/^[0-9a-f-]{36}$/);
  }, 60_000);

  it('with awaitRecompute answers DONE with the runs, and the credit is current at once', async () => {
    const opp = opps[1]!;
    const t = touch(opp);
    const r = await s.gql<{ ingestTouchpoints: { recompute: Report } }>(INGEST, { input: { touchpoints: [t], awaitRecompute: true } });
    const rep = r.body!.data!.ingestTouchpoints.recompute;
    expect(rep).toMatchObject({ status: 'DONE', opportunities: 1, error: null });
    expect(rep.runIds.length).toBeGreaterThan(0);
    expect(await credited(s.gql, opp, t.externalId)).toBe(true);
    // A replay changes nothing and queues nothing.
    const again = await s.gql<{ ingestTouchpoints: { unchanged: number; recompute: Report } }>(INGEST, { input: { touchpoints: [t] } });
    expect(again.body!.data!.ingestTouchpoints).toMatchObject({
      unchanged: 1,
      recompute: { status: 'DONE', ticket: null, opportunities: 0 },
    });
  }, 60_000);

  it('a request left queued by a server that stopped is drained when the next server starts', async () => {
    const opp = opps[2]!;
    const t = touch(opp);
    // A server whose worker does not run: the request stays in the outbox, as after a crash.
    const idle = await createServer(s.fdb.db, { nodeEnv: 'production', port: 0 }, { recompute: { start: false } });
    const res = await fetch(idle.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.adminKey}` },
      body: JSON.stringify({ query: INGEST, variables: { input: { touchpoints: [t] } } }),
    });
    const ticket = ((await res.json()) as { data: { ingestTouchpoints: { recompute: Report } } }).data.ingestTouchpoints.recompute.ticket!;
    await idle.close();
    const [row] = await s.fdb.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM recompute_request WHERE ticket = $1::uuid`, [
      ticket,
    ]);
    expect(row!.n).toBe(1);
    expect(await credited(s.gql, opp, t.externalId)).toBe(false);

    const next = await createServer(s.fdb.db, { nodeEnv: 'production', port: 0 });
    try {
      await until('the leftover request to be drained', async () => {
        const [r] = await s.fdb.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM recompute_request WHERE ticket = $1::uuid`, [
          ticket,
        ]);
        return r!.n === 0 ? true : undefined;
      });
    } finally {
      await next.close();
    }
    expect(await credited(s.gql, opp, t.externalId)).toBe(true);
  }, 60_000);

  it('exposes a failing recompute (FAILED, attempts, error) and retries it until it succeeds', async () => {
    const opp = opps[3]!;
    const t = touch(opp);
    const db = s.fdb.db;
    // A real fault: starting a run fails while this trigger exists.
    await db.sql.exec(`
      CREATE FUNCTION test_refuse_run() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault: runs refused'; END $$;
      CREATE TRIGGER test_refuse_run BEFORE INSERT ON attribution_run FOR EACH ROW EXECUTE FUNCTION test_refuse_run();`);
    let ticket: string;
    try {
      const r = await s.gql<{ ingestTouchpoints: { created: number; recompute: Report } }>(INGEST, {
        input: { touchpoints: [t], awaitRecompute: true },
      });
      const p = r.body!.data!.ingestTouchpoints;
      expect(p.created).toBe(1); // the data is saved regardless
      expect(p.recompute.status).toBe('FAILED');
      expect(p.recompute.error).toContain('injected fault');
      ticket = p.recompute.ticket!;
      const st = (
        await s.gql<{ recomputeRequest: { status: string; attempts: number; lastError: string; nextAttemptAt: string } }>(REQUEST, {
          t: ticket,
        })
      ).body!.data!.recomputeRequest;
      expect(st.status).toBe('FAILED');
      expect(st.attempts).toBeGreaterThanOrEqual(1);
      expect(st.lastError).toContain('injected fault');
      const q = (await s.gql<{ recomputeQueue: { failingRequests: number; lastError: string } }>(QUEUE)).body!.data!.recomputeQueue;
      expect(q.failingRequests).toBeGreaterThanOrEqual(1);
      expect(q.lastError).toContain('injected fault');
      // Still failing on the next retries (backoff 50 ms, 100 ms, 200 ms …).
      await until('a second attempt', async () => {
        const x = (await s.gql<{ recomputeRequest: { attempts: number } }>(REQUEST, { t: ticket })).body!.data!.recomputeRequest;
        return x.attempts >= 2 ? true : undefined;
      });
    } finally {
      await db.sql.exec(`DROP TRIGGER test_refuse_run ON attribution_run; DROP FUNCTION test_refuse_run();`);
    }
    await until('the retried request to be DONE', async () => {
      const x = (await s.gql<{ recomputeRequest: { status: string } }>(REQUEST, { t: ticket })).body!.data!.recomputeRequest;
      return x.status === 'DONE' ? true : undefined;
    });
    expect(await credited(s.gql, opp, t.externalId)).toBe(true);
    const q = (await s.gql<{ recomputeQueue: { pendingRequests: number; failingRequests: number; lastError: string | null } }>(QUEUE)).body!
      .data!.recomputeQueue;
    expect(q).toMatchObject({ pendingRequests: 0, failingRequests: 0, lastError: null });
  }, 60_000);

  it('refuses a malformed ticket as bad input', async () => {
    const r = await s.gql(REQUEST, { t: 'not-a-ticket' });
    expect(r.body!.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
