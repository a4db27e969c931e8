// Account upsert by key, with its partner presence (the "attached" signal):
// when `partners` is given it is the complete list of partner links for the
// account; links are matched on (partner, since).
import { z } from 'zod';
import type { Account, PrismaClient } from '../generated/prisma/client.js';
import { lockNaturalKeys } from './locks.js';
import { recordAudit, type AuditEntry } from '../audit/record.js';
import { instant, keyString, optionalText, text } from './fields.js';
import { InputValidationError } from './issues.js';
import { changedFields, pickFields, validate, type UpsertResult } from './upsert.js';

const accountInputSchema = z.object({
  key: keyString,
  name: text(200),
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/, 'must be a domain name such as example.com (no scheme or path)')
    .nullish()
    .transform((v) => v ?? null),
  segment: optionalText(100),
  region: optionalText(100),
  partners: z
    .array(
      z
        .object({
          partnerKey: keyString,
          since: instant,
          until: instant.nullish().transform((v) => v ?? null),
        })
        .refine((l) => !l.until || l.until >= l.since, { path: ['until'], message: 'must not be before since' }),
    )
    .max(200, 'at most 200 partner links per account')
    .nullish(),
});

export async function upsertAccount(prisma: PrismaClient, input: unknown, actor: string): Promise<UpsertResult<Account>> {
  const a = validate(accountInputSchema, input);
  const data = { name: a.name, domain: a.domain, segment: a.segment, region: a.region };
  return prisma.$transaction(async (tx) => {
    await lockNaturalKeys(tx, 'account', [a.key]);
    let partnerIds = new Map<string, string>();
    if (a.partners?.length) {
      const keys = [...new Set(a.partners.map((l) => l.partnerKey))];
      const found = await tx.partner.findMany({ where: { key: { in: keys } }, select: { id: true, key: true } });
      partnerIds = new Map(found.map((p) => [p.key, p.id]));
      const issues = a.partners.flatMap((l, i) =>
        partnerIds.has(l.partnerKey)
          ? []
          : [{ path: `partners.${i}.partnerKey`, message: `no partner with key "${l.partnerKey}"; upsert the partner first` }],
      );
      if (issues.length) throw new InputValidationError(issues);
    }
    const current = await tx.account.findUnique({ where: { key: a.key } });
    const audits: AuditEntry[] = [];
    let record: Account;
    let status: UpsertResult<Account>['status'];
    if (!current) {
      record = await tx.account.create({ data: { key: a.key, ...data } });
      audits.push({ actor, action: 'account.create', entityType: 'Account', entityId: record.id, after: record });
      status = 'created';
    } else {
      const changed = changedFields(current, data);
      record = current;
      status = 'unchanged';
      if (changed.length) {
        record = await tx.account.update({ where: { id: current.id }, data });
        audits.push({
          actor,
          action: 'account.update',
          entityType: 'Account',
          entityId: record.id,
          before: pickFields(current, changed),
          after: pickFields(record, changed),
        });
        status = 'updated';
      }
    }
    if (a.partners) {
      const links = await tx.accountPartner.findMany({ where: { accountId: record.id }, include: { partner: { select: { key: true } } } });
      const wanted = new Map(a.partners.map((l) => [`${partnerIds.get(l.partnerKey)}|${l.since.toISOString()}`, l]));
      const have = new Map(links.map((l) => [`${l.partnerId}|${l.since.toISOString()}`, l]));
      const before = links.map((l) => ({ partnerKey: l.partner.key, since: l.since, until: l.until }));
      let linksChanged = false;
      for (const [k, l] of have) {
        if (!wanted.has(k)) {
          await tx.accountPartner.delete({ where: { id: l.id } });
          linksChanged = true;
        }
      }
      for (const [k, l] of wanted) {
        const existing = have.get(k);
        if (!existing) {
          await tx.accountPartner.create({
            data: { accountId: record.id, partnerId: partnerIds.get(l.partnerKey)!, since: l.since, until: l.until },
          });
          linksChanged = true;
        } else if ((existing.until?.getTime() ?? null) !== (l.until?.getTime() ?? null)) {
          await tx.accountPartner.update({ where: { id: existing.id }, data: { until: l.until } });
          linksChanged = true;
        }
      }
      if (linksChanged) {
        audits.push({
          actor,
          action: 'account.partners',
          entityType: 'Account',
          entityId: record.id,
          before: { partners: before },
          after: { partners: a.partners },
        });
        if (status === 'unchanged') status = 'updated';
      }
    }
    await recordAudit(tx, ...audits);
    return { record, status };
  });
}
