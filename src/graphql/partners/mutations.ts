// Partner upsert (integrators).
import { upsertPartner } from '../../ingest/partners.js';
import type { Partner } from '../../generated/prisma/client.js';
import type { UpsertResult } from '../../ingest/upsert.js';
import { actorOf } from '../../auth/principal.js';
import { builder } from '../builder.js';
import { PartnerStatusEnum } from '../common/enums.js';
import { UpsertStatusEnum } from '../common/payloads.js';
import { COMMON_ERRORS } from '../errors.js';
import { PartnerNode } from './types.js';

const UpsertPartnerInput = builder.inputType('UpsertPartnerInput', {
  description: 'A partner by business key; an existing partner with the key is updated.',
  fields: (t) => ({
    key: t.string({ required: true }),
    name: t.string({ required: true }),
    type: t.string({ required: true, description: 'An active partner-type taxonomy key.' }),
    tier: t.string({ required: false, description: 'An active partner-tier taxonomy key (default: registered).' }),
    status: t.field({ type: PartnerStatusEnum, required: false }),
    owner: t.string({ required: false }),
  }),
});

const UpsertPartnerPayload = builder.objectRef<UpsertResult<Partner>>('UpsertPartnerPayload').implement({
  fields: (t) => ({
    partner: t.field({ type: PartnerNode, resolve: (r) => r.record }),
    status: t.field({ type: UpsertStatusEnum, resolve: (r) => r.status }),
  }),
});

builder.mutationField('upsertPartner', (t) => t.field({
  type: UpsertPartnerPayload,
  authScopes: { ingest: true },
  errors: { types: [...COMMON_ERRORS], union: { name: 'UpsertPartnerResult' } },
  args: { input: t.arg({ type: UpsertPartnerInput, required: true }) },
  resolve: (_root, { input }, ctx) => upsertPartner(ctx.prisma, input, actorOf(ctx.principal!)),
}));
