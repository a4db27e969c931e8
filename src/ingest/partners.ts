// Partner upsert by key.
import { z } from 'zod';
import type { Partner, PrismaClient } from '../generated/prisma/client.js';
import { lockNaturalKeys } from './locks.js';
import { prismaRollupSql, withRollupDelta } from '../engine/report-rollup.js';
import { recordAudit } from '../audit/record.js';
import { PARTNER_STATUSES } from '../domain/enums.js';
import { loadVocabularyWith } from '../taxonomy/store.js';
import { enumOf, keyString, optionalText, taxonomyKey, text } from './fields.js';
import { InputValidationError, type FieldIssue } from './issues.js';
import { taxonomyIssue } from './taxonomy-check.js';
import { changedFields, pickFields, validate, type UpsertResult } from './upsert.js';

const partnerInputSchema = z.object({
  key: keyString,
  name: text(200),
  type: taxonomyKey,
  tier: taxonomyKey.nullish(),
  status: enumOf(PARTNER_STATUSES).nullish(),
  owner: optionalText(200),
});

export async function upsertPartner(prisma: PrismaClient, input: unknown, actor: string): Promise<UpsertResult<Partner>> {
  const p = validate(partnerInputSchema, input);
  const data = {
    name: p.name,
    type: p.type,
    owner: p.owner,
    ...(p.tier ? { tier: p.tier } : {}),
    ...(p.status ? { status: p.status } : {}),
  };
  return prisma.$transaction(async (tx) => {
    await lockNaturalKeys(tx, 'partner', [p.key]);
    const current = await tx.partner.findUnique({ where: { key: p.key } });
    // A partner keeps a retired type or tier it already has; nothing new may take one.
    const vocabulary = await loadVocabularyWith(tx);
    const issues: FieldIssue[] = [];
    if (p.type !== current?.type) taxonomyIssue(issues, 'type', 'partner-type', p.type, vocabulary);
    if (p.tier && p.tier !== current?.tier) taxonomyIssue(issues, 'tier', 'partner-tier', p.tier, vocabulary);
    if (issues.length) throw new InputValidationError(issues);
    if (!current) {
      const record = await tx.partner.create({ data: { key: p.key, ...data } });
      await recordAudit(tx, { actor, action: 'partner.create', entityType: 'Partner', entityId: record.id, after: record });
      return { record, status: 'created' };
    }
    const changed = changedFields(current, data);
    if (changed.length === 0) return { record: current, status: 'unchanged' };
    // A type change moves the partner's deals between partner_type groups of the report rollup.
    const deals = changed.includes('type')
      ? (
          await tx.$queryRawUnsafe<{ id: string }[]>(
            'SELECT DISTINCT opportunity_id::text AS id FROM credit_allocation WHERE partner_id = $1::uuid AND is_current',
            current.id,
          )
        ).map((r) => r.id)
      : [];
    const record = await withRollupDelta(prismaRollupSql(tx), null, deals, () => tx.partner.update({ where: { id: current.id }, data }));
    await recordAudit(tx, {
      actor,
      action: 'partner.update',
      entityType: 'Partner',
      entityId: record.id,
      before: pickFields(current, changed),
      after: pickFields(record, changed),
    });
    return { record, status: 'updated' };
  });
}
