// Durable, coalesced recompute of credit after data changes: the outbox table
// (written in the change's transaction) and the worker that drains it.
export {
  enqueueRecompute,
  queueSnapshot,
  ticketState,
  type QueueSnapshot,
  type TicketState,
  type RecomputeRequestInput,
} from './outbox.js';
export {
  RecomputeWorker,
  type RecomputeEngine,
  type RecomputedEvent,
  type RecomputeWorkerOptions,
  type WorkerStatus,
} from './worker.js';
export type { RecomputeOutcome } from './outcome.js';
export { EngineThread } from './engine-thread.js';
