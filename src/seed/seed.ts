// Writes a generated dataset into the database: the I/O edge of the seed.
// Generation (generate.ts) is pure; this module streams it in batches so a
// million-opportunity benchmark dataset never sits in memory at once.
import { recordAudit, sqlAuditWriter } from '../audit/record.js';
import { progressBar, type Progress } from '../progress/progress.js';
import type { Database, SqlClient } from '../db/client.js';
import { bulkInsert, type TableSpec } from '../db/bulk.js';
import {
  accountAt,
  accountTouchpointsAt,
  generateInvestments,
  generatePartners,
  opportunityAt,
  planSeed,
  type SeedPlan,
} from './generate.js';
import { DEMO_SIZE } from './reference.js';
import type { AccountPartnerRow, AccountRow, OpportunityRow, TouchpointRow } from './rows.js';
import { withKeysDeferred } from './deferred-keys.js';
import { accountPartnerTable, accountTable, opportunityTable, partnerInvestmentTable, partnerTable, touchpointTable } from './tables.js';

export interface SeedOptions {
  /** PRNG seed; the same seed always gives the same rows. */
  seed?: number;
  opportunities?: number;
  touchpointsPerOpportunity?: number;
  /** Draw a progress bar on stderr. */
  progress?: boolean;
  /** Opportunities generated and written per batch (default 2,000). */
  batchSize?: number;
  /** Who asked for it, for the audit trail. Default "system:seed". */
  actor?: string;
  /**
   * Concurrent batch writers for big datasets written batch by batch (`deferKeys: false`).
   * Use 2–4 on PostgreSQL; PGlite has one connection, so keep 1 there.
   */
  writers?: number;
  /**
   * Datasets with at most this many opportunities are written in one
   * transaction (all or nothing); bigger ones are written with keys deferred
   * (see `deferKeys`), or batch by batch when `deferKeys` is false.
   * Default 100,000.
   */
  singleTransactionLimit?: number;
  /**
   * Load in ONE transaction with the seeded tables' primary keys, foreign
   * keys and secondary indexes dropped, and rebuild them before it commits
   * (see deferred-keys.ts): sorted index builds instead of millions of
   * random index inserts. All or nothing, on one connection (`writers` and
   * `singleTransactionLimit` do not apply). Default: on for datasets bigger
   * than `singleTransactionLimit`, off otherwise.
   */
  deferKeys?: boolean;
}

interface SeedCounts {
  partners: number;
  partnerInvestments: number;
  accounts: number;
  accountPartners: number;
  opportunities: number;
  touchpoints: number;
}

interface SeedSummary {
  seed: number;
  plan: SeedPlan;
  counts: SeedCounts;
  rows: number;
  elapsedMs: number;
  rowsPerSecond: number;
}

/** The database already holds data; seeding would mix generated rows into it. */
export class DatabaseNotEmptyError extends Error {
  constructor(readonly existing: Record<string, number>) {
    super(
      `the database already holds data (${Object.entries(existing)
        .filter(([, n]) => n > 0)
        .map(([t, n]) => `${t}: ${n}`)
        .join(', ')}); ` +
        'seeding refuses to mix generated rows into it. Re-run with --reset to delete the partner, account, opportunity and touchpoint data ' +
        '(and the attribution results built on them) first, or point --database-url / ATTRIB_DATA_DIR at an empty database.',
    );
    this.name = 'DatabaseNotEmptyError';
  }
}

/** Tables whose rows make a database "not empty" for seeding purposes. */
const DATA_TABLES = ['partner', 'account', 'opportunity', 'touchpoint'] as const;

/**
 * Domain data tables emptied by reset. Rule sets, rule versions, API keys and
 * the audit trail are kept: they are configuration and history, not data.
 */
const RESET_TABLES = [
  'credit_allocation',
  'dispute',
  'override',
  'attribution_run',
  'touchpoint',
  'opportunity',
  'account_partner',
  'account',
  'partner_investment',
  'partner',
] as const;

/** Tables the seed writes (analysed after loading). */
const SEEDED_TABLES = ['partner', 'partner_investment', 'account', 'account_partner', 'opportunity', 'touchpoint'] as const;

/** Datasets up to this size are written in one transaction (all or nothing). */
const SINGLE_TRANSACTION_LIMIT = 100_000;

/** Exact row counts of the data tables (a full count: use isDatabaseEmpty for a cheap check). */
async function countDataRows(sql: SqlClient): Promise<Record<string, number>> {
  const rows = await sql.query<{ t: string; n: number }>(
    DATA_TABLES.map((t) => `SELECT '${t}' AS t, (SELECT count(*) FROM "${t}")::int AS n`).join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

async function hasData(sql: SqlClient): Promise<boolean> {
  const [row] = await sql.query<{ any: boolean }>(`SELECT ${DATA_TABLES.map((t) => `EXISTS (SELECT 1 FROM "${t}")`).join(' OR ')} AS any`);
  return Boolean(row?.any);
}

async function refuseIfNotEmpty(sql: SqlClient): Promise<void> {
  if (await hasData(sql)) throw new DatabaseNotEmptyError(await countDataRows(sql));
}

/** True when there are no partners, accounts, opportunities or touchpoints. */
export async function isDatabaseEmpty(db: Pick<Database, 'sql'>): Promise<boolean> {
  return !(await hasData(db.sql));
}

/** Deletes all domain data (see RESET_TABLES) and records who did it. */
export async function resetDomainTables(db: Pick<Database, 'sql'>, actor = 'system:seed'): Promise<void> {
  await db.sql.transaction(async (sql) => {
    await sql.exec(`TRUNCATE ${RESET_TABLES.map((t) => `"${t}"`).join(', ')} CASCADE`);
    await recordAudit(sqlAuditWriter(sql), {
      actor,
      action: 'seed.reset',
      entityType: 'database',
      entityId: null,
      after: { truncated: RESET_TABLES },
    });
  });
}

/** Loads the demo dataset (~50 partners, 500 accounts, 5,000 opportunities, ~20,000 touchpoints). */
export function seedDemo(db: Pick<Database, 'sql'>, opts: { progress?: boolean; seed?: number } = {}): Promise<SeedSummary> {
  return seedDatabase(db, {
    ...opts,
    opportunities: DEMO_SIZE.opportunities,
    touchpointsPerOpportunity: DEMO_SIZE.touchpointsPerOpportunity,
  });
}

/**
 * Generates and writes a dataset. Refuses (DatabaseNotEmptyError) when the
 * database already holds data; call resetDomainTables first to replace it.
 */
export async function seedDatabase(db: Pick<Database, 'sql'>, opts: SeedOptions = {}): Promise<SeedSummary> {
  const plan = planSeed(opts);
  const started = performance.now();
  const big = plan.opportunities > (opts.singleTransactionLimit ?? SINGLE_TRANSACTION_LIMIT);
  const deferKeys = opts.deferKeys ?? big;
  const guard = async (sql: SqlClient) => {
    // Two servers starting at once on an empty PostgreSQL must not both seed.
    await sql.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['attrib.seed']);
    await refuseIfNotEmpty(sql);
  };
  const counts = deferKeys
    ? await db.sql.transaction(async (sql) => {
        await guard(sql);
        return withKeysDeferred(sql, SEEDED_TABLES, () => writeDataset(sql, plan, opts));
      })
    : !big
      ? await db.sql.transaction(async (sql) => {
          await guard(sql);
          return writeDataset(sql, plan, opts);
        })
      : // Asked for explicitly (deferKeys: false): a big dataset commits batch by
        // batch (see writeDataset); this transaction only guards the emptiness check.
        await db.sql.transaction(guard).then(() => writeDataset(db.sql, plan, opts, true));
  // Fresh statistics for the planner: after a bulk load the tables look
  // empty to it, and PGlite has no autovacuum to fix that — without this,
  // batch lookups by id (an attribution run's facts) become sequential scans.
  await db.sql.exec(`ANALYZE ${SEEDED_TABLES.map((t) => `"${t}"`).join(', ')}`);
  const elapsedMs = performance.now() - started;
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  const summary: SeedSummary = {
    seed: plan.seed,
    plan,
    counts,
    rows,
    elapsedMs: Math.round(elapsedMs),
    rowsPerSecond: Math.round(rows / Math.max(0.001, elapsedMs / 1000)),
  };
  await recordAudit(sqlAuditWriter(db.sql), {
    actor: opts.actor ?? 'system:seed',
    action: 'seed.load',
    entityType: 'database',
    entityId: null,
    after: { seed: plan.seed, plan, counts },
  });
  return summary;
}

async function writeDataset(sql: SqlClient, plan: SeedPlan, opts: SeedOptions, batchCommits = false): Promise<SeedCounts> {
  const batchSize = opts.batchSize ?? 2_000;
  const counts: SeedCounts = { partners: 0, partnerInvestments: 0, accounts: 0, accountPartners: 0, opportunities: 0, touchpoints: 0 };
  const progress: Progress | undefined = opts.progress ? progressBar('seed', plan.accounts + plan.opportunities) : undefined;
  // With batch commits each batch is its own transaction; otherwise we are already inside one.
  const inBatch = <T>(fn: (s: SqlClient) => Promise<T>) => (batchCommits ? sql.transaction(fn) : fn(sql));
  // While one batch is being written, the next is generated. With batch commits on
  // PostgreSQL, `writers` batches may be in flight on separate connections.
  const writers = batchCommits ? Math.max(1, opts.writers ?? 1) : 1;
  const pipeline = new WritePipeline(writers + 1, writers === 1);
  // Batches may run concurrently: add to a count only after the write resolved
  // (`counts.x += await …` would read the old value before awaiting).
  const write = async <Row>(s: SqlClient, key: keyof SeedCounts, spec: TableSpec<Row>, rows: readonly Row[]) => {
    const written = await bulkInsert(s, spec, rows);
    counts[key] += written;
  };

  const partners = generatePartners(plan);
  await inBatch(async (s) => {
    await write(s, 'partners', partnerTable, partners);
    await write(s, 'partnerInvestments', partnerInvestmentTable, generateInvestments(plan, partners));
  });

  for (let start = 0; start < plan.accounts; start += batchSize) {
    const end = Math.min(plan.accounts, start + batchSize);
    const accounts: AccountRow[] = [];
    const links: AccountPartnerRow[] = [];
    const touches: TouchpointRow[] = [];
    for (let i = start; i < end; i++) {
      const generated = accountAt(plan, partners, i);
      accounts.push(generated.account);
      links.push(...generated.partners);
      for (const t of accountTouchpointsAt(plan, partners, generated, i)) touches.push(t);
    }
    await pipeline.add(() =>
      inBatch(async (s) => {
        await write(s, 'accounts', accountTable, accounts);
        await write(s, 'accountPartners', accountPartnerTable, links);
        await write(s, 'touchpoints', touchpointTable, touches);
        progress?.tick(end - start);
      }),
    );
  }
  // Opportunities reference accounts: every account batch must be written first.
  await pipeline.drain();

  for (let start = 0; start < plan.opportunities; start += batchSize) {
    const end = Math.min(plan.opportunities, start + batchSize);
    const opportunities: OpportunityRow[] = [];
    const touches: TouchpointRow[] = [];
    for (let i = start; i < end; i++) {
      const generated = opportunityAt(plan, partners, i);
      opportunities.push(generated.opportunity);
      for (const t of generated.touchpoints) touches.push(t);
    }
    await pipeline.add(() =>
      inBatch(async (s) => {
        await write(s, 'opportunities', opportunityTable, opportunities);
        await write(s, 'touchpoints', touchpointTable, touches);
        progress?.tick(end - start);
      }),
    );
  }
  await pipeline.drain();
  progress?.done();
  return counts;
}

/**
 * Keeps up to `depth` writes queued or in flight so generation overlaps
 * database work; the first failure is rethrown once every write has settled.
 */
class WritePipeline {
  private inFlight: Promise<void>[] = [];

  /** `serial`: a write starts only after the previous one finished (one connection). */
  constructor(
    private readonly depth: number,
    private readonly serial: boolean,
  ) {}

  async add(write: () => Promise<void>): Promise<void> {
    const previous = this.serial ? this.inFlight.at(-1) : undefined;
    const pending = previous ? previous.then(write) : write();
    pending.catch(() => undefined); // observed in wait()/drain()
    this.inFlight.push(pending);
    while (this.inFlight.length >= this.depth) await this.wait(this.inFlight.shift()!);
  }

  async drain(): Promise<void> {
    while (this.inFlight.length > 0) await this.wait(this.inFlight.shift()!);
  }

  private async wait(oldest: Promise<void>): Promise<void> {
    try {
      await oldest;
    } catch (err) {
      const rest = this.inFlight;
      this.inFlight = [];
      await Promise.allSettled(rest);
      throw err;
    }
  }
}
