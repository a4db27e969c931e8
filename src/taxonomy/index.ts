// The taxonomy services as the API (src/graphql) and the tests call them: load,
// list, add and retire entries, and their typed error (store.ts); the services
// below the API import store.ts and validate.ts directly. The pure model is
// src/domain/taxonomy.ts.
export { addTaxonomyEntry, listTaxonomy, loadVocabulary, retireTaxonomyEntry, TaxonomyError } from './store.js';
