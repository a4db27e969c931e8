// Validating a value against the taxonomy in force, with the message every
// entry point (GraphQL, ingestion, CSV import) gives: what is wrong and the
// two ways to fix it.
import { closest } from '../domain/closest.js';
import { kindNoun, type TaxonomyKind, type Vocabulary } from '../domain/taxonomy.js';

/** The fix for an unknown value: add it to the taxonomy, or map it (import) / use an existing key. */
export function taxonomyHint(kind: TaxonomyKind, value: string, vocabulary: Vocabulary, opts: { import?: boolean } = {}): string {
  const keys = vocabulary.keys(kind);
  const guess = closest(value, keys);
  const key = value
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const add = `add it with \`attrib taxonomy add ${kind} ${key || 'KEY'}${kind === 'opportunity-stage' ? ' --outcome open|won|lost' : ''}\``;
  const other = opts.import ? 'or map it in the import mapping' : `or use one of: ${keys.join(', ')}`;
  return `${guess ? `did you mean ${guess}? ` : ''}${add}, ${other}`;
}

/**
 * Null when `value` may be written (an active entry); else the message.
 * A retired entry is refused for new rows; rows that already have it keep it.
 */
export function taxonomyValueError(kind: TaxonomyKind, value: string, vocabulary: Vocabulary): string | null {
  const entry = vocabulary.entry(kind, value);
  if (entry?.active) return null;
  if (entry) return `"${value}" is a retired ${kindNoun(kind)}; new records may not use it`;
  return `"${value}" is not ${/^[aeiou]/.test(kindNoun(kind)) ? 'an' : 'a'} ${kindNoun(kind)}`;
}
