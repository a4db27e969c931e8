// The SQL writes of touchpoint ingestion: lock the stored rows of existing
// keys, compare, and write one batch (insert, update, per-touchpoint audit
// events, recompute request) in one statement. The columns, their SQL types
// and how their values are written come from the column catalogue
// (src/db/columns.ts), each read from the TouchpointRow field of its camelCase name.
import { perEntityEventsInsert } from '../audit/record.js';
import { columnParams } from '../db/bulk.js';
import type { SqlClient } from '../db/client.js';
import { COLUMN_TYPES, catalogColumns, rowProperty } from '../db/columns.js';
import { arrayLiteral } from '../db/sql-arrays.js';
import { identityOf, type TouchpointRow } from './touchpoint-input.js';

const TYPES = COLUMN_TYPES.touchpoint;

/** The columns the statement sets itself: the id it is given, no deletion, the batch's audit event. */
type SetByStatement = 'id' | 'deleted_at' | 'ingest_event_id';
type WrittenColumn = Exclude<keyof typeof TYPES, SetByStatement>;

/** The columns ingestion writes, in the catalogue's order, each from the row field of its camelCase name. */
const WRITTEN = catalogColumns<TouchpointRow>()('touchpoint', {
  except: ['id', 'deleted_at', 'ingest_event_id'] satisfies SetByStatement[],
});
const COLUMNS = WRITTEN.columns.map((c) => c.name as WrittenColumn);
const N = COLUMNS.length;

/** The natural key: inserted, never updated. */
const KEY_COLUMNS: readonly WrittenColumn[] = ['source', 'external_id'];

/** Fields compared for idempotency and written on update (the audit's before lists them in this order). */
export const COMPARED: readonly (keyof TouchpointRow)[] = COLUMNS.filter((c) => !KEY_COLUMNS.includes(c)).map(rowProperty);

/** A stored touchpoint as lockExisting reads it. */
export interface StoredTouchpoint extends TouchpointRow {
  id: string;
  deletedAt: Date | null;
}

/** A column read back as its row field: uuids as text, the rest as the driver gives them (Date, number, JSON). */
const readColumn = (column: keyof typeof TYPES) => `t.${column}${TYPES[column] === 'uuid' ? '::text' : ''} AS "${rowProperty(column)}"`;
const STORED_COLUMNS = ['id' as const, ...COLUMNS, 'deleted_at' as const].map(readColumn).join(', ');

/**
 * The stored rows of these keys, locked FOR UPDATE, in the order given (the
 * batch's key order): one index probe per key, never a scan of the table.
 */
export async function lockExisting(tx: SqlClient, rows: TouchpointRow[]): Promise<Map<string, StoredTouchpoint>> {
  const found = await tx.query<StoredTouchpoint>(
    `SELECT t.* FROM unnest($1::${TYPES.source}[], $2::${TYPES.external_id}[]) WITH ORDINALITY AS k(source, external_id, n)
       CROSS JOIN LATERAL (
         SELECT ${STORED_COLUMNS} FROM touchpoint t
          WHERE t.source = k.source AND t.external_id = k.external_id
          FOR UPDATE
       ) AS t
      ORDER BY k.n`,
    [arrayLiteral(rows.map((r) => r.source)), arrayLiteral(rows.map((r) => r.externalId))],
  );
  return new Map(found.map((t) => [identityOf(t), t]));
}

/** The rows as a relation: $(N+1) the ids, $1…$N the columns; parameters shifted by `by`. */
function unnestRows(by: number): string {
  const arrays = [`$${N + 1 + by}::${TYPES.id}[]`, ...WRITTEN.columns.map((c, i) => `$${i + 1 + by}::${c.type}[]`)];
  return `unnest(${arrays.join(', ')}) AS x(id, ${COLUMNS.join(', ')})`;
}

const INSERT_COLUMNS = ['id', ...COLUMNS].join(', ');
const INSERT_VALUES = ['id', ...COLUMNS].map((c) => `x.${c}`).join(', ');
const UPDATE_SET = COLUMNS.filter((c) => !KEY_COLUMNS.includes(c))
  .map((c) => `${c} = x.${c}`)
  .join(', ');

/** Parameters after the two row sets (inserts: $1…$(N+1), updates: $(N+2)…$(2N+2)). */
const P = 2 * (N + 1);
const WRITE_SQL = `WITH ins AS (
       INSERT INTO touchpoint (${INSERT_COLUMNS}, updated_at, ingest_event_id)
       SELECT ${INSERT_VALUES}, now(), $${P + 9}::${TYPES.ingest_event_id}
         FROM ${unnestRows(0)}
       ON CONFLICT (source, external_id) DO NOTHING
       RETURNING id, opportunity_id, account_id
     ), upd AS (
       UPDATE touchpoint t SET ${UPDATE_SET}, deleted_at = NULL, updated_at = now()
         FROM ${unnestRows(N + 1)}
        WHERE t.id = x.id
       RETURNING t.id
     ), aud AS (
       -- Updated / restored: one event per touchpoint, before and after, from
       -- the caller. (Created ones are audited once per batch: auditCreated.)
       ${perEntityEventsInsert({ actor: `$${P + 1}`, entityType: "'Touchpoint'", entityIds: `$${P + 2}`, actions: `$${P + 3}`, befores: `$${P + 4}`, afters: `$${P + 5}` })}
     ), affected AS (
       -- The inserted rows' opportunities (every opportunity of the account
       -- for an account-level touch) and those the caller names for the updates.
       SELECT array_agg(DISTINCT o.id ORDER BY o.id) AS ids
         FROM (SELECT opportunity_id AS id FROM ins WHERE opportunity_id IS NOT NULL
               UNION SELECT unnest($${P + 7}::uuid[])
               UNION SELECT op.id FROM opportunity op
                      WHERE op.account_id IN (SELECT account_id FROM ins WHERE opportunity_id IS NULL UNION SELECT unnest($${P + 8}::uuid[]))) AS o
     ), req AS (
       INSERT INTO recompute_request (id, ticket, opportunity_ids, reason, actor)
       SELECT gen_random_uuid(), $${P + 6}::uuid, a.ids, 'touchpoint.ingest', $${P + 1} FROM affected a WHERE a.ids IS NOT NULL
       RETURNING opportunity_ids
     )
     SELECT 'inserted' AS kind, id::text AS id FROM ins
     UNION ALL SELECT 'requested', unnest(opportunity_ids)::text FROM req`;

/** One per-touchpoint audit event of an update or a restore. */
export interface UpdateAudit {
  action: string;
  entityId: string;
  /** The event's before and after, as JSON text (src/audit's auditJson). */
  before: string | null;
  after: string | null;
}

export interface BatchWrite {
  inserts: Array<{ index: number; id: string; row: TouchpointRow }>;
  updates: Array<{ id: string; row: TouchpointRow }>;
  /** Audit events of the updates (the inserted rows are audited once per batch: auditCreated). */
  audits: UpdateAudit[];
  /** The updates' opportunities, before and after (the statement adds those of the rows it inserted). */
  opportunityIds: Set<string>;
  /** The updates' account-level touches: every opportunity of the account is affected. */
  accountIds: Set<string>;
}

/**
 * The whole write of one batch in ONE statement (data-modifying CTEs, one
 * round-trip): insert, update, audit events, recompute request. Returns the
 * ids actually inserted and the opportunities the request names.
 */
export async function writeBatch(
  tx: SqlClient,
  w: BatchWrite,
  meta: { actor: string; ticket: string; eventId: string },
): Promise<{ insertedIds: Set<string>; requestedOpportunityIds: string[] }> {
  const rows = await tx.query<{ kind: 'inserted' | 'requested'; id: string }>(WRITE_SQL, [
    ...columnParams(
      WRITTEN,
      w.inserts.map((i) => i.row),
    ),
    arrayLiteral(w.inserts.map((i) => i.id)),
    ...columnParams(
      WRITTEN,
      w.updates.map((u) => u.row),
    ),
    arrayLiteral(w.updates.map((u) => u.id)),
    meta.actor,
    arrayLiteral(w.audits.map((a) => a.entityId)),
    arrayLiteral(w.audits.map((a) => a.action)),
    arrayLiteral(w.audits.map((a) => a.before)),
    arrayLiteral(w.audits.map((a) => a.after)),
    meta.ticket,
    arrayLiteral([...w.opportunityIds].sort()),
    arrayLiteral([...w.accountIds].sort()),
    meta.eventId,
  ]);
  return {
    insertedIds: new Set(rows.filter((r) => r.kind === 'inserted').map((r) => r.id)),
    requestedOpportunityIds: rows.filter((r) => r.kind === 'requested').map((r) => r.id),
  };
}

/** Whether the stored row already holds what the item sends (metadata compared as canonical JSON). */
export function sameTouchpoint(current: StoredTouchpoint, row: TouchpointRow): boolean {
  for (const k of COMPARED) {
    const a: unknown = current[k];
    const b: unknown = row[k];
    if (a instanceof Date || b instanceof Date) {
      if (!(a instanceof Date) || !(b instanceof Date) || a.getTime() !== b.getTime()) return false;
    } else if (k === 'metadata') {
      if (canonicalJson(a) !== canonicalJson(b)) return false;
    } else if ((a ?? null) !== (b ?? null)) {
      return false;
    }
  }
  return true;
}

/** JSON with object keys sorted, so {a,b} and {b,a} compare equal. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
    }
    return v;
  });
}
