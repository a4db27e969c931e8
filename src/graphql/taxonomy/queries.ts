import { builder } from '../builder.js';
import { TaxonomyEntryRef, TaxonomyKindEnum, vocabularyOf } from './types.js';

builder.queryField('taxonomy', (t) =>
  t.field({
    type: [TaxonomyEntryRef],
    description: 'The vocabulary in force: partner types and tiers, action types, channels and opportunity stages, in display order.',
    args: {
      kind: t.arg({ type: TaxonomyKindEnum, required: false, description: 'Only this vocabulary.' }),
      includeRetired: t.arg.boolean({
        required: false,
        defaultValue: true,
        description: 'Retired entries too (they stay on old records).',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const vocabulary = await vocabularyOf(ctx);
      return vocabulary.entries
        .filter((e) => (!args.kind || e.kind === args.kind) && (args.includeRetired !== false || e.active))
        .sort((a, b) => a.kind.localeCompare(b.kind) || a.position - b.position || a.key.localeCompare(b.key));
    },
  }),
);
