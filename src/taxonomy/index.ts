// The program's vocabulary in the database: see store.ts; the pure model is
// src/domain/taxonomy.ts.
export {
  addTaxonomyEntry,
  listTaxonomy,
  loadVocabulary,
  parseKind,
  retireTaxonomyEntry,
  validateNewEntry,
  TaxonomyError,
  type NewTaxonomyEntry,
  type TaxonomyErrorCode,
} from './store.js';
export { taxonomyHint, taxonomyValueError } from './validate.js';
