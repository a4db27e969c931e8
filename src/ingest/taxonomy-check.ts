// Checks the taxonomy fields of a validated input against the vocabulary in
// force (schemas check only a key's shape: the taxonomy is data).
import type { TaxonomyKind, Vocabulary } from '../domain/taxonomy.js';
import { taxonomyHint, taxonomyValueError } from '../taxonomy/validate.js';
import type { FieldIssue } from './issues.js';

/** Adds an issue at `path` when `value` is not an active entry of `kind`. */
export function taxonomyIssue(issues: FieldIssue[], path: string, kind: TaxonomyKind, value: string, vocabulary: Vocabulary): void {
  const problem = taxonomyValueError(kind, value, vocabulary);
  if (problem !== null) issues.push({ path, message: `${problem}; ${taxonomyHint(kind, value, vocabulary)}` });
}
