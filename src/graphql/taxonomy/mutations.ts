// Governance changes the vocabulary: add an entry, retire one (audited).
import { actorOf } from '../../auth/principal.js';
import { addTaxonomyEntry, retireTaxonomyEntry } from '../../taxonomy/index.js';
import { builder } from '../builder.js';
import { inputMutation } from '../common/mutation.js';
import { domainCall } from '../common/domain-errors.js';
import { COMMON_ERRORS, DomainRuleError } from '../errors.js';
import { StageOutcomeEnum, TaxonomyEntryRef, TaxonomyKindEnum } from './types.js';

const AddTaxonomyEntryInput = builder.inputType('AddTaxonomyEntryInput', {
  description: 'A new value of a vocabulary.',
  fields: (t) => ({
    kind: t.field({ type: TaxonomyKindEnum, required: true, description: 'The vocabulary to add to.' }),
    key: t.string({
      required: true,
      description: 'Lowercase letters, digits and underscores, starting with a letter: rule files and records hold it.',
    }),
    label: t.string({ required: false, description: 'Default: the key in words ("system_integrator" -> "System integrator").' }),
    description: t.string({ required: false, description: 'What the value means, for people choosing it.' }),
    outcome: t.field({ type: StageOutcomeEnum, required: false, description: 'Required for an opportunity stage.' }),
  }),
});

inputMutation('addTaxonomyEntry', {
  payload: TaxonomyEntryRef,
  description: 'Adds a value to a vocabulary (no migration, no restart). Governance and admin keys.',
  authScopes: { govern: true },
  errors: { types: [...COMMON_ERRORS, DomainRuleError], union: 'The new entry, or why it was refused (e.g. the key exists).' },
  input: { type: AddTaxonomyEntryInput, description: 'The entry.' },
  resolve: (input, ctx) => domainCall(() => addTaxonomyEntry(ctx.db, input, actorOf(ctx.principal!))),
});

builder.mutationField('retireTaxonomyEntry', (t) =>
  t.field({
    type: TaxonomyEntryRef,
    description: 'Retires a value: records that have it keep it and stay readable; new records may not use it. Governance and admin keys.',
    authScopes: { govern: true },
    errors: {
      types: [...COMMON_ERRORS, DomainRuleError],
      union: { name: 'RetireTaxonomyEntryResult', description: 'The retired entry, or why it could not be retired.' },
    },
    args: {
      kind: t.arg({ type: TaxonomyKindEnum, required: true, description: 'The vocabulary.' }),
      key: t.arg.string({ required: true, description: 'The key of the entry to retire.' }),
    },
    resolve: (_root, args, ctx) => domainCall(() => retireTaxonomyEntry(ctx.db, args, actorOf(ctx.principal!))),
  }),
);
