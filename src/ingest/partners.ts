// Partner upsert by key.
import { z } from 'zod';
import type { Partner, PrismaClient } from '../generated/prisma/client.js';
import { lockNaturalKeys } from './locks.js';
import { recordAudit } from '../audit/record.js';
import { PARTNER_STATUSES, PARTNER_TIERS, PARTNER_TYPES } from '../domain/enums.js';
import { enumOf, keyString, optionalText, text } from './fields.js';
import { changedFields, pickFields, validate, type UpsertResult } from './upsert.js';

export const partnerInputSchema = z.object({
  key: keyString,
  name: text(200),
  type: enumOf(PARTNER_TYPES),
  tier: enumOf(PARTNER_TIERS).nullish(),
  status: enumOf(PARTNER_STATUSES).nullish(),
  owner: optionalText(200),
});
export type PartnerInput = z.input<typeof partnerInputSchema>;

export async function upsertPartner(prisma: PrismaClient, input: unknown, actor: string): Promise<UpsertResult<Partner>> {
  const p = validate(partnerInputSchema, input);
  const data = {
    name: p.name, type: p.type, owner: p.owner,
    ...(p.tier ? { tier: p.tier } : {}),
    ...(p.status ? { status: p.status } : {}),
  };
  return prisma.$transaction(async (tx) => {
    await lockNaturalKeys(tx, 'partner', [p.key]);
    const current = await tx.partner.findUnique({ where: { key: p.key } });
    if (!current) {
      const record = await tx.partner.create({ data: { key: p.key, ...data } });
      await recordAudit(tx, { actor, action: 'partner.create', entityType: 'Partner', entityId: record.id, after: record });
      return { record, status: 'created' };
    }
    const changed = changedFields(current, data);
    if (changed.length === 0) return { record: current, status: 'unchanged' };
    const record = await tx.partner.update({ where: { id: current.id }, data });
    await recordAudit(tx, {
      actor, action: 'partner.update', entityType: 'Partner', entityId: record.id,
      before: pickFields(current, changed), after: pickFields(record, changed),
    });
    return { record, status: 'updated' };
  });
}
