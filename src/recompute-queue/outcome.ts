// How the recompute of a change's credit ended, as the queue reports it to a
// caller waiting for its ticket (RecomputeWorker.waitFor, awaitRecompute).
// FAILED leaves the change saved and its requests queued for a retry.

export type RecomputeOutcome =
  | { status: 'DONE'; runIds: string[]; withdrawn: number }
  | { status: 'FAILED'; error: string; runIds: string[]; withdrawn: number };
