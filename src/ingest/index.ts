// The ingestion services as the API and other entry points call them: the
// upserts of partners, accounts and opportunities, touchpoint batches and
// their deletion, the batch limit, the typed input errors and the ingestion
// slots; everything outside src/ingest imports through this file.
export { ingestTouchpoints, deleteTouchpoint, type TouchpointBatchResult } from './touchpoints.js';
export { MAX_TOUCHPOINT_BATCH, type TouchpointItemResult } from './touchpoint-input.js';
export { upsertPartner } from './partners.js';
export { upsertAccount } from './accounts.js';
export { upsertOpportunity } from './opportunities.js';
export type { UpsertResult } from './upsert.js';
export { InputValidationError, NotFoundError, BatchTooLargeError, type FieldIssue } from './issues.js';
export { IngestionSlots, defaultIngestionSlots } from './slots.js';
