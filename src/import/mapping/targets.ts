// What a mapping maps onto: the four import files of today's format and their
// columns (the canonical headers, src/domain/import-format.ts), which of them
// may be left out of a mapping (the ones today's format allows to be empty),
// which are dates, amounts and vocabulary words. Pure data.
import { DECLARED_ROLES } from '../../domain/declared-role.js';
import { OPPORTUNITY_TYPES } from '../../domain/enums.js';
import { IMPORT_FORMAT } from '../../domain/import-format.js';
import type { TaxonomyKind } from '../../domain/taxonomy.js';

export const MAPPED_ENTITIES = [
  'partners',
  'accounts',
  'opportunities',
  'touchpoints',
] as const satisfies readonly (keyof typeof IMPORT_FORMAT)[];
export type MappedEntity = (typeof MAPPED_ENTITIES)[number];

/** Where a field's known keys come from: a taxonomy kind, or a fixed list. */
type VocabularySource = { taxonomy: TaxonomyKind } | { fixed: readonly string[]; noun: string };

interface TargetSpec {
  /** Today's file name (also the file read when the mapping has no section for it). */
  file: string;
  /** Today's header, in order. */
  columns: readonly string[];
  /** Columns a mapping may leave out: they are read as empty. */
  optional: readonly string[];
  dates: readonly string[];
  amounts: readonly string[];
  vocabulary: Readonly<Record<string, VocabularySource>>;
}

export const TARGETS: Readonly<Record<MappedEntity, TargetSpec>> = {
  partners: {
    file: IMPORT_FORMAT.partners.file,
    columns: IMPORT_FORMAT.partners.header,
    optional: ['tier'],
    dates: [],
    amounts: [],
    vocabulary: { type: { taxonomy: 'partner-type' }, tier: { taxonomy: 'partner-tier' } },
  },
  accounts: {
    file: IMPORT_FORMAT.accounts.file,
    columns: IMPORT_FORMAT.accounts.header,
    optional: ['domain'],
    dates: [],
    amounts: [],
    vocabulary: {},
  },
  opportunities: {
    file: IMPORT_FORMAT.opportunities.file,
    columns: IMPORT_FORMAT.opportunities.header,
    optional: ['closed_at'],
    dates: ['created_at', 'closed_at'],
    amounts: ['amount'],
    vocabulary: { type: { fixed: OPPORTUNITY_TYPES, noun: 'opportunity type' }, stage: { taxonomy: 'opportunity-stage' } },
  },
  touchpoints: {
    file: IMPORT_FORMAT.touchpoints.file,
    columns: IMPORT_FORMAT.touchpoints.header,
    optional: ['proof', 'owner', 'next_step', 'engagement_depth', 'declared_role'],
    dates: ['occurred_at'],
    amounts: [],
    vocabulary: {
      action: { taxonomy: 'action-type' },
      channel: { taxonomy: 'channel' },
      declared_role: { fixed: DECLARED_ROLES, noun: 'declared partner role' },
    },
  },
};
