// Account upsert (integrators).
import { upsertAccount, type UpsertResult } from '../../ingest/index.js';
import type { Account } from '../../generated/prisma/client.js';
import { actorOf } from '../../auth/principal.js';
import { builder } from '../builder.js';
import { inputMutation } from '../common/mutation.js';
import { UpsertStatusEnum } from '../common/payloads.js';
import { COMMON_ERRORS } from '../errors.js';
import { AccountNode } from './types.js';

const AccountPartnerLinkInput = builder.inputType('AccountPartnerLinkInput', {
  description: 'A partner present on the account over a period.',
  fields: (t) => ({
    partnerKey: t.string({ required: true, description: 'Business key of an existing partner.' }),
    since: t.field({ type: 'DateTime', required: true, description: 'Start of the presence (ISO 8601 with offset).' }),
    until: t.field({
      type: 'DateTime',
      required: false,
      description: 'End of the presence (ISO 8601 with offset); omitted: still present.',
    }),
  }),
});

const UpsertAccountInput = builder.inputType('UpsertAccountInput', {
  description: "An account by business key. When `partners` is given it replaces the account's partner links.",
  fields: (t) => ({
    key: t.string({ required: true, description: 'Stable business key (from your CRM); the upsert matches on it.' }),
    name: t.string({ required: true, description: 'Customer name.' }),
    domain: t.string({ required: false, description: 'Web domain, e.g. "acme.com".' }),
    segment: t.string({ required: false, description: 'Market segment, e.g. "enterprise".' }),
    region: t.string({ required: false, description: 'Sales region, e.g. "EMEA".' }),
    partners: t.field({
      type: [AccountPartnerLinkInput],
      required: false,
      description: 'Replaces all partner links of the account; omitted: links unchanged.',
    }),
  }),
});

const UpsertAccountPayload = builder.objectRef<UpsertResult<Account>>('UpsertAccountPayload').implement({
  description: 'The account as stored after the upsert.',
  fields: (t) => ({
    account: t.field({ type: AccountNode, description: 'The account as stored now.', resolve: (r) => r.record }),
    status: t.field({
      type: UpsertStatusEnum,
      description: 'Whether it was created, updated or already matched.',
      resolve: (r) => r.status,
    }),
  }),
});

inputMutation('upsertAccount', {
  payload: UpsertAccountPayload,
  description: 'Creates or updates an account by business key (idempotent; audited). Integrator and admin keys.',
  authScopes: { ingest: true },
  errors: { types: COMMON_ERRORS, union: 'The upserted account, or why nothing was written.' },
  input: { type: UpsertAccountInput, description: 'The account, by business key.' },
  resolve: (input, ctx) => upsertAccount(ctx.prisma, input, actorOf(ctx.principal!)),
});
