// Account upsert (integrators).
import { upsertAccount } from '../../ingest/accounts.js';
import type { Account } from '../../generated/prisma/client.js';
import type { UpsertResult } from '../../ingest/upsert.js';
import { actorOf } from '../../auth/principal.js';
import { builder } from '../builder.js';
import { UpsertStatusEnum } from '../common/payloads.js';
import { COMMON_ERRORS } from '../errors.js';
import { AccountNode } from './types.js';

const AccountPartnerLinkInput = builder.inputType('AccountPartnerLinkInput', {
  fields: (t) => ({
    partnerKey: t.string({ required: true }),
    since: t.field({ type: 'DateTime', required: true }),
    until: t.field({ type: 'DateTime', required: false }),
  }),
});

const UpsertAccountInput = builder.inputType('UpsertAccountInput', {
  description: 'An account by business key. When `partners` is given it replaces the account\'s partner links.',
  fields: (t) => ({
    key: t.string({ required: true }),
    name: t.string({ required: true }),
    domain: t.string({ required: false }),
    segment: t.string({ required: false }),
    region: t.string({ required: false }),
    partners: t.field({ type: [AccountPartnerLinkInput], required: false }),
  }),
});

const UpsertAccountPayload = builder.objectRef<UpsertResult<Account>>('UpsertAccountPayload').implement({
  fields: (t) => ({
    account: t.field({ type: AccountNode, resolve: (r) => r.record }),
    status: t.field({ type: UpsertStatusEnum, resolve: (r) => r.status }),
  }),
});

builder.mutationField('upsertAccount', (t) => t.field({
  type: UpsertAccountPayload,
  authScopes: { ingest: true },
  errors: { types: [...COMMON_ERRORS], union: { name: 'UpsertAccountResult' } },
  args: { input: t.arg({ type: UpsertAccountInput, required: true }) },
  resolve: (_root, { input }, ctx) => upsertAccount(ctx.prisma, input, actorOf(ctx.principal!)),
}));
