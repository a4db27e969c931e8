// Process attacks: what an attacker (or a bad day) does to the processes
// rather than to one request. One ingestion batch replayed concurrently on
// separate connections; kill -9 of the production server while batches are
// in flight; kill -9 of `attrib run --batch-size 8` at a progress line; kill -9
// of `attrib import` in the middle of a ≥256 KB touchpoints.csv. Each must
// lose nothing that was acknowledged, write nothing by halves (a batch, a run,
// a file is all or nothing), leave no run or recompute request stuck, and —
// in production mode — show no internal detail to the client.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/store.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { ACTION_TYPES, CHANNELS } from '../../src/domain/enums.js';
import { failStaleRuns } from '../../src/engine/runs.js';
import { startRun } from '../../src/engine/run.js';
import { seedDatabase } from '../../src/seed/seed.js';
import { BACKEND, openFaultDatabase, type FaultDatabase } from '../fault/support/db.js';
import { seededRandom } from '../fault/support/mutate.js';
import { createReference, touchpointBatch, type Reference, type TouchpointInputLike } from '../fault/support/reference.js';
import { currentAllocations, publishStandardRules } from '../fault/support/rules.js';
import { leaks, startFaultServer, type FaultServer } from '../fault/support/server.js';
import { spawnCli, spawnServer } from './support/processes.js';

const INGEST = `mutation Ingest($input: IngestTouchpointsInput!) {
  ingestTouchpoints(input: $input) {
    __typename
    ... on IngestTouchpointsPayload { created updated unchanged rejected items { index status touchpointId } recompute { status ticket } }
    ... on UserError { code message }
  }
}`;

interface IngestPayload {
  __typename: string;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  items: Array<{ index: number; status: string; touchpointId: string | null }>;
}

interface Reply {
  status: number;
  text: string;
  json: { data?: Record<string, unknown>; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | undefined;
}

/** One POST on its own TCP connection (no keep-alive agent): replays reach the server as separate clients. */
function postOnNewConnection(url: string, key: string, payload: unknown): Promise<Reply> {
  const body = Buffer.from(JSON.stringify(payload));
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${key}`, connection: 'close' },
      },
      (res) => {
        let text = '';
        res
          .setEncoding('utf8')
          .on('data', (d: string) => {
            text += d;
          })
          .on('end', () => {
            let json: Reply['json'];
            try {
              json = JSON.parse(text) as Reply['json'];
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, text, json });
          })
          .on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function reopen(fdb: FaultDatabase): Promise<Database> {
  return 'dataDir' in fdb.location ? openDatabase({ dataDir: fdb.location.dataDir }) : fdb.db;
}

async function count(db: Database, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await db.sql.query<{ n: number }>(sql, params);
  return row!.n;
}

describe(`process attacks (${BACKEND})`, () => {
  describe('one ingestion batch replayed by 12 clients at once', () => {
    let s: FaultServer;
    let ref: Reference;
    beforeAll(async () => {
      s = await startFaultServer({ label: 'sec_replay' });
      ref = await createReference(s.fdb.db, { partners: 6, accounts: 8, opportunities: 30 });
    });
    afterAll(async () => {
      await s?.close();
    });

    it('12 concurrent replays of a 300-touchpoint batch on separate connections write each touchpoint once', async () => {
      const batch = touchpointBatch(ref, 300, { seed: 161, source: 'sec_replay', prefix: 'r' });
      const replies = await Promise.all(
        Array.from({ length: 12 }, () =>
          postOnNewConnection(s.url, s.adminKey, { query: INGEST, variables: { input: { touchpoints: batch } } }),
        ),
      );
      for (const r of replies) {
        expect(r.status, r.text.slice(0, 300)).toBe(200);
        expect(leaks(r.text), r.text.slice(0, 300)).toBeNull();
        expect(r.json?.errors, r.text.slice(0, 300)).toBeUndefined();
      }
      const payloads = replies.map((r) => r.json!.data!.ingestTouchpoints as IngestPayload);
      for (const p of payloads) {
        expect(p.rejected).toBe(0);
        expect(p.created + p.unchanged + p.updated).toBe(300);
      }
      expect(payloads.reduce((n, p) => n + p.created, 0)).toBe(300);
      const ids = payloads[0]!.items.map((i) => i.touchpointId);
      for (const p of payloads) expect(p.items.map((i) => i.touchpointId)).toEqual(ids);
      const [row] = await s.fdb.db.sql.query<{ total: number; distinct: number }>(
        `SELECT count(*)::int AS total, count(DISTINCT (source, external_id))::int AS distinct FROM touchpoint WHERE source = 'sec_replay'`,
      );
      expect(row).toEqual({ total: 300, distinct: 300 });
    });
  });

  describe('kill -9 of the production server while ingestion batches are in flight', () => {
    const BATCH = 200;
    const BATCHES = 10;
    let fdb: FaultDatabase;
    let db: Database;
    let ruleVersionId: string;
    let integratorKey: string;
    let adminKey: string;
    const acknowledged = new Set<number>();
    const sent = new Set<number>();
    const replies: string[] = [];

    beforeAll(async () => {
      fdb = await openFaultDatabase({ persisted: true, label: 'sec_kill_server' });
      db = fdb.db;
      const ref = await createReference(db, { partners: 8, accounts: 12, opportunities: 60 });
      ({ ruleVersionId } = await publishStandardRules(db));
      await startRun(db, { ruleVersionId, kind: 'full', triggeredBy: 'security-test' });
      integratorKey = (await createApiKey(db.prisma, { role: 'integrator', name: 'kill test', actor: 'security-test' })).key;
      adminKey = (await createApiKey(db.prisma, { role: 'admin', name: 'kill test admin', actor: 'security-test' })).key;
      if (db.kind === 'pglite') await db.close(); // one process per PGlite directory: the server takes it

      const server = await spawnServer(fdb.location);
      const rnd = seededRandom(1607);
      const killAfter = rnd.int(2, 5);
      let next = 0;
      let killing: Promise<void> | undefined;
      // Two clients send batches back to back; after the killAfter-th acknowledgement the server is killed
      // while the other client's batch is in flight.
      const client = async () => {
        while (next < BATCHES && !killing) {
          const i = next++;
          sent.add(i);
          const batch = touchpointBatch(ref, BATCH, { seed: 1000 + i, source: 'sec_kill', prefix: `k${i}` });
          try {
            const r = await postOnNewConnection(server.url, integratorKey, { query: INGEST, variables: { input: { touchpoints: batch } } });
            replies.push(r.text);
            const p = r.json?.data?.ingestTouchpoints as IngestPayload | undefined;
            if (r.status === 200 && p?.__typename === 'IngestTouchpointsPayload' && p.rejected === 0 && p.created === BATCH) {
              acknowledged.add(i);
              if (acknowledged.size >= killAfter) killing ??= server.kill9();
            }
          } catch {
            // Connection reset by the kill: not acknowledged.
          }
        }
      };
      await Promise.all([client(), client()]);
      await (killing ?? server.kill9());
      db = await reopen(fdb);
    }, 240_000);
    afterAll(async () => {
      if (fdb && db !== fdb.db) await db.close().catch(() => undefined);
      await fdb?.dispose();
    });

    it('acknowledged batches are all there, and no batch is half-written', async () => {
      expect(acknowledged.size).toBeGreaterThanOrEqual(2);
      expect(acknowledged.size, 'the kill cut the stream of batches').toBeLessThan(BATCHES);
      const rows = await db.sql.query<{ batch: string; n: number }>(
        `SELECT split_part(external_id, '-', 1) AS batch, count(*)::int AS n FROM touchpoint WHERE source = 'sec_kill' GROUP BY 1 ORDER BY 1`,
      );
      const present = new Map(rows.map((r) => [Number(r.batch.slice(1)), r.n]));
      for (const i of acknowledged) expect(present.get(i), `acknowledged batch ${i}`).toBe(BATCH);
      for (const [i, n] of present) {
        expect(sent.has(i), `batch ${i} was never sent`).toBe(true);
        expect(n, `batch ${i} is half-written`).toBe(BATCH);
      }
      expect(
        await count(
          db,
          `SELECT count(*)::int AS n FROM (SELECT 1 FROM touchpoint WHERE source = 'sec_kill' GROUP BY external_id HAVING count(*) > 1) d`,
        ),
      ).toBe(0);
      // Every written touchpoint is named by its ingestion audit event (written in the same transaction).
      const audited = await count(
        db,
        `SELECT count(DISTINCT e.id)::int AS n FROM audit_event a CROSS JOIN LATERAL unnest(a.entity_ids) AS e(id)
          WHERE a.action = 'touchpoint.ingest' AND e.id IN (SELECT id::text FROM touchpoint WHERE source = 'sec_kill')`,
      );
      expect(audited).toBe([...present.values()].reduce((a, b) => a + b, 0));
    });

    it('replies before the kill show no internal detail (production mode)', () => {
      expect(replies.length).toBeGreaterThan(0);
      for (const text of replies) expect(leaks(text), text.slice(0, 300)).toBeNull();
    });

    it('after a restart the recompute queue drains, no run is left running, and credit equals a full run', async () => {
      if (db.kind === 'pglite') await db.close();
      const server = await spawnServer(fdb.location);
      try {
        const deadline = Date.now() + 90_000;
        let pending = -1;
        while (Date.now() < deadline) {
          const r = await postOnNewConnection(server.url, adminKey, { query: '{ recomputeQueue { pendingRequests failingRequests } }' });
          expect(leaks(r.text), r.text.slice(0, 300)).toBeNull();
          const q = r.json?.data?.recomputeQueue as { pendingRequests: number; failingRequests: number } | undefined;
          expect(q, r.text.slice(0, 300)).toBeDefined();
          expect(q!.failingRequests).toBe(0);
          pending = q!.pendingRequests;
          if (pending === 0) break;
          await new Promise((res) => setTimeout(res, 250));
        }
        expect(pending, 'recompute requests left in the queue').toBe(0);
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
      }
      db = await reopen(fdb);
      const afterDrain = await currentAllocations(db);
      // A run killed with the server is failed by the next run's sweep (stale heartbeat); force the window to 0.
      await failStaleRuns(db.sql, 0, 'security-test');
      expect(await count(db, `SELECT count(*)::int AS n FROM attribution_run WHERE status IN ('queued', 'running')`)).toBe(0);
      expect(
        await count(
          db,
          `SELECT count(*)::int AS n FROM credit_allocation ca JOIN attribution_run r ON r.id = ca.run_id WHERE r.status = 'failed'`,
        ),
      ).toBe(0);
      const full = await startRun(db, { ruleVersionId, kind: 'full', triggeredBy: 'security-test' });
      expect(full.status).toBe('succeeded');
      expect(await currentAllocations(db)).toEqual(afterDrain);
    }, 180_000);
  });

  describe('kill -9 of `attrib run --batch-size 8` at a progress line', () => {
    let fdb: FaultDatabase;
    let db: Database;
    let ruleSetKey: string;
    let baseline: string[];
    let killedAt = '';
    const AS_OF = '2026-09-30T23:59:59.000Z';

    beforeAll(async () => {
      fdb = await openFaultDatabase({ persisted: true, label: 'sec_kill_run' });
      db = fdb.db;
      await seedDatabase(db, { opportunities: 160, touchpointsPerOpportunity: 5, seed: 29 });
      let ruleVersionId: string;
      ({ ruleVersionId, ruleSetKey } = await publishStandardRules(db));
      await startRun(db, { ruleVersionId, kind: 'full', triggeredBy: 'security-test', asOf: AS_OF });
      baseline = await currentAllocations(db);
      if (db.kind === 'pglite') await db.close();
      const run = spawnCli(['run', ruleSetKey, '--batch-size', '8', '--as-of', AS_OF], fdb.location);
      killedAt = await run.waitForLine((l) => {
        const m = /: (\d+)% \((\d+)\/(\d+)/.exec(l);
        return m !== null && Number(m[1]) >= 20 && Number(m[2]) < Number(m[3]);
      }, 120_000);
      await run.kill9();
      db = await reopen(fdb);
    }, 240_000);
    afterAll(async () => {
      if (fdb && db !== fdb.db) await db.close().catch(() => undefined);
      await fdb?.dispose();
    });

    it('current results are untouched and none of the killed run is visible', async () => {
      expect(baseline.length).toBeGreaterThan(60);
      expect(killedAt).toMatch(/%/);
      expect(await currentAllocations(db)).toEqual(baseline);
      expect(
        await count(
          db,
          `SELECT count(*)::int AS n FROM credit_allocation ca JOIN attribution_run r ON r.id = ca.run_id WHERE ca.is_current AND r.status <> 'succeeded'`,
        ),
      ).toBe(0);
    });

    it('the next `attrib run` succeeds with the same credit, and the killed run is failed, not stuck', async () => {
      if (db.kind === 'pglite') await db.close();
      const rerun = spawnCli(['run', ruleSetKey, '--batch-size', '8', '--as-of', AS_OF], fdb.location);
      const code = await rerun.exited;
      expect(code, rerun.lines.slice(-10).join('\n')).toBe(0);
      expect(
        rerun.lines.some((l) => /^out: Run [0-9a-f-]+: rule set/.test(l)),
        rerun.lines.join('\n'),
      ).toBe(true);
      db = await reopen(fdb);
      expect(await currentAllocations(db)).toEqual(baseline);
      const killed = await db.sql.query<{ id: string }>(`SELECT id::text AS id FROM attribution_run WHERE status IN ('queued', 'running')`);
      expect(killed.length, 'the killed run stays visible as running until its heartbeat goes stale').toBe(1);
      expect(await failStaleRuns(db.sql, 0, 'security-test')).toEqual([killed[0]!.id]);
      expect(await count(db, `SELECT count(*)::int AS n FROM credit_allocation WHERE run_id = $1::uuid`, [killed[0]!.id])).toBe(0);
      expect(await count(db, `SELECT count(*)::int AS n FROM attribution_run WHERE status IN ('queued', 'running')`)).toBe(0);
    }, 180_000);
  });

  describe('kill -9 of `attrib import` in the middle of a ≥256 KB touchpoints.csv', () => {
    let fdb: FaultDatabase;
    let db: Database;
    let dir: string;
    const PARTNERS = 20;
    const ACCOUNTS = 30;
    const OPPORTUNITIES = 120;
    let touchpoints = 0;
    let killedAt = '';

    beforeAll(async () => {
      fdb = await openFaultDatabase({ persisted: true, label: 'sec_kill_import' });
      db = fdb.db;
      dir = mkdtempSync(path.join(os.tmpdir(), 'attrib-sec-import-'));
      touchpoints = writeImportFiles(dir, { partners: PARTNERS, accounts: ACCOUNTS, opportunities: OPPORTUNITIES });
      expect(statSync(path.join(dir, 'touchpoints.csv')).size).toBeGreaterThanOrEqual(256 * 1024);
      if (db.kind === 'pglite') await db.close();
      const imp = spawnCli(['import', dir], fdb.location);
      killedAt = await imp.waitForLine((l) => {
        const m = /^import touchpoints\.csv \(bytes\): (\d+)%/.exec(l);
        return m !== null && Number(m[1]) >= 20 && Number(m[1]) < 100;
      }, 120_000);
      await imp.kill9();
      db = await reopen(fdb);
    }, 240_000);
    afterAll(async () => {
      if (fdb && db !== fdb.db) await db.close().catch(() => undefined);
      await fdb?.dispose();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('each file is all or nothing: the files before it are whole, touchpoints.csv left no row', async () => {
      expect(killedAt).toMatch(/touchpoints\.csv/);
      expect(await count(db, `SELECT count(*)::int AS n FROM partner WHERE key LIKE 'sec-p-%'`)).toBe(PARTNERS);
      expect(await count(db, `SELECT count(*)::int AS n FROM account WHERE key LIKE 'sec-a-%'`)).toBe(ACCOUNTS);
      expect(await count(db, `SELECT count(*)::int AS n FROM opportunity WHERE key LIKE 'sec-o-%'`)).toBe(OPPORTUNITIES);
      expect(await count(db, `SELECT count(*)::int AS n FROM touchpoint WHERE source = 'sec_import'`)).toBe(0);
      expect(await count(db, `SELECT count(*)::int AS n FROM recompute_request`)).toBe(0);
    });

    it('importing the same directory again completes with every row exactly once', async () => {
      if (db.kind === 'pglite') await db.close();
      const again = spawnCli(['import', dir], fdb.location);
      const code = await again.exited;
      expect(code, again.lines.slice(-15).join('\n')).toBe(0);
      db = await reopen(fdb);
      expect(await count(db, `SELECT count(*)::int AS n FROM partner WHERE key LIKE 'sec-p-%'`)).toBe(PARTNERS);
      expect(await count(db, `SELECT count(*)::int AS n FROM opportunity WHERE key LIKE 'sec-o-%'`)).toBe(OPPORTUNITIES);
      const [row] = await db.sql.query<{ total: number; distinct: number }>(
        `SELECT count(*)::int AS total, count(DISTINCT external_id)::int AS distinct FROM touchpoint WHERE source = 'sec_import'`,
      );
      expect(row).toEqual({ total: touchpoints, distinct: touchpoints });
    }, 180_000);
  });
});

/** partners.csv, accounts.csv, opportunities.csv and a touchpoints.csv of at least 256 KB; returns the touchpoint count. */
function writeImportFiles(dir: string, n: { partners: number; accounts: number; opportunities: number }): number {
  const rnd = seededRandom(4242);
  const csv = (header: string, rows: string[]) => `${header}\n${rows.join('\n')}\n`;
  const partnerTypes = ['reseller', 'technology', 'referral'];
  writeFileSync(
    path.join(dir, 'partners.csv'),
    csv(
      'key,name,type,tier',
      Array.from({ length: n.partners }, (_, i) => `sec-p-${i},Security partner ${i},${partnerTypes[i % 3]},gold`),
    ),
  );
  writeFileSync(
    path.join(dir, 'accounts.csv'),
    csv(
      'key,name,domain',
      Array.from({ length: n.accounts }, (_, i) => `sec-a-${i},Security account ${i},sec${i}.example`),
    ),
  );
  writeFileSync(
    path.join(dir, 'opportunities.csv'),
    csv(
      'key,account,name,type,amount,currency,stage,created_at,closed_at',
      Array.from({ length: n.opportunities }, (_, i) => {
        const won = i % 3 === 0;
        return (
          `sec-o-${i},sec-a-${i % n.accounts},Security deal ${i},new_business,${20_000 + i * 113}.${String(i % 100).padStart(2, '0')},USD,` +
          `${won ? 'closed_won' : 'proposal'},2026-01-${String(1 + (i % 28)).padStart(2, '0')}T09:00:00Z,${won ? '2026-06-15T17:00:00Z' : ''}`
        );
      }),
    ),
  );
  const rows: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < 300 * 1024; i++) {
    const t: TouchpointInputLike = {
      source: 'sec_import',
      externalId: `sec-t-${i}`,
      partnerKey: `sec-p-${rnd.int(0, n.partners - 1)}`,
      opportunityKey: `sec-o-${rnd.int(0, n.opportunities - 1)}`,
      action: rnd.pick(ACTION_TYPES),
      channel: rnd.pick(CHANNELS),
      occurredAt: new Date(Date.UTC(2026, 0, 5) + rnd.int(0, 120) * 86_400_000).toISOString(),
    };
    const row = [
      t.externalId,
      t.source,
      t.opportunityKey,
      t.partnerKey,
      t.action,
      t.channel,
      t.occurredAt,
      `https://crm.example/tasks/${i}`,
      'ae@example.com',
      '"Send the mutual action plan, then book the joint review"',
      String(1 + (i % 5)),
    ].join(',');
    rows.push(row);
    bytes += row.length + 1;
  }
  writeFileSync(
    path.join(dir, 'touchpoints.csv'),
    csv('external_id,source,opportunity,partner,action,channel,occurred_at,proof,owner,next_step,engagement_depth', rows),
  );
  return rows.length;
}
