// Opportunity upsert by key (the CRM's id).
import { z } from 'zod';
import type { Opportunity, PrismaClient } from '../generated/prisma/client.js';
import { lockNaturalKeys } from './locks.js';
import { prismaRollupSql, withRollupDelta } from '../engine/report-rollup.js';
import { recordAudit } from '../audit/record.js';
import { OPPORTUNITY_TYPES } from '../domain/enums.js';
import { loadVocabularyWith } from '../taxonomy/store.js';
import { currency, enumOf, instant, keyString, money, optionalText, taxonomyKey, text } from './fields.js';
import { InputValidationError, type FieldIssue } from './issues.js';
import { taxonomyIssue } from './taxonomy-check.js';
import { changedFields, pickFields, validate, type UpsertResult } from './upsert.js';

const opportunityInputSchema = z
  .object({
    key: keyString,
    accountKey: keyString,
    name: text(300),
    type: enumOf(OPPORTUNITY_TYPES),
    amount: money,
    currency: currency.nullish().transform((v) => v ?? 'USD'),
    stage: taxonomyKey,
    createdAt: instant,
    closedAt: instant.nullish().transform((v) => v ?? null),
    ownerRep: optionalText(200),
    sourceSystem: keyString.nullish().transform((v) => v ?? 'crm'),
  })
  .superRefine((o, ctx) => {
    if (o.closedAt && o.closedAt < o.createdAt)
      ctx.addIssue({ code: 'custom', path: ['closedAt'], message: 'must not be before createdAt' });
  });

export async function upsertOpportunity(prisma: PrismaClient, input: unknown, actor: string): Promise<UpsertResult<Opportunity>> {
  const o = validate(opportunityInputSchema, input);
  return prisma.$transaction(async (tx) => {
    await lockNaturalKeys(tx, 'opportunity', [o.key]);
    const account = await tx.account.findUnique({ where: { key: o.accountKey }, select: { id: true } });
    if (!account) {
      throw new InputValidationError([
        { path: 'accountKey', message: `no account with key "${o.accountKey}"; upsert the account first (upsertAccount)` },
      ]);
    }
    const data = {
      accountId: account.id,
      name: o.name,
      type: o.type,
      amount: o.amount,
      currency: o.currency,
      stage: o.stage,
      createdAt: o.createdAt,
      closedAt: o.closedAt,
      ownerRep: o.ownerRep,
      sourceSystem: o.sourceSystem,
    };
    const current = await tx.opportunity.findUnique({ where: { key: o.key } });
    // The stage is checked against the taxonomy in force; a deal keeps a retired stage it already has.
    const vocabulary = await loadVocabularyWith(tx);
    const issues: FieldIssue[] = [];
    if (o.stage !== current?.stage) taxonomyIssue(issues, 'stage', 'opportunity-stage', o.stage, vocabulary);
    const outcome = vocabulary.outcome(o.stage);
    if (outcome !== undefined) {
      if (outcome !== 'open' && !o.closedAt) issues.push({ path: 'closedAt', message: `is required when stage is ${o.stage}` });
      if (outcome === 'open' && o.closedAt)
        issues.push({ path: 'closedAt', message: `must be empty while the stage is ${o.stage} (open)` });
    }
    if (issues.length) throw new InputValidationError(issues);
    if (!current) {
      const record = await tx.opportunity.create({ data: { key: o.key, ...data } });
      await recordAudit(tx, { actor, action: 'opportunity.create', entityType: 'Opportunity', entityId: record.id, after: record });
      return { record, status: 'created' };
    }
    const changed = changedFields(current, data);
    if (changed.length === 0) return { record: current, status: 'unchanged' };
    // The deal's share of the report rollup follows its amount, stage, dates, type and currency.
    const record = await withRollupDelta(prismaRollupSql(tx), null, [current.id], () =>
      tx.opportunity.update({ where: { id: current.id }, data }),
    );
    await recordAudit(tx, {
      actor,
      action: 'opportunity.update',
      entityType: 'Opportunity',
      entityId: record.id,
      before: pickFields(current, changed),
      after: pickFields(record, changed),
    });
    return { record, status: 'updated' };
  });
}
