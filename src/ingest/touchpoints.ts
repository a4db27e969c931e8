// Touchpoint ingestion: validate a batch item by item, resolve partner /
// opportunity / account keys, and upsert idempotently by (source, externalId).
// Every item gets a result: created, updated, unchanged or rejected (with the
// field path and the reason). A rejected item writes nothing; the valid items
// are written in one transaction together with their audit events.
import { z } from 'zod';
import type { Prisma, PrismaClient, Touchpoint } from '../generated/prisma/client.js';
import { recordAudit, type AuditEntry } from '../audit/record.js';
import { ACTION_TYPES, CHANNELS, OPPORTUNITY_STAGES } from '../domain/enums.js';
import { enumOf, instant, keyString, optionalText, text } from './fields.js';
import { lockNaturalKeys } from './locks.js';
import { BatchTooLargeError, issuesFromZod, type FieldIssue } from './issues.js';

/** The documented maximum number of touchpoints in one ingestTouchpoints call. */
export const MAX_TOUCHPOINT_BATCH = 5000;

export const touchpointInputSchema = z.object({
  source: keyString,
  externalId: text(200),
  partnerKey: keyString,
  opportunityKey: keyString.nullish().transform((v) => v ?? null),
  accountKey: keyString.nullish().transform((v) => v ?? null),
  action: enumOf(ACTION_TYPES),
  channel: enumOf(CHANNELS),
  occurredAt: instant,
  proof: optionalText(2000),
  owner: optionalText(200),
  nextJointStep: optionalText(2000),
  engagementDepth: z.number().int('must be a whole number').min(0, 'must be between 0 and 10').max(10, 'must be between 0 and 10').nullish().transform((v) => v ?? null),
  stageAtTouch: enumOf(OPPORTUNITY_STAGES).nullish().transform((v) => v ?? null),
  metadata: z.record(z.string(), z.unknown()).nullish().transform((v) => v ?? {}),
}).superRefine((tp, ctx) => {
  if (!tp.opportunityKey && !tp.accountKey) {
    ctx.addIssue({ code: 'custom', path: ['opportunityKey'], message: 'a touchpoint needs an opportunityKey or an accountKey (or both)' });
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
}

export interface IngestOptions {
  actor: string;
  maxBatch?: number;
}

type Row = Omit<Prisma.TouchpointUncheckedCreateInput, 'id'>;

/** Fields compared for idempotency and written on update. */
const COMPARED = [
  'opportunityId', 'accountId', 'partnerId', 'action', 'channel', 'occurredAt', 'proof', 'owner',
  'nextJointStep', 'engagementDepth', 'stageAtTouch', 'metadata',
] as const;

export async function ingestTouchpoints(prisma: PrismaClient, inputs: readonly unknown[], options: IngestOptions): Promise<TouchpointBatchResult> {
  const limit = options.maxBatch ?? MAX_TOUCHPOINT_BATCH;
  if (inputs.length > limit) throw new BatchTooLargeError(inputs.length, limit);

  const items: TouchpointItemResult[] = [];
  const valid: Array<{ index: number; tp: ValidTouchpoint }> = [];
  const seen = new Map<string, number>();
  inputs.forEach((raw, index) => {
    const rec = (raw ?? {}) as Record<string, unknown>;
    const result: TouchpointItemResult = {
      index,
      source: typeof rec.source === 'string' ? rec.source : null,
      externalId: typeof rec.externalId === 'string' ? rec.externalId : null,
      status: 'rejected', touchpointId: null, issues: [],
    };
    items.push(result);
    const parsed = touchpointInputSchema.safeParse(raw);
    if (!parsed.success) { result.issues = issuesFromZod(parsed.error); return; }
    const identity = `${parsed.data.source}\u0000${parsed.data.externalId}`;
    const first = seen.get(identity);
    if (first !== undefined) {
      result.issues = [{ path: 'externalId', message: `duplicates item ${first} of this batch (same source and externalId); send each touchpoint once per batch` }];
      return;
    }
    seen.set(identity, index);
    valid.push({ index, tp: parsed.data });
  });

  // Resolve references in three queries, not one per item.
  const partnerKeys = unique(valid.map((v) => v.tp.partnerKey));
  const oppKeys = unique(valid.flatMap((v) => (v.tp.opportunityKey ? [v.tp.opportunityKey] : [])));
  const accountKeys = unique(valid.flatMap((v) => (v.tp.accountKey ? [v.tp.accountKey] : [])));
  const [partners, opps, accounts] = await Promise.all([
    partnerKeys.length ? prisma.partner.findMany({ where: { key: { in: partnerKeys } }, select: { id: true, key: true } }) : [],
    oppKeys.length ? prisma.opportunity.findMany({ where: { key: { in: oppKeys } }, select: { id: true, key: true, accountId: true } }) : [],
    accountKeys.length ? prisma.account.findMany({ where: { key: { in: accountKeys } }, select: { id: true, key: true } }) : [],
  ]);
  const partnerId = new Map(partners.map((p) => [p.key, p.id]));
  const opp = new Map(opps.map((o) => [o.key, o]));
  const accountId = new Map(accounts.map((a) => [a.key, a.id]));

  const rows: Array<{ index: number; row: Row }> = [];
  for (const { index, tp } of valid) {
    const issues: FieldIssue[] = [];
    const pid = partnerId.get(tp.partnerKey);
    if (!pid) issues.push({ path: 'partnerKey', message: `no partner with key "${tp.partnerKey}"; upsert the partner first (upsertPartner)` });
    const o = tp.opportunityKey ? opp.get(tp.opportunityKey) : undefined;
    if (tp.opportunityKey && !o) issues.push({ path: 'opportunityKey', message: `no opportunity with key "${tp.opportunityKey}"; upsert the opportunity first (upsertOpportunity)` });
    const aid = tp.accountKey ? accountId.get(tp.accountKey) : undefined;
    if (tp.accountKey && !aid) issues.push({ path: 'accountKey', message: `no account with key "${tp.accountKey}"; upsert the account first (upsertAccount)` });
    if (o && aid && o.accountId !== aid) {
      issues.push({ path: 'accountKey', message: `opportunity "${tp.opportunityKey}" belongs to another account than "${tp.accountKey}"; send the opportunity's account or omit accountKey` });
    }
    if (issues.length) { items[index]!.issues = issues; continue; }
    rows.push({
      index,
      row: {
        source: tp.source, externalId: tp.externalId, partnerId: pid!, opportunityId: o?.id ?? null, accountId: aid ?? null,
        action: tp.action, channel: tp.channel, occurredAt: tp.occurredAt, proof: tp.proof, owner: tp.owner,
        nextJointStep: tp.nextJointStep, engagementDepth: tp.engagementDepth, stageAtTouch: tp.stageAtTouch,
        metadata: tp.metadata as Prisma.InputJsonValue,
      },
    });
  }

  const affected = new Set<string>();
  const accountsTouched = new Set<string>();
  if (rows.length > 0) {
    await prisma.$transaction(async (tx) => {
      // One lock per source: concurrent replays of a batch take turns, so each
      // touchpoint is created exactly once and each change applied once.
      await lockNaturalKeys(tx, 'touchpoint', rows.map((r) => r.row.source));
      const existing = await findExisting(tx, rows.map((r) => r.row));
      const creates: Array<{ index: number; row: Row & { id: string } }> = [];
      const audits: AuditEntry[] = [];
      for (const { index, row } of rows) {
        const current = existing.get(`${row.source}\u0000${row.externalId}`);
        const item = items[index]!;
        if (!current) {
          const id = crypto.randomUUID();
          creates.push({ index, row: { ...row, id } });
          item.status = 'created';
          item.touchpointId = id;
          audits.push({ actor: options.actor, action: 'touchpoint.ingest', entityType: 'Touchpoint', entityId: id, after: row });
        } else if (current.deletedAt === null && sameTouchpoint(current, row)) {
          item.status = 'unchanged';
          item.touchpointId = current.id;
          continue;
        } else {
          await tx.touchpoint.update({ where: { id: current.id }, data: { ...pick(row), deletedAt: null } });
          item.status = 'updated';
          item.touchpointId = current.id;
          audits.push({
            actor: options.actor, action: current.deletedAt ? 'touchpoint.restore' : 'touchpoint.ingest', entityType: 'Touchpoint', entityId: current.id,
            before: snapshot(current), after: { ...row, deletedAt: null },
          });
          if (current.opportunityId) affected.add(current.opportunityId);
          if (current.accountId) accountsTouched.add(current.accountId);
        }
        if (row.opportunityId) affected.add(row.opportunityId);
        if (row.accountId && !row.opportunityId) accountsTouched.add(row.accountId);
      }
      if (creates.length) await tx.touchpoint.createMany({ data: creates.map((c) => c.row) });
      await recordAudit(tx, ...audits);
    }, { timeout: 120_000, maxWait: 20_000 });
  }

  if (accountsTouched.size) {
    // Account-level touches can influence every opportunity of the account.
    const more = await prisma.opportunity.findMany({ where: { accountId: { in: [...accountsTouched] } }, select: { id: true } });
    for (const o of more) affected.add(o.id);
  }
  const counts: Record<ItemStatus, number> = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const item of items) counts[item.status]++;
  return { items, counts, affectedOpportunityIds: [...affected].sort() };
}

async function findExisting(tx: Prisma.TransactionClient, rows: Row[]): Promise<Map<string, Touchpoint>> {
  const bySource = new Map<string, string[]>();
  for (const r of rows) {
    const list = bySource.get(r.source) ?? [];
    list.push(r.externalId);
    bySource.set(r.source, list);
  }
  const found = await tx.touchpoint.findMany({
    where: { OR: [...bySource].map(([source, externalIds]) => ({ source, externalId: { in: externalIds } })) },
  });
  return new Map(found.map((t) => [`${t.source}\u0000${t.externalId}`, t]));
}

function pick(row: Row): Prisma.TouchpointUncheckedUpdateInput {
  const out: Record<string, unknown> = {};
  for (const k of COMPARED) out[k] = row[k];
  return out as Prisma.TouchpointUncheckedUpdateInput;
}

function snapshot(t: Touchpoint): Record<string, unknown> {
  const out: Record<string, unknown> = { source: t.source, externalId: t.externalId, deletedAt: t.deletedAt };
  for (const k of COMPARED) out[k] = t[k];
  return out;
}

function sameTouchpoint(current: Touchpoint, row: Row): boolean {
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
      actor, action: 'touchpoint.delete', entityType: 'Touchpoint', entityId: id,
      before: { deletedAt: null }, after: { deletedAt },
    });
    const affected = current.opportunityId ? [current.opportunityId]
      : current.accountId ? (await tx.opportunity.findMany({ where: { accountId: current.accountId }, select: { id: true } })).map((o) => o.id) : [];
    return { touchpoint, changed: true, affectedOpportunityIds: affected };
  });
}
