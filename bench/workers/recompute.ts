// Child process of the recompute benchmark. One phase per process so each
// phase's peak memory is its own:
//   prepare  migrate, reset, seed N opportunities, publish dsl/two_lane.attr
//   run      one full attribution run (the platform)
//   io       the I/O limit on PGlite: plain SQL read of the same rows + INSERT
//            of the same number of allocation rows (same average explanation size)
//   copy     the physical limit on PostgreSQL: COPY … TO of the rows the run
//            reads, COPY … FROM of as many rows as the run wrote, as large
// Prints one JSON line on stdout; progress goes to stderr.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { openDatabase, type Database } from '../../src/db/client.js';
import { DEFAULT_BATCH_SIZE, loadVersionInfo, startRun } from '../../src/engine/run.js';
import { OpportunityFilter } from '../../src/engine/scope.js';
import { supportsLz4 } from '../../src/engine/store.js';
import { loadOpportunitySpan } from '../../src/engine/facts.js';
import type { SqlClient } from '../../src/engine/db.js';
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
  | { mode: 'io'; db: WorkerDb; ruleVersionId: string; allocations: number; explanationBytes: number }
  | { mode: 'copy'; db: WorkerDb; ruleVersionId: string; runId: string };

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
    const explanation = await explanationBytes(db.sql, summary.runId);
    return {
      ms,
      peakRssMiB,
      runId: summary.runId,
      opportunities: summary.opportunities,
      allocations: summary.allocations,
      partitions: summary.partitions,
      explanationBytes: Math.round(explanation.storedPerAllocation),
      explanation,
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

/** Opportunities whose rows the explanation sizes are measured on (the first ones by id: the seed's data are random). */
const EXPLANATION_SAMPLE = 20_000;

/**
 * Explanation bytes per allocation of a run, as JSON text, on the rows of
 * its first EXPLANATION_SAMPLE opportunities: what is stored (each
 * opportunity's shared part in credit_explanation, spread over its rows, plus
 * each row's own part) against the whole document a reader renders
 * (credit_explanation_of); and the same stored parts as the server keeps them
 * (pg_column_size: binary jsonb, compressed when TOASTed).
 */
async function explanationBytes(sql: SqlClient, runId: string) {
  const [r] = await sql.query<{ rows: number; own: string; rendered: string; own_disk: string; shared: string; shared_disk: string }>(
    `WITH s AS (SELECT DISTINCT opportunity_id FROM credit_allocation WHERE run_id = $1::uuid ORDER BY opportunity_id LIMIT $2)
     SELECT count(*)::int AS rows, coalesce(sum(length(ca.explanation::text)), 0)::text AS own,
            coalesce(sum(length(credit_explanation_of(ca)::text)), 0)::text AS rendered,
            coalesce(sum(pg_column_size(ca.explanation)), 0)::text AS own_disk,
            (SELECT coalesce(sum(length(ce.excluded::text) + length(ce.lanes::text)), 0) FROM credit_explanation ce
              WHERE ce.run_id = $1::uuid AND ce.opportunity_id IN (SELECT opportunity_id FROM s))::text AS shared,
            (SELECT coalesce(sum(pg_column_size(ce.excluded) + pg_column_size(ce.lanes)), 0) FROM credit_explanation ce
              WHERE ce.run_id = $1::uuid AND ce.opportunity_id IN (SELECT opportunity_id FROM s))::text AS shared_disk
       FROM credit_allocation ca WHERE ca.run_id = $1::uuid AND ca.opportunity_id IN (SELECT opportunity_id FROM s)`,
    [runId, EXPLANATION_SAMPLE],
  );
  const rows = r?.rows ?? 0;
  const per = (v: string | undefined) => (rows ? Number(v ?? 0) / rows : 0);
  return {
    sampledAllocations: rows,
    sharedPerAllocation: per(r?.shared),
    ownPerAllocation: per(r?.own),
    storedPerAllocation: per(r?.shared) + per(r?.own),
    renderedPerAllocation: per(r?.rendered),
    onDiskPerAllocation: per(r?.shared_disk) + per(r?.own_disk),
  };
}

/** A statement with its $n placeholders replaced by quoted literals (COPY takes no parameters). */
function inlined(text: string, params: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => `'${String(params[Number(n) - 1]).replace(/'/g, "''")}'`);
}

/** The scratch tables the physical limit writes into: credit_allocation's and credit_explanation's shape, indexes, storage. */
const SCRATCH = { allocation: 'bench_copy_allocation', explanation: 'bench_copy_explanation' } as const;

async function createScratch(sql: SqlClient) {
  for (const [table, like] of [
    [SCRATCH.allocation, 'credit_allocation'],
    [SCRATCH.explanation, 'credit_explanation'],
  ] as const) {
    await sql.exec(`DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (LIKE ${like} INCLUDING ALL)`);
    const [opts] = await sql.query<{ reloptions: string[] | null }>(`SELECT reloptions FROM pg_class WHERE oid = $1::regclass`, [like]);
    if (opts?.reloptions?.length) await sql.exec(`ALTER TABLE ${table} SET (${opts.reloptions.join(', ')})`);
  }
}

/** Rows of `statement` (a COPY … TO STDOUT) as text lines. */
async function copyLines(sql: SqlClient, statement: string): Promise<string[]> {
  let text = '';
  await sql.copyTo!(statement, (chunk) => {
    text += chunk.toString('utf8');
  });
  return text.split('\n').filter((l) => l.length > 0);
}

/**
 * `count` COPY text lines cycling through `sample` (rows the run wrote), the
 * `column`-th field (a uuid key) made fresh on each, in chunks of 200 lines.
 */
function* cycled(sample: readonly string[], count: number, column: number): Generator<string> {
  const parts = sample.map((line) => {
    const fields = line.split('\t');
    return { before: fields.slice(0, column).join('\t'), after: fields.slice(column + 1).join('\t') };
  });
  let chunk = '';
  for (let i = 0; i < count; i++) {
    const p = parts[i % parts.length]!;
    chunk += `${column > 0 ? `${p.before}\t` : ''}${randomUUID()}\t${p.after}\n`;
    if ((i + 1) % 200 === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * The physical limit of a run on PostgreSQL: COPY … TO STDOUT, into a stream
 * that discards it, of what the run reads (the opportunities of the version's
 * window with their accounts, the partners on those accounts, the live
 * touches with their partners: the run's columns), then COPY … FROM STDIN of
 * as many credit_explanation and credit_allocation rows as run `runId` wrote,
 * cycling through 2,000 of its own rows (so as large), each with a fresh key,
 * into scratch tables of the same shape, indexes and storage (no foreign
 * keys), with the run's lz4 compression, in one transaction. Nothing is
 * evaluated; read and write are timed separately.
 */
async function copyLimit(req: Extract<WorkerRequest, { mode: 'copy' }>) {
  const db = await open(req.db);
  const sql = db.sql;
  try {
    if (!sql.copyTo || !sql.copyFrom) throw new Error('the COPY physical limit needs PostgreSQL');
    const version = await loadVersionInfo(sql, req.ruleVersionId);
    const filter = new OpportunityFilter().window(version.window);
    const where = inlined(filter.where(), filter.params);
    const [counts] = await sql.query<{ allocations: number; explanations: number }>(
      `SELECT (SELECT count(*)::int FROM credit_allocation WHERE run_id = $1::uuid) AS allocations,
              (SELECT count(*)::int FROM credit_explanation WHERE run_id = $1::uuid) AS explanations`,
      [req.runId],
    );
    const run = `'${req.runId.replace(/'/g, "''")}'`;
    const allocationSample = await copyLines(
      sql,
      `COPY (SELECT * FROM credit_allocation WHERE run_id = ${run} ORDER BY opportunity_id, id LIMIT 2000) TO STDOUT`,
    );
    const explanationSample = await copyLines(
      sql,
      `COPY (SELECT * FROM credit_explanation WHERE run_id = ${run} ORDER BY opportunity_id LIMIT 2000) TO STDOUT`,
    );
    await createScratch(sql);
    const lz4 = await supportsLz4(sql);
    const partnerColumns = `p.key AS partner_key, p.name AS partner_name, p.type::text AS partner_type, p.tier::text AS partner_tier`;
    const inWindow = `SELECT o.id FROM opportunity o ${where}`;
    const accountsInWindow = `SELECT o.account_id FROM opportunity o ${where}`;
    const rss = sampleRss();
    const started = nowMs();
    let bytesRead = 0;
    const discard = (chunk: Buffer) => {
      bytesRead += chunk.length;
    };
    const opportunities = await sql.copyTo(
      `COPY (SELECT o.id::text AS id, o.key, o.name, o.type::text AS type, o.amount::text AS amount, o.currency,
                    o.stage, o.outcome, o.created_at, o.closed_at, o.account_id::text AS account_id,
                    a.key AS account_key, a.name AS account_name, a.domain, a.segment, a.region
               FROM opportunity o JOIN account a ON a.id = o.account_id ${where}) TO STDOUT`,
      discard,
    );
    await sql.copyTo(
      `COPY (SELECT ap.account_id::text AS account_id, ap.since, ap.until, ${partnerColumns}
               FROM account_partner ap JOIN partner p ON p.id = ap.partner_id
              WHERE ap.account_id IN (${accountsInWindow})) TO STDOUT`,
      discard,
    );
    const touchpoints = await sql.copyTo(
      `COPY (SELECT t.id::text AS id, t.source, t.external_id, t.opportunity_id::text AS opportunity_id,
                    t.account_id::text AS account_id, t.action::text AS action, t.channel::text AS channel,
                    t.occurred_at, t.proof, t.owner, t.next_joint_step, t.engagement_depth::int AS engagement_depth,
                    t.stage_at_touch::text AS stage_at_touch, ${partnerColumns}
               FROM touchpoint t JOIN partner p ON p.id = t.partner_id
              WHERE t.deleted_at IS NULL
                AND (t.opportunity_id IN (${inWindow}) OR (t.opportunity_id IS NULL AND t.account_id IN (${accountsInWindow})))) TO STDOUT`,
      discard,
    );
    const readMs = nowMs() - started;
    const allocations = counts?.allocations ?? 0;
    const explanations = counts?.explanations ?? 0;
    await sql.transaction(async (tx) => {
      if (lz4) await tx.exec(`SET LOCAL default_toast_compression = 'lz4'`);
      if (explanations && explanationSample.length)
        await tx.copyFrom!(`COPY ${SCRATCH.explanation} FROM STDIN`, cycled(explanationSample, explanations, 1));
      if (allocations && allocationSample.length)
        await tx.copyFrom!(`COPY ${SCRATCH.allocation} FROM STDIN`, cycled(allocationSample, allocations, 0));
    });
    const ms = nowMs() - started;
    const peakRssMiB = rss.stop();
    await sql.exec(`DROP TABLE ${SCRATCH.allocation}; DROP TABLE ${SCRATCH.explanation}`);
    return { ms, readMs, writeMs: ms - readMs, peakRssMiB, opportunities, touchpoints, bytesRead, allocations, explanations };
  } finally {
    await db.close();
  }
}

async function main() {
  const req = JSON.parse(process.argv[2] ?? '{}') as WorkerRequest;
  const result =
    req.mode === 'prepare'
      ? await prepare(req)
      : req.mode === 'run'
        ? await run(req)
        : req.mode === 'copy'
          ? await copyLimit(req)
          : await ioLimit(req);
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
