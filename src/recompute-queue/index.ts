// The queue's surface for the entry points and the API's queue queries: the worker (with its engine thread) that
// src/server and src/cli start, and the queue's state (queueSnapshot, ticketState); the API's mutations follow a
// change through ./follow-up.ts and the partner filter through ./credited.ts, the tests reach the modules directly.
export { queueSnapshot, ticketState, type QueueSnapshot, type TicketState } from './outbox.js';
export { RecomputeWorker, type RecomputeWorkerOptions } from './worker.js';
export { EngineThread } from './engine-thread.js';
