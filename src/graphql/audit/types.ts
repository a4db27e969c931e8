// AuditEvent: who changed what, when, with before/after.
import type { Prisma } from '../../generated/prisma/client.js';
import { concerningEntity, coveredEntities } from '../../audit/record.js';
import { builder } from '../builder.js';
import { DateTimeRange, dateTimeWhere } from '../common/inputs.js';

builder.prismaNode('AuditEvent', {
  id: { field: 'id' },
  // node(id:) of a record that does not exist answers null, not an error.
  nullable: true,
  description: 'One change, with the actor and the state before and after.',
  authScopes: { readAudit: true },
  fields: (t) => ({
    actor: t.exposeString('actor', {
      description: 'Who made the change: "key:<prefix> (<name>)" for an API key, otherwise the CLI user or system process.',
    }),
    action: t.exposeString('action', { description: 'Dotted verb, e.g. "touchpoint.ingest", "ruleVersion.publish".' }),
    entityType: t.exposeString('entityType', { description: 'What kind of record changed, e.g. "Touchpoint", "RuleVersion".' }),
    entityId: t.exposeString('entityId', {
      nullable: true,
      description: 'The entity of a one-entity event; null for a batch event (see entityIds).',
    }),
    entityIds: t.stringList({
      description:
        'Every entity the event covers: for a batch event (touchpoint.ingest of a batch) the touchpoints it created, in batch order; otherwise [entityId].',
      resolve: (e) => coveredEntities(e),
    }),
    before: t.expose('before', { type: 'JSON', nullable: true, description: 'The changed values before, as JSON; null for a creation.' }),
    after: t.expose('after', { type: 'JSON', nullable: true, description: 'The changed values after, as JSON; null for a deletion.' }),
    at: t.expose('at', { type: 'DateTime', description: 'When the change committed (ISO 8601, UTC).' }),
  }),
});

const AuditFilter = builder.inputType('AuditEventFilter', {
  description: 'Which audit events to list; every given condition must hold.',
  fields: (t) => ({
    actor: t.string({ required: false, description: 'Only changes by this actor (exact).' }),
    action: t.stringList({ required: false, description: 'Only these actions, e.g. ["ruleVersion.publish"].' }),
    entityType: t.string({ required: false, description: 'Only changes to this kind of record, e.g. "Opportunity".' }),
    entityId: t.string({ required: false, description: 'Events about this entity alone or about a batch that includes it.' }),
    at: t.field({ type: DateTimeRange, required: false, description: 'Only changes made in this range.' }),
  }),
});

async function auditWhere(
  ctx: { prisma: Parameters<typeof concerningEntity>[0] },
  f: typeof AuditFilter.$inferInput | null | undefined,
): Promise<Prisma.AuditEventWhereInput> {
  const at = dateTimeWhere(f?.at);
  return {
    ...(f?.actor ? { actor: f.actor } : {}),
    ...(f?.action ? { action: { in: f.action } } : {}),
    ...(f?.entityType ? { entityType: f.entityType } : {}),
    ...(f?.entityId ? await concerningEntity(ctx.prisma, f.entityId) : {}),
    ...(at ? { at } : {}),
  };
}

builder.queryFields((t) => ({
  auditEvents: t.prismaConnection(
    {
      type: 'AuditEvent',
      cursor: 'id',
      description: 'The audit trail, newest first. Admin, governance and analyst keys.',
      authScopes: { readAudit: true },
      args: { filter: t.arg({ type: AuditFilter, required: false, description: 'Omitted: every event.' }) },
      resolve: async (query, _root, args, ctx) =>
        ctx.prisma.auditEvent.findMany({
          ...query,
          where: await auditWhere(ctx, args.filter),
          orderBy: [{ at: 'desc' }, { id: 'asc' }],
        }),
      totalCount: async (_c, args, ctx) => ctx.prisma.auditEvent.count({ where: await auditWhere(ctx, args.filter) }),
    },
    { name: 'AuditEventConnection' },
    { name: 'AuditEventEdge' },
  ),
}));
