// Ingestion services: pure validation + database writes, shared by the
// GraphQL API and any other entry point (CLI, CSV import).
export { MAX_TOUCHPOINT_BATCH, ingestTouchpoints, deleteTouchpoint, touchpointInputSchema } from './touchpoints.js';
export type { TouchpointInput, TouchpointItemResult, TouchpointBatchResult, ItemStatus, DeleteTouchpointResult } from './touchpoints.js';
export { upsertPartner, partnerInputSchema, type PartnerInput } from './partners.js';
export { upsertAccount, accountInputSchema, type AccountInput } from './accounts.js';
export { upsertOpportunity, opportunityInputSchema, type OpportunityInput } from './opportunities.js';
export { InputValidationError, NotFoundError, BatchTooLargeError, type FieldIssue } from './issues.js';
export type { UpsertResult, UpsertStatus } from './upsert.js';
