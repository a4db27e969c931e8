// Child process of the recompute benchmark. One phase per process so each
// phase's peak memory is its own:
//   prepare  migrate, reset, seed N opportunities, publish dsl/two_lane.attr
//   run      one full attribution run (the platform)
//   io       the I/O limit: plain SQL read of the same rows + INSERT of the
//            same number of allocation rows (same average explanation size)
// Prints one JSON line on stdout; progress goes to stderr.
import { readFileSync } from 'node:fs';
import { openDatabase, type Database } from '../../src/db/client.js';
import { DEFAULT_BATCH_SIZE, loadVersionInfo, startRun } from '../../src/engine/run.js';
import { OpportunityFilter } from '../../src/engine/scope.js';
import { supportsLz4 } from '../../src/engine/store.js';
import { loadOpportunitySpan } from '../../src/engine/facts.js';
import { publishRuleVersion, saveDraft } from '../../src/rules/lifecycle.js';
import { resetDomainTables, seedDatabase } from '../../src/seed/seed.js';
import { sampleRss } from '../lib/memory.js';
import { requireFile } from '../lib/optional.js';
import { nowMs } from '../lib/stats.js';

export interface WorkerDb {
  databaseUrl?: string;
  dataDir?: string;
}

export type WorkerRequest =
  | { mode: 'prepare'; db: WorkerDb; opportunities: number; touchpointsPerOpportunity: number; ruleFile: string }
  | { mode: 'run'; db: WorkerDb; ruleVersionId: string; asOf: string }
  | { mode: 'io'; db: WorkerDb; ruleVersionId: string; allocations: number; explanationBytes: number };

async function open(db: WorkerDb, migrate = false): Promise<Database> {
  return openDatabase({ ...(db.databaseUrl ? { databaseUrl: db.databaseUrl } : { dataDir: db.dataDir! }), migrate });
}

async function prepare(req: Extract<WorkerRequest, { mode: 'prepare' }>) {
  const db = await open(req.db, true);
  try {
    await resetDomainTables(db, 'bench');
    // Rule sets and versions are not domain data; a scratch database starts over.
    await db.sql.exec(`DELETE FROM credit_allocation; DELETE FROM attribution_run; DELETE FROM rule_version WHERE status = 'draft';`);
    const started = nowMs();
    // Two batch writers on PostgreSQL (its own connections); PGlite has one connection.
    const seeded = await seedDatabase(db, {
      opportunities: req.opportunities,
      touchpointsPerOpportunity: req.touchpointsPerOpportunity,
      progress: true,
      actor: 'bench',
      writers: req.db.databaseUrl ? 2 : 1,
    });
    const seedMs = nowMs() - started;
    const source = readFileSync(requireFile(req.ruleFile), 'utf8');
    const ruleSetKey = `bench_${Date.now()}`;
    const draft = await saveDraft(db, {
      ruleSetKey,
      source: source.replace(/^(\s*ruleset\s+)("?)[A-Za-z0-9_.-]+\2/m, `$1$2${ruleSetKey}$2`),
      author: 'bench',
      file: req.ruleFile,
      createRuleSet: true,
    });
    const published = await publishRuleVersion(db, { ruleVersionId: draft.ruleVersion.id, actor: 'bench' });
    const [{ touchpoints }] = (await db.sql.query<{ touchpoints: number }>(`SELECT count(*)::int AS touchpoints FROM touchpoint`)) as [
      { touchpoints: number },
    ];
    return { ruleVersionId: published.ruleVersion.id, ruleSetKey, counts: seeded.counts, touchpoints, seedMs };
  } finally {
    await db.close();
  }
}

async function run(req: Extract<WorkerRequest, { mode: 'run' }>) {
  const db = await open(req.db);
  try {
    const rss = sampleRss();
    const started = nowMs();
    const summary = await startRun(db, { ruleVersionId: req.ruleVersionId, kind: 'full', triggeredBy: 'bench', asOf: req.asOf });
    const ms = nowMs() - started;
    const peakRssMiB = rss.stop();
    const [stats] = await db.sql.query<{ avg_bytes: string | null }>(
      `SELECT avg(length(explanation::text))::text AS avg_bytes FROM credit_allocation WHERE run_id = $1::uuid`,
      [summary.runId],
    );
    return {
      ms,
      peakRssMiB,
      runId: summary.runId,
      opportunities: summary.opportunities,
      allocations: summary.allocations,
      partitions: summary.partitions,
      explanationBytes: Math.round(Number(stats?.avg_bytes ?? 0)),
    };
  } finally {
    await db.close();
  }
}

/**
 * The I/O limit: read the opportunities the run attributes (those in the rule
 * version's effective window) with their accounts, account partners and
 * touchpoints (the rows a run reads), keyset-paginated in batches of the run's
 * size, into memory; write
 * as many allocation rows as the run wrote, in one multi-row INSERT per batch,
 * committed batch by batch; then make them current in one UPDATE (as a run's
 * switch does). Nothing is evaluated.
 */
async function ioLimit(req: Extract<WorkerRequest, { mode: 'io' }>) {
  const db = await open(req.db);
  const batch = DEFAULT_BATCH_SIZE;
  try {
    const version = await loadVersionInfo(db.sql, req.ruleVersionId);
    const inWindow = (cursor: string | null) => new OpportunityFilter().window(version.window).after(cursor);
    const counting = inWindow(null);
    const [{ total }] = (await db.sql.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM opportunity o ${counting.where()}`,
      counting.params,
    )) as [{ total: number }];
    const perOpp = total > 0 ? req.allocations / total : 0;
    const [run] = await db.sql.query<{ id: string }>(
      `INSERT INTO attribution_run (id, rule_version_id, kind, status, triggered_by, started_at)
       VALUES (gen_random_uuid(), $1::uuid, 'preview', 'running', 'bench:io-limit', now()) RETURNING id::text AS id`,
      [req.ruleVersionId],
    );
    const explanation = JSON.stringify({ steps: 'x'.repeat(Math.max(0, req.explanationBytes - 14)) });
    const lz4 = await supportsLz4(db.sql);
    const rss = sampleRss();
    const started = nowMs();
    let after: string | null = null;
    let done = false;
    let read = 0;
    let touchRows = 0;
    let written = 0;
    for (;;) {
      // The run's own page read (keyset spans over the primary key, the version window applied).
      const page = await loadOpportunitySpan(db.sql, new OpportunityFilter().window(version.window), after, batch);
      const opps = page.rows;
      if (!page.more) done = true;
      after = page.lastId;
      if (opps.length === 0) {
        if (done) break;
        continue;
      }
      const ids = opps.map((o) => o.id);
      const accountIds = [...new Set(opps.map((o) => o.account_id))];
      await db.sql.query(
        `SELECT ap.account_id, ap.since, ap.until, p.key, p.name, p.type::text, p.tier::text
           FROM account_partner ap JOIN partner p ON p.id = ap.partner_id WHERE ap.account_id = ANY($1::uuid[])`,
        [accountIds],
      );
      const touches = await db.sql.query(
        `SELECT t.*, p.key AS partner_key, p.name AS partner_name, p.type::text AS partner_type, p.tier::text AS partner_tier
           FROM touchpoint t JOIN partner p ON p.id = t.partner_id
          WHERE t.deleted_at IS NULL AND (t.opportunity_id = ANY($1::uuid[]) OR (t.opportunity_id IS NULL AND t.account_id = ANY($2::uuid[])))`,
        [ids, accountIds],
      );
      read += opps.length;
      touchRows += touches.length;
      // As many rows as the run wrote for this many opportunities (spread evenly).
      const target = Math.round(perOpp * read) - written;
      if (target > 0) {
        const oppIds: string[] = [];
        for (let i = 0; i < target; i++) oppIds.push(ids[i % ids.length]!);
        await db.sql.transaction(async (tx) => {
          // The same TOAST compression the run uses (src/engine/store.ts supportsLz4).
          if (lz4) await tx.exec(`SET LOCAL default_toast_compression = 'lz4'`);
          return tx.query(
            `INSERT INTO credit_allocation (id, run_id, rule_version_id, source_hash, opportunity_id, lane, role, share, amount, currency, contributing_touchpoint_ids, explanation, is_current)
           SELECT gen_random_uuid(), $1::uuid, $2::uuid, 'io-limit', o, 'influence', 'influenced', 0.5, 100.00, 'USD', '{}'::uuid[], $4::jsonb, false
             FROM unnest($3::uuid[]) AS o`,
            [run!.id, req.ruleVersionId, oppIds, explanation],
          );
        });
        written += target;
      }
      if (done) break;
    }
    await db.sql.query(`UPDATE credit_allocation SET is_current = false WHERE run_id = $1::uuid`, [run!.id]);
    const ms = nowMs() - started;
    const peakRssMiB = rss.stop();
    await db.sql.query(`DELETE FROM attribution_run WHERE id = $1::uuid`, [run!.id]);
    return { ms, peakRssMiB, opportunities: read, touchpoints: touchRows, allocations: written };
  } finally {
    await db.close();
  }
}

async function main() {
  const req = JSON.parse(process.argv[2] ?? '{}') as WorkerRequest;
  const result = req.mode === 'prepare' ? await prepare(req) : req.mode === 'run' ? await run(req) : await ioLimit(req);
  const maxRssMiB = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
  process.stdout.write(`${JSON.stringify({ ok: true, ...result, maxRssMiB })}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stdout.write(`${JSON.stringify({ ok: false, error: (error as Error)?.stack ?? String(error) })}\n`);
    process.exit(1);
  },
);
