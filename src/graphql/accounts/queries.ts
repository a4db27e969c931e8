// Account queries.
import type { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { orderByOf, orderInput } from '../common/inputs.js';

const AccountFilter = builder.inputType('AccountFilter', {
  description: 'Which accounts to list; every given condition must hold.',
  fields: (t) => ({
    keys: t.stringList({ required: false, description: 'Only these business keys.' }),
    segment: t.string({ required: false, description: 'Only this segment (exact match).' }),
    region: t.string({ required: false, description: 'Only this region (exact match).' }),
    partnerKey: t.string({ required: false, description: 'Accounts where this partner is (or was) present.' }),
    search: t.string({ required: false, description: 'Case-insensitive match on name, key or domain.' }),
  }),
});
const AccountOrder = orderInput('Account', ['NAME', 'KEY', 'CREATED_AT'] as const);
const COLUMNS = { NAME: 'name', KEY: 'key', CREATED_AT: 'createdAt' } as const;

function accountWhere(f: typeof AccountFilter.$inferInput | null | undefined): Prisma.AccountWhereInput {
  return {
    ...(f?.keys ? { key: { in: f.keys } } : {}),
    ...(f?.segment ? { segment: f.segment } : {}),
    ...(f?.region ? { region: f.region } : {}),
    ...(f?.partnerKey ? { partners: { some: { partner: { key: f.partnerKey } } } } : {}),
    ...(f?.search
      ? {
          OR: [
            { name: { contains: f.search, mode: 'insensitive' } },
            { key: { contains: f.search, mode: 'insensitive' } },
            { domain: { contains: f.search, mode: 'insensitive' } },
          ],
        }
      : {}),
  };
}

builder.queryFields((t) => ({
  accounts: t.prismaConnection(
    {
      type: 'Account',
      cursor: 'id',
      description: 'Customer accounts, by name unless orderBy says otherwise. Internal readers and integrators.',
      authScopes: { readIngested: true },
      args: {
        filter: t.arg({ type: AccountFilter, required: false, description: 'Omitted: all accounts.' }),
        orderBy: t.arg({ type: [AccountOrder], required: false, description: 'Sort keys in order; default by name.' }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.account.findMany({
          ...query,
          where: accountWhere(args.filter),
          orderBy: orderByOf(args.orderBy, COLUMNS, [{ name: 'asc' }]),
        }),
      totalCount: (_c, args, ctx) => ctx.prisma.account.count({ where: accountWhere(args.filter) }),
    },
    { name: 'AccountConnection' },
    { name: 'AccountEdge' },
  ),
  account: t.prismaField({
    type: 'Account',
    nullable: true,
    description: 'One account by its business key; null when none has it. Internal readers and integrators.',
    authScopes: { readIngested: true },
    args: { key: t.arg.string({ required: true, description: "The account's business key." }) },
    resolve: (query, _root, args, ctx) => ctx.prisma.account.findUnique({ ...query, where: { key: args.key } }),
  }),
}));
