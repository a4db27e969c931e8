// The program's vocabulary (src/taxonomy): entries, and the per-request view
// the label fields of partners, opportunities and touchpoints read.
import { type STAGE_OUTCOMES, TAXONOMY_KINDS, type TaxonomyEntry, type TaxonomyKind, type Vocabulary } from '../../domain/taxonomy.js';
import { loadVocabulary } from '../../taxonomy/index.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';

const TAXONOMY_KIND_DESCRIPTIONS: Record<TaxonomyKind, string> = {
  'partner-type': 'Kinds of partner (Partner.type), e.g. reseller, system_integrator, technology.',
  'partner-tier': 'Program tiers (Partner.tier), e.g. registered, silver, gold.',
  'action-type': 'What a partner did (Touchpoint.action), e.g. referral, deal_registration, joint_discovery.',
  channel: 'Through which motion (Touchpoint.channel), e.g. co_sell, marketplace, integration.',
  'opportunity-stage': 'Pipeline stages (Opportunity.stage), each with an outcome: open, won or lost.',
};

export const TaxonomyKindEnum = builder.enumType('TaxonomyKind', {
  description:
    'A vocabulary of the program: partner-type, partner-tier, action-type, channel, opportunity-stage (GraphQL spells the dashes as underscores).',
  values: Object.fromEntries(
    TAXONOMY_KINDS.map((k) => [k.replace('-', '_'), { value: k, description: TAXONOMY_KIND_DESCRIPTIONS[k] }]),
  ) as Record<string, { value: TaxonomyKind; description: string }>,
});

export const StageOutcomeEnum = builder.enumType('StageOutcome', {
  description: 'What an opportunity in a stage is: still open, won or lost.',
  values: {
    open: { description: 'Still in the pipeline: counts as pipeline, attributed at its creation date.' },
    won: { description: 'Closed won: counts as revenue, attributed at its close date.' },
    lost: { description: 'Closed lost: counts in win rates only.' },
  } satisfies Record<(typeof STAGE_OUTCOMES)[number], { description: string }>,
});

export const TaxonomyEntryRef = builder.objectRef<TaxonomyEntry>('TaxonomyEntry').implement({
  description:
    'One value of a vocabulary. Fields that hold one (Partner.tier, Touchpoint.action …) hold its key; retired entries stay readable on old records but new records may not use them.',
  fields: (t) => ({
    kind: t.field({ type: TaxonomyKindEnum, description: 'The vocabulary it belongs to.', resolve: (e) => e.kind }),
    key: t.exposeString('key', { description: 'What records and rule files hold, e.g. "gold".' }),
    label: t.exposeString('label', { description: 'What people read, e.g. "Gold".' }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'What the value means, for people choosing it; null when none.',
    }),
    active: t.exposeBoolean('active', { description: 'False once retired: new records may not use it.' }),
    outcome: t.field({ type: StageOutcomeEnum, nullable: true, description: 'Opportunity stages only.', resolve: (e) => e.outcome }),
    position: t.exposeInt('position', { description: 'Display order within the kind (stages: pipeline order).' }),
  }),
});

const perRequest = new WeakMap<GraphQLContext, Promise<Vocabulary>>();

/** The vocabulary in force, read once per request. */
export function vocabularyOf(ctx: GraphQLContext): Promise<Vocabulary> {
  let v = perRequest.get(ctx);
  if (!v) {
    v = loadVocabulary(ctx.db.sql);
    perRequest.set(ctx, v);
  }
  return v;
}

/** The label of a taxonomy key, for `<field>Label` fields. */
export async function labelOf(ctx: GraphQLContext, kind: TaxonomyKind, key: string): Promise<string> {
  return (await vocabularyOf(ctx)).label(kind, key);
}
