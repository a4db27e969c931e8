// Touchpoint ingestion: validate a batch in memory, resolve partner /
// opportunity / account keys (one query per kind), and upsert idempotently by
// (source, externalId) with a few set-based statements. Every item gets a
// result: created, updated, unchanged or rejected (with the field path and the
// reason). A rejected item writes nothing; the valid items are written in one
// transaction together with their audit events and the recompute request for
// the opportunities they affect (the recompute outbox, src/recompute-queue).
import { z } from 'zod';
import type { PrismaClient, Touchpoint } from '../generated/prisma/client.js';
import type { Database, SqlClient } from '../db/client.js';
import { auditJson, perEntityEventsInsert, recordAudit, recordBatchEvent } from '../audit/record.js';
import { timeOrderedUuid } from '../db/time-ordered-id.js';
import { arrayLiteral as pgArray } from '../db/sql-arrays.js';
import { loadVocabulary } from '../taxonomy/store.js';
import { instant, keyString, optionalText, taxonomyKey, text } from './fields.js';
import { taxonomyIssue } from './taxonomy-check.js';
import { DECLARED_ROLES, declaredRoleMessage, isDeclaredRole, type DeclaredRole } from '../domain/declared-role.js';
import { fastValidTouchpoint } from './touchpoint-fast-path.js';
import { BatchTooLargeError, issuesFromZod, type FieldIssue } from './issues.js';

/** Engagement depth: 1 (light touch) to 5 (deep joint work), as the database's check and the rules language's `depth` expect. */
export const MIN_DEPTH = 1;
export const MAX_DEPTH = 5;

/** The documented maximum number of touchpoints in one ingestTouchpoints call. */
export const MAX_TOUCHPOINT_BATCH = 5000;

export const touchpointInputSchema = z
  .object({
    source: keyString,
    externalId: text(200),
    partnerKey: keyString,
    opportunityKey: keyString.nullish().transform((v) => v ?? null),
    accountKey: keyString.nullish().transform((v) => v ?? null),
    action: taxonomyKey,
    channel: taxonomyKey,
    occurredAt: instant,
    proof: optionalText(2000),
    owner: optionalText(200),
    nextJointStep: optionalText(2000),
    engagementDepth: z
      .number()
      .int('must be a whole number from 1 (light touch) to 5 (deep joint work)')
      .min(MIN_DEPTH, 'must be between 1 (light touch) and 5 (deep joint work)')
      .max(MAX_DEPTH, 'must be between 1 (light touch) and 5 (deep joint work)')
      .nullish()
      .transform((v) => v ?? null),
    stageAtTouch: taxonomyKey.nullish().transform((v) => v ?? null),
    declaredRole: z
      .string()
      .nullish()
      .transform((v, ctx): DeclaredRole | null => {
        if (v === null || v === undefined) return null;
        if (isDeclaredRole(v)) return v;
        ctx.addIssue({ code: 'custom', message: `${declaredRoleMessage(v)} (DeclaredRole: ${DECLARED_ROLES.join(' | ')})` });
        return z.NEVER;
      }),
    metadata: z
      .record(z.string(), z.unknown())
      .nullish()
      .transform((v) => v ?? {}),
  })
  .superRefine((tp, ctx) => {
    if (!tp.opportunityKey && !tp.accountKey) {
      ctx.addIssue({
        code: 'custom',
        path: ['opportunityKey'],
        message: 'a touchpoint needs an opportunityKey or an accountKey (or both)',
      });
    }
    if (tp.occurredAt.getTime() > Date.now() + 24 * 3600 * 1000) {
      ctx.addIssue({ code: 'custom', path: ['occurredAt'], message: 'is more than a day in the future; send the time the touch happened' });
    }
  });

export type TouchpointInput = z.input<typeof touchpointInputSchema>;
type ValidTouchpoint = z.output<typeof touchpointInputSchema>;

export type ItemStatus = 'created' | 'updated' | 'unchanged' | 'rejected';

export interface TouchpointItemResult {
  index: number;
  source: string | null;
  externalId: string | null;
  status: ItemStatus;
  touchpointId: string | null;
  /** Why the item was rejected: one issue per offending field. Empty unless rejected. */
  issues: FieldIssue[];
}

export interface TouchpointBatchResult {
  items: TouchpointItemResult[];
  counts: Record<ItemStatus, number>;
  /** Opportunities whose attribution may change because of this batch. */
  affectedOpportunityIds: string[];
  /**
   * The recompute request recorded for them in the same transaction (the
   * recompute outbox), or null when nothing needs recomputing.
   */
  recomputeTicket: string | null;
}

export interface IngestOptions {
  actor: string;
  maxBatch?: number;
}

/** A validated touchpoint with its references resolved: the stored columns (camelCase). */
export interface TouchpointRow {
  source: string;
  externalId: string;
  partnerId: string;
  opportunityId: string | null;
  accountId: string | null;
  action: string;
  channel: string;
  occurredAt: Date;
  proof: string | null;
  owner: string | null;
  nextJointStep: string | null;
  engagementDepth: number | null;
  stageAtTouch: string | null;
  /** The rep-declared partner role (null: not declared). */
  declaredRole: DeclaredRole | null;
  metadata: Record<string, unknown>;
}

interface StoredTouchpoint extends TouchpointRow {
  id: string;
  deletedAt: Date | null;
}

/** Fields compared for idempotency and written on update. */
const COMPARED = [
  'opportunityId',
  'accountId',
  'partnerId',
  'action',
  'channel',
  'occurredAt',
  'proof',
  'owner',
  'nextJointStep',
  'engagementDepth',
  'stageAtTouch',
  'declaredRole',
  'metadata',
] as const;

/**
 * Ingests a batch set-based: validation in memory, one lookup query per
 * referenced entity kind, then one transaction that inserts the new rows
 * (and records their recompute request) in one statement, locks, compares
 * and updates the rows whose key existed, and writes the audit events (for a
 * batch of new touchpoints: two statements whatever the batch size). The
 * caller recomputes credit (see src/recompute-queue); the request is durable
 * either way.
 */
export async function ingestTouchpoints(
  db: Pick<Database, 'sql'>,
  inputs: readonly unknown[],
  options: IngestOptions,
): Promise<TouchpointBatchResult> {
  const limit = options.maxBatch ?? MAX_TOUCHPOINT_BATCH;
  if (inputs.length > limit) throw new BatchTooLargeError(inputs.length, limit);

  const items: TouchpointItemResult[] = [];
  const valid: Array<{ index: number; tp: ValidTouchpoint }> = [];
  const seen = new Map<string, number>();
  const now = Date.now();
  inputs.forEach((raw, index) => {
    const rec = (raw ?? {}) as Record<string, unknown>;
    const result: TouchpointItemResult = {
      index,
      source: typeof rec.source === 'string' ? rec.source : null,
      externalId: typeof rec.externalId === 'string' ? rec.externalId : null,
      status: 'rejected',
      touchpointId: null,
      issues: [],
    };
    items.push(result);
    let tp: ValidTouchpoint | undefined = fastValidTouchpoint(raw, now);
    if (!tp) {
      const parsed = touchpointInputSchema.safeParse(raw);
      if (!parsed.success) {
        result.issues = issuesFromZod(parsed.error);
        return;
      }
      tp = parsed.data;
    }
    const identity = identityOf(tp);
    const first = seen.get(identity);
    if (first !== undefined) {
      result.issues = [
        {
          path: 'externalId',
          message: `duplicates item ${first} of this batch (same source and externalId); send each touchpoint once per batch`,
        },
      ];
      return;
    }
    seen.set(identity, index);
    valid.push({ index, tp });
  });

  // Resolve references: one query per entity kind, not one per item.
  const partnerKeys = unique(valid.map((v) => v.tp.partnerKey));
  const oppKeys = unique(valid.flatMap((v) => (v.tp.opportunityKey ? [v.tp.opportunityKey] : [])));
  const accountKeys = unique(valid.flatMap((v) => (v.tp.accountKey ? [v.tp.accountKey] : [])));
  const [vocabulary, partners, opps, accounts] = await Promise.all([
    loadVocabulary(db.sql),
    partnerKeys.length
      ? db.sql.query<{ id: string; key: string }>(`SELECT id::text AS id, key FROM partner WHERE key = ANY($1::text[])`, [
          pgArray(partnerKeys),
        ])
      : [],
    oppKeys.length
      ? db.sql.query<{ id: string; key: string; account_id: string }>(
          `SELECT id::text AS id, key, account_id::text AS account_id FROM opportunity WHERE key = ANY($1::text[])`,
          [pgArray(oppKeys)],
        )
      : [],
    accountKeys.length
      ? db.sql.query<{ id: string; key: string }>(`SELECT id::text AS id, key FROM account WHERE key = ANY($1::text[])`, [
          pgArray(accountKeys),
        ])
      : [],
  ]);
  const partnerId = new Map(partners.map((p) => [p.key, p.id]));
  const opp = new Map(opps.map((o) => [o.key, o]));
  const accountId = new Map(accounts.map((a) => [a.key, a.id]));

  const rows: Array<{ index: number; row: TouchpointRow }> = [];
  for (const { index, tp } of valid) {
    const issues: FieldIssue[] = [];
    taxonomyIssue(issues, 'action', 'action-type', tp.action, vocabulary);
    taxonomyIssue(issues, 'channel', 'channel', tp.channel, vocabulary);
    if (tp.stageAtTouch !== null) taxonomyIssue(issues, 'stageAtTouch', 'opportunity-stage', tp.stageAtTouch, vocabulary);
    const pid = partnerId.get(tp.partnerKey);
    if (!pid)
      issues.push({ path: 'partnerKey', message: `no partner with key "${tp.partnerKey}"; upsert the partner first (upsertPartner)` });
    const o = tp.opportunityKey ? opp.get(tp.opportunityKey) : undefined;
    if (tp.opportunityKey && !o)
      issues.push({
        path: 'opportunityKey',
        message: `no opportunity with key "${tp.opportunityKey}"; upsert the opportunity first (upsertOpportunity)`,
      });
    const aid = tp.accountKey ? accountId.get(tp.accountKey) : undefined;
    if (tp.accountKey && !aid)
      issues.push({ path: 'accountKey', message: `no account with key "${tp.accountKey}"; upsert the account first (upsertAccount)` });
    if (o && aid && o.account_id !== aid) {
      issues.push({
        path: 'accountKey',
        message: `opportunity "${tp.opportunityKey}" belongs to another account than "${tp.accountKey}"; send the opportunity's account or omit accountKey`,
      });
    }
    if (issues.length) {
      items[index]!.issues = issues;
      continue;
    }
    rows.push({
      index,
      row: {
        source: tp.source,
        externalId: tp.externalId,
        partnerId: pid!,
        opportunityId: o?.id ?? null,
        accountId: aid ?? null,
        action: tp.action,
        channel: tp.channel,
        occurredAt: tp.occurredAt,
        proof: tp.proof,
        owner: tp.owner,
        nextJointStep: tp.nextJointStep,
        engagementDepth: tp.engagementDepth,
        stageAtTouch: tp.stageAtTouch,
        declaredRole: tp.declaredRole,
        metadata: tp.metadata,
      },
    });
  }
  // Sorted by natural key: every writer locks and inserts in the same order, so
  // concurrent batches that overlap wait for each other instead of deadlocking.
  rows.sort((a, b) => compareKeys(a.row, b.row));

  let recomputeTicket: string | null = null;
  const affected = new Set<string>();
  if (rows.length > 0) {
    const ticket = crypto.randomUUID();
    // The one audit event for what this batch creates; each created touchpoint names it (ingest_event_id).
    const eventId = crypto.randomUUID();
    let requested = false;
    const created: CreatedTouchpoint[] = [];
    await db.sql.transaction(async (tx) => {
      /** Writes one batch statement and records its outcome; returns the rows it did not insert (their key exists). */
      const apply = async (write: BatchWrite): Promise<Array<{ index: number; row: TouchpointRow }>> => {
        const result = await writeBatch(tx, write, { actor: options.actor, ticket, eventId });
        requested = true;
        for (const o of result.requestedOpportunityIds) affected.add(o);
        const notInserted: Array<{ index: number; row: TouchpointRow }> = [];
        for (const ins of write.inserts) {
          if (!result.insertedIds.has(ins.id)) {
            notInserted.push({ index: ins.index, row: ins.row });
            continue;
          }
          const item = items[ins.index]!;
          item.status = 'created';
          item.touchpointId = ins.id;
          created.push(ins);
        }
        return notInserted;
      };
      // 1. Insert first: one statement inserts every row whose key is new and
      //    records the recompute request for them. For a batch of new
      //    touchpoints (what a sync mostly sends) that is the whole write. A
      //    key that exists, or that a concurrent batch is inserting (the
      //    insert waits for that batch to end), is skipped: it is an
      //    existing row for step 2.
      let pending = await apply({
        inserts: rows.map((r) => ({ index: r.index, id: timeOrderedUuid(), row: r.row })),
        updates: [],
        audits: [],
        opportunityIds: new Set(),
        accountIds: new Set(),
      });
      // 2. Lock the rows that exist (the latest committed version of each):
      //    a concurrent replay of the same items waits here, then sees our
      //    result. Unchanged ones stay as they are; changed (or deleted) ones
      //    are updated (restored) and audited with before and after. A row
      //    that is gone by now (deleted outside the API) is inserted again
      //    in the next round.
      for (let round = 0; pending.length > 0; round++) {
        if (round > 20) throw new Error('touchpoint ingestion could not settle concurrent inserts of the same items; send the batch again');
        const existing = await lockExisting(
          tx,
          pending.map((r) => r.row),
        );
        const write: BatchWrite = { inserts: [], updates: [], audits: [], opportunityIds: new Set(), accountIds: new Set() };
        for (const r of pending) {
          const current = existing.get(identityOf(r.row));
          const item = items[r.index]!;
          if (!current) {
            write.inserts.push({ index: r.index, id: timeOrderedUuid(), row: r.row });
            continue;
          }
          item.touchpointId = current.id;
          if (current.deletedAt === null && sameTouchpoint(current, r.row)) {
            item.status = 'unchanged';
            continue;
          }
          item.status = 'updated';
          write.updates.push({ id: current.id, row: r.row });
          write.audits.push({
            action: current.deletedAt ? 'touchpoint.restore' : 'touchpoint.ingest',
            entityId: current.id,
            before: snapshot(current),
            after: { ...r.row, deletedAt: null },
          });
          // Both the old and the new subject's credit may change.
          for (const t of [current, r.row]) {
            if (t.opportunityId) write.opportunityIds.add(t.opportunityId);
            else if (t.accountId) write.accountIds.add(t.accountId);
          }
        }
        if (write.inserts.length === 0 && write.updates.length === 0) break;
        pending = await apply(write);
      }
      await auditCreated(tx, created, { actor: options.actor, eventId });
    });
    if (requested && affected.size > 0) recomputeTicket = ticket;
  }

  const counts: Record<ItemStatus, number> = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const item of items) counts[item.status]++;
  return { items, counts, affectedOpportunityIds: [...affected].sort(), recomputeTicket };
}

function identityOf(t: { source: string; externalId: string }): string {
  return `${t.source}\u0000${t.externalId}`;
}

function compareKeys(a: TouchpointRow, b: TouchpointRow): number {
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  return a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0;
}

const STORED_COLUMNS = `t.id::text AS id, t.source, t.external_id AS "externalId", t.partner_id::text AS "partnerId",
  t.opportunity_id::text AS "opportunityId", t.account_id::text AS "accountId", t.action::text AS action, t.channel::text AS channel,
  t.occurred_at AS "occurredAt", t.proof, t.owner, t.next_joint_step AS "nextJointStep", t.engagement_depth AS "engagementDepth",
  t.stage_at_touch::text AS "stageAtTouch", t.declared_role AS "declaredRole", t.metadata, t.deleted_at AS "deletedAt"`;

/**
 * The stored rows of these keys, locked FOR UPDATE, in the order given (the
 * batch's key order): one index probe per key, never a scan of the table.
 */
async function lockExisting(tx: SqlClient, rows: TouchpointRow[]): Promise<Map<string, StoredTouchpoint>> {
  const found = await tx.query<StoredTouchpoint>(
    `SELECT t.* FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(source, external_id, n)
       CROSS JOIN LATERAL (
         SELECT ${STORED_COLUMNS} FROM touchpoint t
          WHERE t.source = k.source AND t.external_id = k.external_id
          FOR UPDATE
       ) AS t
      ORDER BY k.n`,
    [pgArray(rows.map((r) => r.source)), pgArray(rows.map((r) => r.externalId))],
  );
  return new Map(found.map((t) => [identityOf(t), t]));
}

/** The row columns as parallel array parameters $1…$15 for unnest. */
function columnParams(rows: TouchpointRow[]): string[] {
  return [
    pgArray(rows.map((r) => r.source)),
    pgArray(rows.map((r) => r.externalId)),
    pgArray(rows.map((r) => r.partnerId)),
    pgArray(rows.map((r) => r.opportunityId)),
    pgArray(rows.map((r) => r.accountId)),
    pgArray(rows.map((r) => r.action)),
    pgArray(rows.map((r) => r.channel)),
    pgArray(rows.map((r) => r.occurredAt.toISOString())),
    pgArray(rows.map((r) => r.proof)),
    pgArray(rows.map((r) => r.owner)),
    pgArray(rows.map((r) => r.nextJointStep)),
    pgArray(rows.map((r) => (r.engagementDepth === null ? null : String(r.engagementDepth)))),
    pgArray(rows.map((r) => r.stageAtTouch)),
    pgArray(rows.map((r) => JSON.stringify(r.metadata))),
    pgArray(rows.map((r) => r.declaredRole)),
  ];
}

/** The rows as a relation: $16 the ids, $1…$15 the columns. */
const UNNEST_ROWS = `unnest($16::uuid[], $1::text[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::timestamptz[],
    $9::text[], $10::text[], $11::text[], $12::smallint[], $13::text[], $14::jsonb[], $15::text[])
  AS x(id, source, external_id, partner_id, opportunity_id, account_id, action, channel, occurred_at, proof, owner, next_joint_step,
       engagement_depth, stage_at_touch, metadata, declared_role)`;

interface BatchWrite {
  inserts: Array<{ index: number; id: string; row: TouchpointRow }>;
  updates: Array<{ id: string; row: TouchpointRow }>;
  /** Audit events of the updates (the inserted rows are audited once per batch: auditCreated). */
  audits: Array<{ action: string; entityId: string; before: unknown; after: unknown }>;
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
async function writeBatch(
  tx: SqlClient,
  w: BatchWrite,
  meta: { actor: string; ticket: string; eventId: string },
): Promise<{ insertedIds: Set<string>; requestedOpportunityIds: string[] }> {
  const ins = columnParams(w.inserts.map((i) => i.row));
  const upd = columnParams(w.updates.map((u) => u.row));
  const shift = (sql: string, by: number) => sql.replace(/\$(\d+)/g, (_m, n: string) => `$${Number(n) + by}`);
  const rows = await tx.query<{ kind: 'inserted' | 'requested'; id: string }>(
    `WITH ins AS (
       INSERT INTO touchpoint (id, source, external_id, partner_id, opportunity_id, account_id, action, channel, occurred_at,
                               proof, owner, next_joint_step, engagement_depth, stage_at_touch, declared_role, metadata, updated_at, ingest_event_id)
       SELECT x.id, x.source, x.external_id, x.partner_id, x.opportunity_id, x.account_id, x.action, x.channel,
              x.occurred_at, x.proof, x.owner, x.next_joint_step, x.engagement_depth, x.stage_at_touch, x.declared_role, x.metadata, now(), $41::uuid
         FROM ${UNNEST_ROWS}
       ON CONFLICT (source, external_id) DO NOTHING
       RETURNING id, opportunity_id, account_id
     ), upd AS (
       UPDATE touchpoint t SET partner_id = x.partner_id, opportunity_id = x.opportunity_id, account_id = x.account_id,
              action = x.action, channel = x.channel, occurred_at = x.occurred_at, proof = x.proof, owner = x.owner,
              next_joint_step = x.next_joint_step, engagement_depth = x.engagement_depth,
              stage_at_touch = x.stage_at_touch, declared_role = x.declared_role, metadata = x.metadata, deleted_at = NULL, updated_at = now()
         FROM ${shift(UNNEST_ROWS, 16)}
        WHERE t.id = x.id
       RETURNING t.id
     ), aud AS (
       -- Updated / restored: one event per touchpoint, before and after, from
       -- the caller. (Created ones are audited once per batch: auditCreated.)
       ${perEntityEventsInsert({ actor: '$33', entityType: "'Touchpoint'", entityIds: '$34', actions: '$35', befores: '$36', afters: '$37' })}
     ), affected AS (
       -- The inserted rows' opportunities (every opportunity of the account
       -- for an account-level touch) and those the caller names for the updates.
       SELECT array_agg(DISTINCT o.id ORDER BY o.id) AS ids
         FROM (SELECT opportunity_id AS id FROM ins WHERE opportunity_id IS NOT NULL
               UNION SELECT unnest($39::uuid[])
               UNION SELECT op.id FROM opportunity op
                      WHERE op.account_id IN (SELECT account_id FROM ins WHERE opportunity_id IS NULL UNION SELECT unnest($40::uuid[]))) AS o
     ), req AS (
       INSERT INTO recompute_request (id, ticket, opportunity_ids, reason, actor)
       SELECT gen_random_uuid(), $38::uuid, a.ids, 'touchpoint.ingest', $33 FROM affected a WHERE a.ids IS NOT NULL
       RETURNING opportunity_ids
     )
     SELECT 'inserted' AS kind, id::text AS id FROM ins
     UNION ALL SELECT 'requested', unnest(opportunity_ids)::text FROM req`,
    [
      ...ins,
      pgArray(w.inserts.map((i) => i.id)),
      ...upd,
      pgArray(w.updates.map((u) => u.id)),
      meta.actor,
      pgArray(w.audits.map((a) => a.entityId)),
      pgArray(w.audits.map((a) => a.action)),
      pgArray(w.audits.map((a) => auditJson(a.before))),
      pgArray(w.audits.map((a) => auditJson(a.after))),
      meta.ticket,
      pgArray([...w.opportunityIds].sort()),
      pgArray([...w.accountIds].sort()),
      meta.eventId,
    ],
  );
  return {
    insertedIds: new Set(rows.filter((r) => r.kind === 'inserted').map((r) => r.id)),
    requestedOpportunityIds: rows.filter((r) => r.kind === 'requested').map((r) => r.id),
  };
}

interface CreatedTouchpoint {
  index: number;
  id: string;
  row: TouchpointRow;
}

/**
 * ONE audit event for the touchpoints a batch created: entityIds lists them
 * (and each of them names the event: touchpoint.ingest_event_id) and after.items holds each
 * one's written values, in batch order. Writing one event per created
 * touchpoint cost about as much as inserting the touchpoints themselves;
 * updates and restores keep one event per touchpoint (each has its own
 * before/after).
 */
async function auditCreated(tx: SqlClient, created: CreatedTouchpoint[], meta: { actor: string; eventId: string }): Promise<void> {
  if (created.length === 0) return;
  created.sort((a, b) => a.index - b.index);
  await recordBatchEvent(tx, {
    id: meta.eventId,
    actor: meta.actor,
    action: 'touchpoint.ingest',
    entityType: 'Touchpoint',
    entityIds: created.map((c) => c.id),
    afterJson: createdEventJson(created),
  });
}

/**
 * The creation event's JSON, `{"created":n,"items":[…]}`, written directly:
 * the same text as JSON.stringify of the item objects (same keys in the
 * same order), without building 1,000 intermediate objects per batch. Ids
 * (UUIDs), enum values and the ISO instant never need escaping; the texts
 * a client sent go through JSON.stringify.
 */
export function createdEventJson(created: ReadonlyArray<{ id: string; row: TouchpointRow }>): string {
  const str = (v: string | null) => (v === null ? 'null' : JSON.stringify(v));
  const plain = (v: string | null) => (v === null ? 'null' : `"${v}"`);
  let out = `{"created":${created.length},"items":[`;
  for (let i = 0; i < created.length; i++) {
    const { id, row } = created[i]!;
    if (i > 0) out += ',';
    out +=
      `{"id":"${id}","source":${str(row.source)},"externalId":${str(row.externalId)},"partnerId":"${row.partnerId}"` +
      `,"opportunityId":${plain(row.opportunityId)},"accountId":${plain(row.accountId)},"action":"${row.action}","channel":"${row.channel}"` +
      `,"occurredAt":"${row.occurredAt.toISOString()}","proof":${str(row.proof)},"owner":${str(row.owner)},"nextJointStep":${str(row.nextJointStep)}` +
      `,"engagementDepth":${row.engagementDepth === null ? 'null' : String(row.engagementDepth)},"stageAtTouch":${plain(row.stageAtTouch)}` +
      `,"declaredRole":${plain(row.declaredRole)}` +
      `,"metadata":${JSON.stringify(row.metadata)}}`;
  }
  return `${out}]}`;
}

function snapshot(t: StoredTouchpoint): Record<string, unknown> {
  const out: Record<string, unknown> = { source: t.source, externalId: t.externalId, deletedAt: t.deletedAt };
  for (const k of COMPARED) out[k] = t[k];
  return out;
}

function sameTouchpoint(current: StoredTouchpoint, row: TouchpointRow): boolean {
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
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
    }
    return v;
  });
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

export interface DeleteTouchpointResult {
  touchpoint: Touchpoint;
  /** false when it was already deleted (deleting twice is a no-op). */
  changed: boolean;
  affectedOpportunityIds: string[];
}

/** Soft delete: sets deleted_at; the engine ignores deleted touches. */
export async function deleteTouchpoint(prisma: PrismaClient, id: string, actor: string): Promise<DeleteTouchpointResult | null> {
  return prisma.$transaction(async (tx) => {
    const current = await tx.touchpoint.findUnique({ where: { id } });
    if (!current) return null;
    if (current.deletedAt) return { touchpoint: current, changed: false, affectedOpportunityIds: [] };
    const deletedAt = new Date();
    const touchpoint = await tx.touchpoint.update({ where: { id }, data: { deletedAt } });
    await recordAudit(tx, {
      actor,
      action: 'touchpoint.delete',
      entityType: 'Touchpoint',
      entityId: id,
      before: { deletedAt: null },
      after: { deletedAt },
    });
    const affected = current.opportunityId
      ? [current.opportunityId]
      : current.accountId
        ? (await tx.opportunity.findMany({ where: { accountId: current.accountId }, select: { id: true } })).map((o) => o.id)
        : [];
    return { touchpoint, changed: true, affectedOpportunityIds: affected };
  });
}
