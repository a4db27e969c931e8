// Partner upsert (integrators).
import { upsertPartner, type UpsertResult } from '../../ingest/index.js';
import type { Partner } from '../../generated/prisma/client.js';
import { actorOf } from '../../auth/principal.js';
import { builder } from '../builder.js';
import { inputMutation } from '../common/mutation.js';
import { PartnerStatusEnum } from '../common/enums.js';
import { UpsertStatusEnum } from '../common/payloads.js';
import { COMMON_ERRORS } from '../errors.js';
import { PartnerNode } from './types.js';

const UpsertPartnerInput = builder.inputType('UpsertPartnerInput', {
  description: 'A partner by business key; an existing partner with the key is updated.',
  fields: (t) => ({
    key: t.string({ required: true, description: 'Stable business key (from your CRM/PRM); the upsert matches on it.' }),
    name: t.string({ required: true, description: 'Display name of the company.' }),
    type: t.string({ required: true, description: 'An active partner-type taxonomy key.' }),
    tier: t.string({ required: false, description: 'An active partner-tier taxonomy key (default: registered).' }),
    status: t.field({
      type: PartnerStatusEnum,
      required: false,
      description: 'Default: active for a new partner; an existing one keeps its status.',
    }),
    owner: t.string({ required: false, description: 'Partner manager on our side; omitted: none.' }),
  }),
});

const UpsertPartnerPayload = builder.objectRef<UpsertResult<Partner>>('UpsertPartnerPayload').implement({
  description: 'The partner as stored after the upsert.',
  fields: (t) => ({
    partner: t.field({ type: PartnerNode, description: 'The partner as stored now.', resolve: (r) => r.record }),
    status: t.field({
      type: UpsertStatusEnum,
      description: 'Whether it was created, updated or already matched.',
      resolve: (r) => r.status,
    }),
  }),
});

inputMutation('upsertPartner', {
  payload: UpsertPartnerPayload,
  description: 'Creates or updates a partner by business key (idempotent; audited). Integrator and admin keys.',
  authScopes: { ingest: true },
  errors: { types: COMMON_ERRORS, union: 'The upserted partner, or why nothing was written.' },
  input: { type: UpsertPartnerInput, description: 'The partner, by business key.' },
  resolve: (input, ctx) => upsertPartner(ctx.prisma, input, actorOf(ctx.principal!)),
});
