// `viewer`: who the API key is and what it may do — for UIs deciding what to show.
import { builder } from '../builder.js';
import { ApiKeyRoleEnum } from '../common/enums.js';
import { capabilitiesOf, type Principal } from '../../auth/principal.js';

const ViewerRef = builder.objectRef<Principal>('Viewer').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    keyPrefix: t.exposeString('prefix'),
    role: t.field({ type: ApiKeyRoleEnum, resolve: (p) => p.role }),
    partner: t.prismaField({
      type: 'Partner',
      nullable: true,
      description: 'For a partner key: its partner.',
      resolve: (query, p, _a, ctx) => (p.partnerId ? ctx.prisma.partner.findUnique({ ...query, where: { id: p.partnerId } }) : null),
    }),
    canIngest: t.boolean({ resolve: (p) => capabilitiesOf(p.role).ingest }),
    canGovern: t.boolean({ resolve: (p) => capabilitiesOf(p.role).govern }),
    canReadAudit: t.boolean({ resolve: (p) => capabilitiesOf(p.role).readAudit }),
  }),
});

builder.queryField('viewer', (t) => t.field({
  type: ViewerRef,
  authScopes: { authenticated: true },
  resolve: (_root, _args, ctx) => ctx.principal!,
}));
