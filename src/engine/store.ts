// SQL for the engine's own rows: overrides in force, partner keys, credit
// allocation inserts. Bounded queries per batch, values as exact text.
import type { Lane } from '../domain/enums.js';
import type { AllocationRow } from './allocations.js';
import type { SqlClient } from './db.js';
import { arrayLiteral as pgArray } from '../db/sql-arrays.js';
import { timeOrderedUuid } from '../db/time-ordered-id.js';
import { toDate } from '../db/timestamps.js';
import type { OverrideFacts } from './overrides.js';

export class UnknownPartnerError extends Error {
  readonly code = 'UNKNOWN_PARTNER';
  constructor(readonly partnerKeys: string[]) {
    super(
      `the rules credited partner${partnerKeys.length > 1 ? 's' : ''} ${partnerKeys.join(', ')} that ${partnerKeys.length > 1 ? 'are' : 'is'} not in the database; credit only partners from the facts, or import the partner first`,
    );
    this.name = 'UnknownPartnerError';
  }
}

interface OverrideRow {
  id: string;
  opportunity_id: string;
  partner_key: string | null;
  dispute_id: string | null;
  rule_set_key: string | null;
  lane: Lane;
  role: string;
  share: string;
  reason: string;
  approved_by: string;
  approved_at: unknown;
}

/** Whether any active override applies to the rule set at all (a run skips the per-batch read when none does). */
export async function hasActiveOverrides(sql: SqlClient, ruleSetKey: string): Promise<boolean> {
  const rows = await sql.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM override WHERE status = 'active' AND (rule_set_key IS NULL OR rule_set_key = $1)) AS any`,
    [ruleSetKey],
  );
  return rows[0]?.any === true;
}

/** Active overrides for these opportunities that apply to the rule set, in approval order. */
export async function loadActiveOverrides(
  sql: SqlClient,
  opportunityIds: readonly string[],
  ruleSetKey: string,
): Promise<Map<string, OverrideFacts[]>> {
  const rows = await sql.query<OverrideRow>(
    `SELECT ov.id::text AS id, ov.opportunity_id::text AS opportunity_id, p.key AS partner_key,
            ov.dispute_id::text AS dispute_id, ov.rule_set_key, ov.lane::text AS lane, ov.role,
            ov.share::text AS share, ov.reason, ov.approved_by, ov.approved_at
       FROM override ov LEFT JOIN partner p ON p.id = ov.partner_id
      WHERE ov.status = 'active' AND ov.opportunity_id = ANY($1::uuid[])
        AND (ov.rule_set_key IS NULL OR ov.rule_set_key = $2)
      ORDER BY ov.approved_at, ov.id`,
    [pgArray(opportunityIds), ruleSetKey],
  );
  const map = new Map<string, OverrideFacts[]>();
  for (const r of rows) {
    const o: OverrideFacts = {
      id: r.id,
      opportunityId: r.opportunity_id,
      partnerKey: r.partner_key,
      disputeId: r.dispute_id,
      ruleSetKey: r.rule_set_key,
      lane: r.lane,
      role: r.role,
      share: r.share,
      reason: r.reason,
      approvedBy: r.approved_by,
      approvedAt: toDate(r.approved_at),
    };
    const list = map.get(o.opportunityId);
    if (list) list.push(o);
    else map.set(o.opportunityId, [o]);
  }
  return map;
}

/** Resolves partner keys to ids, caching across batches; unknown keys fail. */
export class PartnerDirectory {
  private readonly ids = new Map<string, string>();
  constructor(private readonly sql: SqlClient) {}

  async resolve(keys: Iterable<string>): Promise<Map<string, string>> {
    const missing = [...new Set(keys)].filter((k) => !this.ids.has(k));
    if (missing.length) {
      const rows = await this.sql.query<{ key: string; id: string }>(
        'SELECT key, id::text AS id FROM partner WHERE key = ANY($1::text[])',
        [pgArray(missing)],
      );
      for (const r of rows) this.ids.set(r.key, r.id);
      const unknown = missing.filter((k) => !this.ids.has(k));
      if (unknown.length) throw new UnknownPartnerError(unknown.sort());
    }
    return this.ids;
  }
}

export interface AllocationTags {
  runId: string;
  ruleVersionId: string;
  ruleVersionNumber: number | null;
  sourceHash: string;
}

/**
 * True when the server can compress TOASTed values with lz4 (PostgreSQL built
 * with it; PGlite is not). Explanations are kilobytes of JSON per row: lz4
 * compresses them in less than half the server time of the default pglz, and
 * reads decompress either transparently.
 */
export async function supportsLz4(sql: SqlClient): Promise<boolean> {
  const rows = await sql.query<{ ok: boolean }>(
    `SELECT 'lz4' = ANY(enumvals) AS ok FROM pg_settings WHERE name = 'default_toast_compression'`,
  );
  return rows[0]?.ok === true;
}

/** How a batch is written. */
export interface WriteOptions {
  /** Compress the batch's TOASTed values with lz4 (SET LOCAL default_toast_compression; see supportsLz4). */
  lz4?: boolean;
  /** On PostgreSQL, write with COPY … FROM STDIN (default); false takes the INSERT path PGlite uses. */
  copy?: boolean;
}

/** Counters a batch adds to its run's progress, written by the same statement as its rows. */
export interface BatchProgress {
  opportunities: number;
  /**
   * A partition of a run executed as jobs: the batch lands only while this
   * attempt still owns the partition (its row in run_partition, locked by the
   * statement), and bumps the partition's counters too. A write of an older
   * attempt lands nothing and throws PartitionSupersededError.
   */
  fence?: { partition: number; attempt: number };
}

export class PartitionSupersededError extends Error {
  readonly code = 'PARTITION_SUPERSEDED';
  constructor(
    readonly runId: string,
    readonly partition: number,
    readonly attempt: number,
  ) {
    super(
      `partition ${partition} of run ${runId} was taken over by another attempt (this was attempt ${attempt}); this worker's writes for it were discarded`,
    );
    this.name = 'PartitionSupersededError';
  }
}

/**
 * Inserts the rows (not current) and their opportunities' shared explanation
 * parts in one statement; returns how many rows. The rows travel as ONE JSON
 * document (json_to_recordset), the shared parts as another: one
 * JSON.stringify each per batch, no per-value escaping, parsed once by the
 * server. With `progress`, the same statement bumps the run's progress
 * counters and heartbeat (one round trip per batch, and progress can never
 * count rows that were not written).
 */
export async function insertAllocations(
  sql: SqlClient,
  tags: AllocationTags,
  rows: readonly AllocationRow[],
  partners: PartnerDirectory,
  progress?: BatchProgress,
  options: WriteOptions = {},
): Promise<number> {
  if (rows.length === 0 && !progress) return 0;
  const ids = await partners.resolve(rows.flatMap((r) => (r.partnerKey ? [r.partnerKey] : [])));
  if (sql.copyFrom && options.copy !== false) return copyAllocations(sql, tags, rows, ids, progress, options);
  const document = JSON.stringify(
    rows.map((r) => ({
      o: r.opportunityId,
      p: r.partnerKey ? ids.get(r.partnerKey)! : null,
      l: r.lane,
      r: r.role,
      s: r.share,
      a: r.amount,
      c: r.currency,
      t: r.contributingTouchpointIds,
      e: r.explanation,
      ov: r.overrideId,
    })),
  );
  const shared = JSON.stringify(rows.flatMap((r) => (r.shared ? [{ o: r.opportunityId, x: r.shared.excluded, l: r.shared.lanes }] : [])));
  const fence = progress?.fence;
  const guard = fence ? ' WHERE EXISTS (SELECT 1 FROM fence)' : '';
  const ctes = [
    ...(fence
      ? [
          `fence AS (
         SELECT 1 FROM run_partition WHERE run_id = $1::uuid AND partition = $8 AND attempt = $9 AND status = 'running' FOR UPDATE)`,
        ]
      : []),
    `shared AS (
       INSERT INTO credit_explanation (run_id, opportunity_id, excluded, lanes)
       SELECT $1::uuid, x.o, x.x, x.l FROM json_to_recordset($6::json) AS x(o uuid, x jsonb, l jsonb)${guard})`,
    `written AS (
       INSERT INTO credit_allocation (id, run_id, rule_version_id, rule_version_number, source_hash, opportunity_id,
                                      partner_id, lane, role, share, amount, currency, contributing_touchpoint_ids,
                                      explanation, is_current, override_id)
       SELECT gen_random_uuid(), $1::uuid, $2::uuid, $3::int, $4, x.o, x.p, x.l, x.r, x.s, x.a, x.c, x.t, x.e, false, x.ov
         FROM json_to_recordset($5::json)
              AS x(o uuid, p uuid, l "Lane", r text, s numeric, a numeric, c text, t uuid[], e jsonb, ov uuid)${guard}
       RETURNING 1)`,
  ];
  const params: unknown[] = [tags.runId, tags.ruleVersionId, tags.ruleVersionNumber, tags.sourceHash, document, shared];
  const write = async (s: SqlClient) => {
    if (!progress) return s.query(`WITH ${ctes.join(',\n')} SELECT 1`, params);
    if (!fence) {
      return s.query(
        `WITH ${ctes.join(',\n')}
         UPDATE attribution_run
            SET opportunities_done = opportunities_done + $7, allocations_written = allocations_written + (SELECT count(*) FROM written),
                heartbeat_at = now()
          WHERE id = $1::uuid`,
        [...params, progress.opportunities],
      );
    }
    const landed = await s.query<{ ok: number }>(
      `WITH ${ctes.join(',\n')},
       part AS (
         UPDATE run_partition
            SET opportunities_done = opportunities_done + $7, allocations_written = allocations_written + (SELECT count(*) FROM written),
                heartbeat_at = now()
          WHERE run_id = $1::uuid AND partition = $8 AND attempt = $9 AND EXISTS (SELECT 1 FROM fence))
       UPDATE attribution_run
          SET opportunities_done = opportunities_done + $7, allocations_written = allocations_written + (SELECT count(*) FROM written),
              heartbeat_at = now()
        WHERE id = $1::uuid AND EXISTS (SELECT 1 FROM fence)
       RETURNING 1 AS ok`,
      [...params, progress.opportunities, fence.partition, fence.attempt],
    );
    if (landed.length === 0) throw new PartitionSupersededError(tags.runId, fence.partition, fence.attempt);
    return landed;
  };
  if (options.lz4) {
    await sql.transaction(async (tx) => {
      await tx.exec(`SET LOCAL default_toast_compression = 'lz4'`);
      await write(tx);
    });
  } else {
    await write(sql);
  }
  return rows.length;
}

/** Bytes per chunk handed to COPY. */
const COPY_CHUNK_BYTES = 256 * 1024;

/** A value in COPY's text format: backslash, tab, newline and carriage return escaped. */
function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : value;
}

/** JSON in COPY's text format (JSON.stringify never emits raw control characters; only its backslashes need doubling). */
function copyJson(value: unknown): string {
  const json = JSON.stringify(value);
  return json.includes('\\') ? json.replace(/\\/g, '\\\\') : json;
}

/**
 * COPY text of the items, one line each, encoded straight into buffers of
 * COPY_CHUNK_BYTES: each line is UTF-8-encoded once on its own, never
 * concatenated into a chunk-sized string first (encoding such a string —
 * two-byte as soon as one explanation holds a non-Latin-1 character — cost a
 * run more than serialising its JSON).
 */
function* chunked<T>(items: readonly T[], line: (item: T) => string): Generator<Buffer> {
  let buffer = Buffer.allocUnsafe(COPY_CHUNK_BYTES);
  let used = 0;
  for (const item of items) {
    const text = line(item);
    // At most 3 UTF-8 bytes per UTF-16 unit: flush before a line that might not fit.
    if (used + text.length * 3 > buffer.length) {
      if (used > 0) yield buffer.subarray(0, used);
      buffer = Buffer.allocUnsafe(Math.max(COPY_CHUNK_BYTES, text.length * 3));
      used = 0;
    }
    used += buffer.write(text, used);
  }
  if (used > 0) yield buffer.subarray(0, used);
}

/**
 * The PostgreSQL write path: one transaction on one connection that checks
 * the partition fence first (its row locked FOR UPDATE until COMMIT, so a
 * takeover waits and then deletes what landed; a superseded attempt lands
 * nothing), COPYs the shared explanation parts and the rows, and bumps the
 * progress counters and heartbeat. Values travel in COPY's text format, each
 * row's explanation serialised on its own: no batch-wide JSON document for
 * the server to parse into records. Row ids are time-ordered
 * (src/db/time-ordered-id.ts), so a batch's keys land on the right-most
 * pages of the primary key instead of one random leaf each.
 */
async function copyAllocations(
  sql: SqlClient,
  tags: AllocationTags,
  rows: readonly AllocationRow[],
  ids: Map<string, string>,
  progress: BatchProgress | undefined,
  options: WriteOptions,
): Promise<number> {
  const run = tags.runId;
  const version = tags.ruleVersionId;
  const number = tags.ruleVersionNumber === null ? '\\N' : String(tags.ruleVersionNumber);
  const hash = copyText(tags.sourceHash);
  const fence = progress?.fence;
  await sql.transaction(async (tx) => {
    if (options.lz4) await tx.exec(`SET LOCAL default_toast_compression = 'lz4'`);
    if (fence) {
      const owned = await tx.query(
        `SELECT 1 FROM run_partition WHERE run_id = $1::uuid AND partition = $2 AND attempt = $3 AND status = 'running' FOR UPDATE`,
        [run, fence.partition, fence.attempt],
      );
      if (owned.length === 0) throw new PartitionSupersededError(run, fence.partition, fence.attempt);
    }
    if (rows.length) {
      const shared = rows.filter((r) => r.shared);
      if (shared.length) {
        await tx.copyFrom!(
          'COPY credit_explanation (run_id, opportunity_id, excluded, lanes) FROM STDIN',
          chunked(shared, (r) => `${run}\t${r.opportunityId}\t${copyJson(r.shared!.excluded)}\t${copyJson(r.shared!.lanes)}\n`),
        );
      }
      await tx.copyFrom!(
        `COPY credit_allocation (id, run_id, rule_version_id, rule_version_number, source_hash, opportunity_id, partner_id, lane, role,
                                 share, amount, currency, contributing_touchpoint_ids, explanation, is_current, override_id) FROM STDIN`,
        chunked(
          rows,
          (r) =>
            `${timeOrderedUuid()}\t${run}\t${version}\t${number}\t${hash}\t${r.opportunityId}\t${r.partnerKey ? ids.get(r.partnerKey)! : '\\N'}\t${r.lane}\t${copyText(r.role)}\t${r.share}\t${r.amount}\t${copyText(r.currency)}\t{${r.contributingTouchpointIds.join(',')}}\t${copyJson(r.explanation)}\tf\t${r.overrideId ?? '\\N'}\n`,
        ),
      );
    }
    if (!progress) return;
    if (fence) {
      await tx.query(
        `UPDATE run_partition
            SET opportunities_done = opportunities_done + $4, allocations_written = allocations_written + $5, heartbeat_at = now()
          WHERE run_id = $1::uuid AND partition = $2 AND attempt = $3`,
        [run, fence.partition, fence.attempt, progress.opportunities, rows.length],
      );
    }
    await tx.query(
      `UPDATE attribution_run
          SET opportunities_done = opportunities_done + $2, allocations_written = allocations_written + $3, heartbeat_at = now()
        WHERE id = $1::uuid`,
      [run, progress.opportunities, rows.length],
    );
  });
  return rows.length;
}
