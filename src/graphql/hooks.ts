// The seam between the API and the attribution engine: what runs after data
// changes. The server binds it to the real engine (src/server/engine-hooks.ts).
export interface RecomputeOutcome {
  /** The incremental run that recomputed the opportunities; null when nothing ran. */
  runId: string | null;
  /** Why nothing ran (e.g. no published rule version), when runId is null. */
  skippedReason: string | null;
}

export interface ApiHooks {
  /** Incrementally recompute attribution for changed opportunities. */
  recompute(opportunityIds: string[], triggeredBy: string): Promise<RecomputeOutcome>;
}
