// Account (the customer) and its partner presence.
import { builder } from '../builder.js';

export const AccountNode = builder.prismaNode('Account', {
  id: { field: 'id' },
  // node(id:) of a record that does not exist answers null, not an error.
  nullable: true,
  description: 'A customer account; its partner links are the "attached" signal.',
  authScopes: { readIngested: true },
  fields: (t) => ({
    key: t.exposeString('key'),
    name: t.exposeString('name'),
    domain: t.exposeString('domain', { nullable: true }),
    segment: t.exposeString('segment', { nullable: true }),
    region: t.exposeString('region', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    partners: t.relation('partners', {
      description: 'Partners present on the account, with the period of their presence.',
      query: { orderBy: [{ since: 'asc' }, { id: 'asc' }] },
    }),
    opportunities: t.relatedConnection('opportunities', {
      cursor: 'id',
      totalCount: true,
      args: { stage: t.arg.stringList({ required: false, description: 'Opportunity-stage taxonomy keys.' }) },
      query: (args) => ({
        where: args.stage ? { stage: { in: args.stage } } : {},
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      }),
    }),
    touchpoints: t.relatedConnection('touchpoints', {
      cursor: 'id',
      totalCount: true,
      description: 'Touches logged against the account (not a specific opportunity), newest first.',
      query: () => ({ where: { deletedAt: null }, orderBy: [{ occurredAt: 'desc' }, { id: 'asc' }] }),
    }),
  }),
});

builder.prismaObject('AccountPartner', {
  name: 'AccountPartnerLink',
  authScopes: { readIngested: true },
  fields: (t) => ({
    partner: t.relation('partner'),
    since: t.expose('since', { type: 'DateTime' }),
    until: t.expose('until', { type: 'DateTime', nullable: true }),
  }),
});
