// The recompute outbox (table recompute_request): a data change records the
// opportunities whose credit it may change IN THE SAME TRANSACTION as the
// change, so the request commits or rolls back with it. The worker
// (./worker.ts) drains the table. Pure SQL over a SqlClient: callers pass the
// transaction client they write the change with.
import type { SqlClient } from '../db/client.js';
import { arrayLiteral as pgArray } from '../db/sql-arrays.js';

interface RecomputeRequestInput {
  /** What changed, e.g. 'touchpoint.ingest'. */
  reason: string;
  actor: string;
}

/**
 * Records a recompute request for `opportunityIds` and returns its ticket (the
 * id a client can ask about), or null when there is nothing to recompute.
 */
export async function enqueueRecompute(
  tx: SqlClient,
  opportunityIds: readonly string[],
  request: RecomputeRequestInput,
): Promise<string | null> {
  const ids = [...new Set(opportunityIds)].sort();
  if (ids.length === 0) return null;
  const ticket = crypto.randomUUID();
  await tx.query(
    `INSERT INTO recompute_request (id, ticket, opportunity_ids, reason, actor) VALUES (gen_random_uuid(), $1::uuid, $2::uuid[], $3, $4)`,
    [ticket, pgArray(ids), request.reason, request.actor],
  );
  return ticket;
}

export interface PendingRequest {
  id: string;
  ticket: string;
  opportunityIds: string[];
  reason: string;
  actor: string;
  attempts: number;
}

/** The requests due now (not waiting for a retry), oldest first. */
export async function dueRequests(sql: SqlClient, limit: number): Promise<PendingRequest[]> {
  return sql.query<PendingRequest>(
    `SELECT id::text AS id, ticket::text AS ticket, opportunity_ids::text[] AS "opportunityIds", reason, actor, attempts
       FROM recompute_request WHERE next_attempt_at <= now() ORDER BY requested_at, id LIMIT $1`,
    [limit],
  );
}

/** Deletes exactly the requests that were recomputed (never ones that arrived meanwhile). */
export async function completeRequests(sql: SqlClient, ids: readonly string[]): Promise<void> {
  if (ids.length) await sql.query(`DELETE FROM recompute_request WHERE id = ANY($1::uuid[])`, [pgArray(ids)]);
}

/** Marks a failed attempt: the requests stay, with the error, due again after `retryInMs`. */
export async function failRequests(sql: SqlClient, ids: readonly string[], error: string, retryInMs: number): Promise<void> {
  if (!ids.length) return;
  await sql.query(
    `UPDATE recompute_request SET attempts = attempts + 1, last_error = $2,
            next_attempt_at = now() + ($3::int * interval '1 millisecond')
      WHERE id = ANY($1::uuid[])`,
    [pgArray(ids), error.slice(0, 2000), Math.round(retryInMs)],
  );
}

/** When the next request waiting for a retry becomes due, or null when none waits. */
export async function nextRetryAt(sql: SqlClient): Promise<Date | null> {
  const [row] = await sql.query<{ at: Date | null }>(
    `SELECT min(next_attempt_at) AS at FROM recompute_request WHERE next_attempt_at > now()`,
  );
  return row?.at ?? null;
}

/** Tickets among `tickets` that still have requests waiting. */
export async function openTickets(sql: SqlClient, tickets: readonly string[]): Promise<Set<string>> {
  if (!tickets.length) return new Set();
  const rows = await sql.query<{ ticket: string }>(
    `SELECT DISTINCT ticket::text AS ticket FROM recompute_request WHERE ticket = ANY($1::uuid[])`,
    [pgArray(tickets)],
  );
  return new Set(rows.map((r) => r.ticket));
}

export interface QueueSnapshot {
  /** Requests waiting (one per change). */
  pendingRequests: number;
  /** Distinct opportunities waiting. */
  pendingOpportunities: number;
  oldestRequestedAt: Date | null;
  /** Requests whose last attempt failed (they are retried with backoff). */
  failingRequests: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
}

export async function queueSnapshot(sql: SqlClient): Promise<QueueSnapshot> {
  const [row] = await sql.query<{ n: number; opps: number; oldest: Date | null; failing: number; next: Date | null }>(
    `SELECT (SELECT count(*)::int FROM recompute_request) AS n,
            (SELECT count(DISTINCT o)::int FROM recompute_request, unnest(opportunity_ids) AS o) AS opps,
            (SELECT min(requested_at) FROM recompute_request) AS oldest,
            (SELECT count(*)::int FROM recompute_request WHERE attempts > 0) AS failing,
            (SELECT min(next_attempt_at) FROM recompute_request WHERE attempts > 0) AS next`,
  );
  const [err] = await sql.query<{ last_error: string }>(
    `SELECT last_error FROM recompute_request WHERE last_error IS NOT NULL ORDER BY next_attempt_at DESC LIMIT 1`,
  );
  return {
    pendingRequests: row?.n ?? 0,
    pendingOpportunities: row?.opps ?? 0,
    oldestRequestedAt: row?.oldest ?? null,
    failingRequests: row?.failing ?? 0,
    lastError: err?.last_error ?? null,
    nextAttemptAt: row?.next ?? null,
  };
}

export type TicketState =
  | { status: 'DONE'; opportunities: 0; attempts: 0; lastError: null; nextAttemptAt: null }
  | { status: 'QUEUED' | 'FAILED'; opportunities: number; attempts: number; lastError: string | null; nextAttemptAt: Date };

/** Where one change's recompute stands. A ticket with nothing waiting is DONE (its rows are deleted when recomputed). */
export async function ticketState(sql: SqlClient, ticket: string): Promise<TicketState> {
  const [row] = await sql.query<{ n: number; opps: number; attempts: number | null; last_error: string | null; next: Date | null }>(
    `SELECT count(*)::int AS n, COALESCE(sum(cardinality(opportunity_ids)), 0)::int AS opps, max(attempts) AS attempts,
            max(last_error) AS last_error, max(next_attempt_at) AS next
       FROM recompute_request WHERE ticket = $1::uuid`,
    [ticket],
  );
  if (!row || row.n === 0) return { status: 'DONE', opportunities: 0, attempts: 0, lastError: null, nextAttemptAt: null };
  return {
    status: row.last_error ? 'FAILED' : 'QUEUED',
    opportunities: row.opps,
    attempts: row.attempts ?? 0,
    lastError: row.last_error,
    nextAttemptAt: row.next!,
  };
}
