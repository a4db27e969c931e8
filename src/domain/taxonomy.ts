// The program's own vocabulary: partner types and tiers, action types,
// channels and opportunity stages are taxonomy entries (data, not database
// enums). Every new database starts with the defaults below; governance adds
// and retires entries (`attrib taxonomy`, GraphQL `addTaxonomyEntry`).
// Pure data and lookups; the store is src/taxonomy/.
import { createHash } from 'node:crypto';
import { ACTION_TYPES, CHANNELS, OPPORTUNITY_STAGES, PARTNER_TIERS, PARTNER_TYPES } from './enums.js';

export const TAXONOMY_KINDS = ['partner-type', 'partner-tier', 'action-type', 'channel', 'opportunity-stage'] as const;
export type TaxonomyKind = (typeof TAXONOMY_KINDS)[number];

/** What closing an opportunity in a stage means; only stages have one. */
export const STAGE_OUTCOMES = ['open', 'won', 'lost'] as const;
export type StageOutcome = (typeof STAGE_OUTCOMES)[number];

export interface TaxonomyEntry {
  kind: TaxonomyKind;
  key: string;
  label: string;
  description: string | null;
  /** Retired entries stay readable on old rows; new rows may not use them. */
  active: boolean;
  /** Stages only. */
  outcome: StageOutcome | null;
  /** Display order within the kind (stages: the pipeline order). */
  position: number;
}

/** Keys: lowercase letters, digits and underscores, starting with a letter (they appear in rule files). */
export const TAXONOMY_KEY = /^[a-z][a-z0-9_]{0,62}$/;

/** "system_integrator" -> "System integrator". */
export function defaultLabel(key: string): string {
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What a human calls a kind in messages: "partner tier". */
export function kindNoun(kind: TaxonomyKind): string {
  return kind === 'opportunity-stage' ? 'opportunity stage' : kind.replace('-', ' ');
}

const STAGE_OUTCOME: Record<string, StageOutcome> = { closed_won: 'won', closed_lost: 'lost' };

function defaults(kind: TaxonomyKind, keys: readonly string[]): TaxonomyEntry[] {
  return keys.map((key, position) => ({
    kind,
    key,
    label: defaultLabel(key),
    description: null,
    active: true,
    position,
    outcome: kind === 'opportunity-stage' ? (STAGE_OUTCOME[key] ?? 'open') : null,
  }));
}

/** The entries every new database starts with (migration 20261207000000_taxonomy inserts the same). */
export const DEFAULT_TAXONOMY: readonly TaxonomyEntry[] = [
  ...defaults('partner-type', PARTNER_TYPES),
  ...defaults('partner-tier', PARTNER_TIERS),
  ...defaults('action-type', ACTION_TYPES),
  ...defaults('channel', CHANNELS),
  ...defaults('opportunity-stage', OPPORTUNITY_STAGES),
];

/** A read-only view of the taxonomy in force, for validation and labels. */
export class Vocabulary {
  private readonly byKind = new Map<TaxonomyKind, Map<string, TaxonomyEntry>>();

  constructor(readonly entries: readonly TaxonomyEntry[]) {
    for (const kind of TAXONOMY_KINDS) this.byKind.set(kind, new Map());
    const sorted = [...entries].sort((a, b) => a.position - b.position || a.key.localeCompare(b.key));
    for (const e of sorted) this.byKind.get(e.kind)!.set(e.key, e);
  }

  /** The entry, active or retired. */
  entry(kind: TaxonomyKind, key: string): TaxonomyEntry | undefined {
    return this.byKind.get(kind)!.get(key);
  }

  /** True when new rows may use the key. */
  isActive(kind: TaxonomyKind, key: string): boolean {
    return this.entry(kind, key)?.active === true;
  }

  /** Keys of the kind in display order; retired ones only when asked. */
  keys(kind: TaxonomyKind, opts: { includeRetired?: boolean } = {}): string[] {
    return [...this.byKind.get(kind)!.values()].filter((e) => opts.includeRetired || e.active).map((e) => e.key);
  }

  label(kind: TaxonomyKind, key: string): string {
    return this.entry(kind, key)?.label ?? key;
  }

  /** The outcome of a stage; undefined for an unknown stage. */
  outcome(stage: string): StageOutcome | undefined {
    return this.entry('opportunity-stage', stage)?.outcome ?? undefined;
  }
}

export const DEFAULT_VOCABULARY = new Vocabulary(DEFAULT_TAXONOMY);

/**
 * What a rule version records of the taxonomy it was checked against: the
 * entries, and a hash of what can change a rule's meaning (kind, key, active,
 * outcome; not labels).
 */
interface TaxonomySnapshot {
  hash: string;
  entries: TaxonomyEntry[];
}

export function taxonomySnapshot(vocabulary: Vocabulary): TaxonomySnapshot {
  const entries = [...vocabulary.entries].sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.position - b.position || a.key.localeCompare(b.key),
  );
  const meaning = entries.map((e) => [e.kind, e.key, e.active, e.outcome]);
  return { hash: createHash('sha256').update(JSON.stringify(meaning)).digest('hex'), entries };
}

/** The vocabulary a rule version was checked against; versions without a snapshot used the defaults. */
export function vocabularyOfSnapshot(entries: unknown): Vocabulary {
  return Array.isArray(entries) ? new Vocabulary(entries as TaxonomyEntry[]) : DEFAULT_VOCABULARY;
}
