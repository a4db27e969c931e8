// The input side of touchpoint ingestion: a batch's items validated in memory
// (the fast path for the common shape, else the zod schema with the field
// path and the reason), duplicates within the batch refused, and the partner /
// opportunity / account keys resolved (one query per kind, not one per item)
// into the stored columns. Every item gets a result; an item with an issue is
// rejected and writes nothing.
import { z } from 'zod';
import type { Database } from '../db/client.js';
import { arrayLiteral } from '../db/sql-arrays.js';
import { DECLARED_ROLES, declaredRoleMessage, isDeclaredRole, type DeclaredRole } from '../domain/declared-role.js';
import type { TouchpointRecord } from '../domain/records.js';
import { loadVocabulary } from '../taxonomy/store.js';
import { instant, keyString, optionalText, taxonomyKey, text } from './fields.js';
import { BatchTooLargeError, issuesFromZod, type FieldIssue } from './issues.js';
import { taxonomyIssue } from './taxonomy-check.js';
import { fastValidTouchpoint } from './touchpoint-fast-path.js';

/** Engagement depth: 1 (light touch) to 5 (deep joint work), as the database's check and the rules language's `depth` expect. */
const MIN_DEPTH = 1;
const MAX_DEPTH = 5;

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

/** A validated touchpoint with its references resolved: the stored columns (camelCase). */
export interface TouchpointRow extends TouchpointRecord {
  partnerId: string;
  opportunityId: string | null;
  accountId: string | null;
  /** The rep-declared partner role (null: not declared). */
  declaredRole: DeclaredRole | null;
  metadata: Record<string, unknown>;
}

/** A row to write, with the position of its item in the batch. */
export interface IndexedRow {
  index: number;
  row: TouchpointRow;
}

/**
 * The batch's items, each with its result (rejected until written), and its
 * writable rows: valid, references resolved, sorted by natural key (every
 * writer locks and inserts in the same order, so concurrent batches that
 * overlap wait for each other instead of deadlocking).
 */
export async function readTouchpointBatch(
  db: Pick<Database, 'sql'>,
  inputs: readonly unknown[],
  maxBatch: number = MAX_TOUCHPOINT_BATCH,
): Promise<{ items: TouchpointItemResult[]; rows: IndexedRow[] }> {
  if (inputs.length > maxBatch) throw new BatchTooLargeError(inputs.length, maxBatch);
  const { items, valid } = validateItems(inputs);
  const rows = await resolveReferences(db, valid, items);
  rows.sort((a, b) => compareKeys(a.row, b.row));
  return { items, rows };
}

/** Validates every item in memory: the valid ones, and one result per item (rejected ones with their issues). */
function validateItems(inputs: readonly unknown[]): {
  items: TouchpointItemResult[];
  valid: Array<{ index: number; tp: ValidTouchpoint }>;
} {
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
  return { items, valid };
}

/** Resolves the references (one query per entity kind) and the taxonomy; items with an issue get it and no row. */
async function resolveReferences(
  db: Pick<Database, 'sql'>,
  valid: Array<{ index: number; tp: ValidTouchpoint }>,
  items: TouchpointItemResult[],
): Promise<IndexedRow[]> {
  const partnerKeys = unique(valid.map((v) => v.tp.partnerKey));
  const oppKeys = unique(valid.flatMap((v) => (v.tp.opportunityKey ? [v.tp.opportunityKey] : [])));
  const accountKeys = unique(valid.flatMap((v) => (v.tp.accountKey ? [v.tp.accountKey] : [])));
  const [vocabulary, partners, opps, accounts] = await Promise.all([
    loadVocabulary(db.sql),
    partnerKeys.length
      ? db.sql.query<{ id: string; key: string }>(`SELECT id::text AS id, key FROM partner WHERE key = ANY($1::text[])`, [
          arrayLiteral(partnerKeys),
        ])
      : [],
    oppKeys.length
      ? db.sql.query<{ id: string; key: string; account_id: string }>(
          `SELECT id::text AS id, key, account_id::text AS account_id FROM opportunity WHERE key = ANY($1::text[])`,
          [arrayLiteral(oppKeys)],
        )
      : [],
    accountKeys.length
      ? db.sql.query<{ id: string; key: string }>(`SELECT id::text AS id, key FROM account WHERE key = ANY($1::text[])`, [
          arrayLiteral(accountKeys),
        ])
      : [],
  ]);
  const partnerId = new Map(partners.map((p) => [p.key, p.id]));
  const opp = new Map(opps.map((o) => [o.key, o]));
  const accountId = new Map(accounts.map((a) => [a.key, a.id]));

  const rows: IndexedRow[] = [];
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
  return rows;
}

/** The natural key (source, externalId) as one string. */
export function identityOf(t: { source: string; externalId: string }): string {
  return `${t.source}\u0000${t.externalId}`;
}

function compareKeys(a: TouchpointRow, b: TouchpointRow): number {
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  return a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
