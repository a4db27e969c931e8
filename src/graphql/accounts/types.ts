// Account (the customer) and its partner presence.
import { builder } from '../builder.js';

export const AccountNode = builder.prismaNode('Account', {
  id: { field: 'id' },
  // node(id:) of a record that does not exist answers null, not an error.
  nullable: true,
  description: 'A customer account; its partner links are the "attached" signal.',
  authScopes: { readIngested: true },
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable business key, as sent by integrators.' }),
    name: t.exposeString('name', { description: 'Customer name.' }),
    domain: t.exposeString('domain', { nullable: true, description: 'Web domain, e.g. "acme.com"; null when unknown.' }),
    segment: t.exposeString('segment', {
      nullable: true,
      description: 'Market segment as your CRM names it (e.g. "enterprise"); null when unknown.',
    }),
    region: t.exposeString('region', {
      nullable: true,
      description: 'Sales region as your CRM names it (e.g. "EMEA"); null when unknown.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the account was first written here (ISO 8601, UTC).' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When the account record last changed (ISO 8601, UTC).' }),
    partners: t.relation('partners', {
      description: 'Partners present on the account, with the period of their presence.',
      query: { orderBy: [{ since: 'asc' }, { id: 'asc' }] },
    }),
    opportunities: t.relatedConnection('opportunities', {
      description: "The account's opportunities, newest first.",
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
  description: 'A partner\'s presence on an account over a period (the "attached" signal rules can read).',
  authScopes: { readIngested: true },
  fields: (t) => ({
    partner: t.relation('partner', { description: 'The partner present on the account.' }),
    since: t.expose('since', { type: 'DateTime', description: 'Start of the presence (ISO 8601, UTC).' }),
    until: t.expose('until', {
      type: 'DateTime',
      nullable: true,
      description: 'End of the presence (ISO 8601, UTC); null while it lasts.',
    }),
  }),
});
