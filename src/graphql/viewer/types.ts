// `viewer`: who the API key is and what it may do — for UIs deciding what to show.
import { builder } from '../builder.js';
import { ApiKeyRoleEnum } from '../common/enums.js';
import { capabilitiesOf, type Principal } from '../../auth/principal.js';

const ViewerRef = builder.objectRef<Principal>('Viewer').implement({
  description: 'The API key making the request: who it is and what it may do.',
  fields: (t) => ({
    name: t.exposeString('name', {
      description: 'The key\'s name, as given when it was created; audit events record the key as "key:<prefix> (<name>)".',
    }),
    keyPrefix: t.exposeString('prefix', { description: "The key's public prefix (the key itself is never shown again)." }),
    role: t.field({ type: ApiKeyRoleEnum, description: "The key's role.", resolve: (p) => p.role }),
    partner: t.prismaField({
      type: 'Partner',
      nullable: true,
      description: 'For a partner key: its partner.',
      resolve: (query, p, _a, ctx) => (p.partnerId ? ctx.prisma.partner.findUnique({ ...query, where: { id: p.partnerId } }) : null),
    }),
    canIngest: t.boolean({
      description: 'Whether the key may write ingested data (upserts, ingestTouchpoints).',
      resolve: (p) => capabilitiesOf(p.role).ingest,
    }),
    canGovern: t.boolean({
      description: 'Whether the key may manage rules, runs, disputes, overrides and the taxonomy.',
      resolve: (p) => capabilitiesOf(p.role).govern,
    }),
    canReadAudit: t.boolean({ description: 'Whether the key may read the audit trail.', resolve: (p) => capabilitiesOf(p.role).readAudit }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerRef,
    description: 'Who the API key is and what it may do, for UIs deciding what to show. Any API key.',
    authScopes: { authenticated: true },
    resolve: (_root, _args, ctx) => ctx.principal!,
  }),
);
