// The recompute worker: drains the recompute outbox in the background of the
// server process. Every drain takes ALL due requests, recomputes their
// opportunities with one incremental run per applicable rule version
// (recomputeOpportunities), deletes exactly the requests it read, and reports
// what it recomputed (the server publishes 'allocations:changed').
//
//  * Wakes on enqueue: the API calls wake() after its transaction commits, so
//    there is no polling delay in-process; changes that arrive during a drain
//    are coalesced into the next one.
//  * Yields to ingestion: while write requests are in flight in this process
//    (beginWrite()), a drain waits until they have been quiet for quietMs
//    (default 25 ms) — at most maxDelayMs (default 5 s) after the first
//    pending change, so a continuous stream still gets its credit. A burst of
//    batches is thus recomputed in one run instead of competing with itself.
//    A caller waiting for its ticket (awaitRecompute) does not wait for quiet.
//  * Detects streams: a client sending batches back to back leaves gaps longer
//    than quietMs between its writes (the next batch is parsed before its
//    beginWrite()), so quietMs alone would start a drain between almost every
//    two batches. A write that begins while changes are pending (woken and
//    not yet taken by a drain, or left for the next drain by a capped one) or
//    while a drain of changes has committed none of its result yet, starts a
//    stream: its writer did not wait for the credit of the previous change.
//    So does a write that begins while another is in flight (a client with
//    several batches in flight): otherwise the first batches of such a
//    stream all end before any write begins again, look like a lone change
//    when the next requests take more than quietMs to arrive and be parsed,
//    and a drain of them competes with the rest of the stream (measured: a
//    drain in the middle of a 10,000-touchpoint bench phase at 2 and 4
//    requests in flight, whose opportunities were recomputed again after).
//    While streaming, a drain waits for streamQuietMs (default 250 ms) of
//    quiet instead of quietMs, still at most maxDelayMs after the first
//    pending change. The stream ends once writes have been quiet for
//    streamQuietMs: the drain that then starts clears it (a drain forced by
//    maxDelayMs, by a waiter or by a capped backlog does not), and so does a
//    write that begins after such a pause. A lone change (nothing pending,
//    no drain running) is no stream and is drained after quietMs, and so is
//    a change made once the previous one's credit showed (one at a time, as
//    a user or the time-to-insight bench does): with several rule sets a
//    drain makes one run per version and the first commit already shows
//    credit, hence "committed none of its result" rather than "running"
//    (with the engine thread, known only when all its runs are done). Only
//    changes count (wake()), not the sweep or retries. The rules are a pure
//    state machine (./stream-state.ts); this class feeds it events.
//  * start() drains leftovers (a crash between a change and its recompute
//    loses nothing) and a slow sweep picks up requests written by other
//    processes that stopped before draining them.
//  * Several server processes on one PostgreSQL database: a drain holds a
//    session advisory lock; a process that finds it taken retries shortly.
//  * A failed recompute leaves its requests in the table with the error and
//    attempt count, due again after an exponential backoff; status() and the
//    GraphQL recomputeQueue query expose it.
//  * Where the runs execute: in this thread, or with an `engine` (the server
//    gives one on PostgreSQL: ./engine-thread.ts, a worker thread with its
//    own connections) for drains of at least `engineFrom` opportunities.
//    The lock, the reading and the completion of requests stay here.
//  * stop() stops waking and waits for the drain in progress.
import type { EngineDb } from '../engine/db.js';
import { recomputeOpportunities, type RecomputeOptions, type RecomputeResult } from '../engine/recompute.js';
import { BoundedCache } from '../domain/bounded-cache.js';
import { completeRequests, dueRequests, failRequests, nextRetryAt, openTickets, type PendingRequest } from './outbox.js';
import type { RecomputeOutcome } from './outcome.js';
import {
  initialStreamState,
  isStreaming,
  next,
  quietDecision,
  type StreamEvent,
  type StreamState,
  type StreamTiming,
} from './stream-state.js';

/** Session advisory lock key: one drainer at a time per database. */
const DRAIN_LOCK_SQL = `hashtext('attrib.recompute_queue')`;

interface RecomputedEvent {
  runIds: string[];
  opportunityIds: string[];
  /** The changes that asked for it ('touchpoint.ingest' …), distinct. */
  reasons: string[];
  withdrawn: number;
}

/** Where a drain's recompute runs: in this thread by default, or on a worker thread (./engine-thread.ts). */
export interface RecomputeEngine {
  recompute(opportunityIds: readonly string[], options: Pick<RecomputeOptions, 'triggeredBy'>): Promise<RecomputeResult>;
  start?(): void;
  close?(): Promise<void>;
}

export interface RecomputeWorkerOptions {
  /** Runs the incremental runs elsewhere (PostgreSQL: a worker thread, off the server's event loop). Default: in this thread. */
  engine?: RecomputeEngine;
  /**
   * Drains of fewer opportunities than this recompute in this thread even
   * with an engine: a handful costs milliseconds, less than the hop to the
   * thread (or its start), and a single change gets its credit soonest.
   * Default 50.
   */
  engineFrom?: number;
  /** Called after every successful drain (the server publishes the subscription event). */
  onRecomputed?: (event: RecomputedEvent) => Promise<void> | void;
  log?: (line: string) => void;
  /** First retry delay after a failure; doubles per attempt up to retryMaxMs. Default 1 s. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How often to look for requests other processes left behind. Default 10 s. */
  sweepMs?: number;
  /** Delay before trying again when another process holds the drain lock. Default 100 ms. */
  busyRetryMs?: number;
  /** Quiet time without in-flight writes before a drain starts. Default 25 ms. */
  quietMs?: number;
  /**
   * The quiet time instead of quietMs while writes come as a stream (a write
   * began while changes were pending or a drain had not committed yet; see
   * the header). Default 250 ms.
   */
  streamQuietMs?: number;
  /** Longest a pending change waits for quiet. Default 5,000 ms. */
  maxDelayMs?: number;
  /** At most this many requests (changes) per drain (the rest follow immediately). Default 5,000. */
  maxPerDrain?: number;
  /**
   * Opportunities per incremental run: a drain recomputes its distinct
   * opportunities in runs of at most this many, so one run stays short (on
   * PGlite a run holds the only connection and runs in this thread), and
   * stops adding requests at 10 runs' worth (the rest follow immediately).
   * Default 1,000 on PostgreSQL, 250 on PGlite.
   */
  maxOpportunitiesPerDrain?: number;
}

interface WorkerStatus {
  running: boolean;
  draining: boolean;
  /** Writes come as a stream: a drain waits for streamQuietMs of quiet (see the header). */
  streaming: boolean;
  lastDrainAt: Date | null;
  lastDrainMs: number | null;
  lastFailure: { at: Date; error: string; consecutive: number } | null;
  drains: number;
}

const RECENT_TICKETS = 2_000;
/** A drain takes requests up to this many runs' worth of distinct opportunities. */
const RUNS_PER_DRAIN = 10;

export class RecomputeWorker {
  private started = false;
  private stopped = false;
  private wanted = false;
  private loop: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private readonly waiters = new Map<string, Array<(o: RecomputeOutcome) => void>>();
  /**
   * Outcomes of recently drained tickets, for a waiter that registers after
   * the drain finished; the oldest outcome goes first (read with peek(): a
   * lookup does not keep an outcome longer).
   */
  private readonly recent = new BoundedCache<string, RecomputeOutcome>(RECENT_TICKETS);
  private consecutiveFailures = 0;
  /** The stream detection (see the header and ./stream-state.ts). */
  private stream: StreamState = initialStreamState;
  private readonly timing: StreamTiming;
  private readonly stat: Omit<WorkerStatus, 'streaming'> = {
    running: false,
    draining: false,
    lastDrainAt: null,
    lastDrainMs: null,
    lastFailure: null,
    drains: 0,
  };

  constructor(
    private readonly db: EngineDb,
    private readonly options: RecomputeWorkerOptions = {},
  ) {
    const quietMs = options.quietMs ?? 25;
    this.timing = { quietMs, streamQuietMs: Math.max(quietMs, options.streamQuietMs ?? 250), maxDelayMs: options.maxDelayMs ?? 5_000 };
  }

  private on(event: StreamEvent): void {
    this.stream = next(this.stream, event, this.timing);
  }

  /** Starts the worker: drains what is already queued, then wakes on wake() and on the sweep. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.stat.running = true;
    const sweepMs = this.options.sweepMs ?? 10_000;
    this.sweepTimer = setInterval(() => this.schedule(), sweepMs);
    this.sweepTimer.unref();
    this.options.engine?.start?.();
    this.schedule();
  }

  /** Something was enqueued (and committed): drain soon. */
  wake(): void {
    if (!this.started || this.stopped) return;
    this.on({ type: 'changed', at: Date.now() });
    this.schedule();
  }

  /** Drain soon (a change, the sweep, a retry). */
  private schedule(): void {
    if (!this.started || this.stopped) return;
    this.wanted = true;
    this.on({ type: 'scheduled', at: Date.now() });
    if (!this.loop)
      this.loop = this.run().finally(() => {
        this.loop = null;
      });
  }

  /**
   * Resolves when the requests of `ticket` have been recomputed (DONE) or an
   * attempt at them failed (FAILED; they stay queued and are retried).
   */
  waitFor(ticket: string): Promise<RecomputeOutcome> {
    const known = this.recent.peek(ticket);
    if (known) return Promise.resolve(known);
    if (this.stopped) return Promise.resolve(stoppedOutcome());
    const promise = new Promise<RecomputeOutcome>((resolve) => {
      const list = this.waiters.get(ticket) ?? [];
      list.push(resolve);
      this.waiters.set(ticket, list);
    });
    this.wake();
    return promise;
  }

  /** A write that will enqueue a recompute is starting; call the returned function when it has finished. */
  beginWrite(): () => void {
    this.on({ type: 'writeBegan', at: Date.now() });
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.on({ type: 'writeEnded', at: Date.now() });
    };
  }

  status(): WorkerStatus {
    return {
      ...this.stat,
      streaming: isStreaming(this.stream, Date.now(), this.timing),
      lastFailure: this.stat.lastFailure && { ...this.stat.lastFailure },
    };
  }

  /**
   * Stops waking and waits for the drain in progress, at most `waitMs` (a
   * database that went away can leave a connection attempt pending for
   * good); waiters learn the work stays queued. Nothing is lost either way:
   * undrained requests stay in the table for the next start.
   */
  async stop(waitMs = 5_000): Promise<void> {
    this.stopped = true;
    this.stat.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.retryTimer = this.sweepTimer = null;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.loop,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, waitMs);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
    await this.options.engine?.close?.();
    for (const [ticket, list] of this.waiters) {
      this.waiters.delete(ticket);
      for (const resolve of list) resolve(stoppedOutcome());
    }
  }

  private async run(): Promise<void> {
    while (this.wanted && !this.stopped) {
      await this.quiet();
      if (this.stopped) break;
      this.wanted = false;
      // The changes pending now are this drain's: a write that begins before
      // any of its result commits is part of a stream (see the header).
      this.on({ type: 'drainStarted' });
      this.stat.draining = true;
      try {
        await this.drainOnce();
      } catch (err) {
        // The queue itself could not be read or written (database down …): try again later.
        this.options.log?.(`recompute queue: ${(err as Error).message}`);
        this.retryIn(this.backoffMs(Math.max(1, this.consecutiveFailures)));
      } finally {
        this.stat.draining = false;
        this.on({ type: 'drainEnded' });
      }
    }
  }

  /**
   * Waits while writes are in flight (or just ended): quietMs, or
   * streamQuietMs while streaming; bounded by maxDelayMs since the first
   * pending change. Returning because the writes went quiet ends a stream.
   */
  private async quiet(): Promise<void> {
    for (;;) {
      if (this.stopped || this.waiters.size > 0) return;
      const decision = quietDecision(this.stream, Date.now(), this.timing);
      if (decision.drain) {
        if (decision.endsStream) this.on({ type: 'wentQuiet' });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, decision.waitMs));
    }
  }

  private async drainOnce(): Promise<void> {
    const sql = this.db.sql;
    await sql.session(async (session) => {
      const [lock] = await session.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${DRAIN_LOCK_SQL}) AS locked`);
      if (!lock?.locked) {
        // Another process is draining; it may have started before our requests committed.
        this.on({ type: 'lockBusy' });
        this.retryIn(this.options.busyRetryMs ?? 100);
        await this.settleWaiters(new Map());
        return;
      }
      try {
        const limit = this.options.maxPerDrain ?? 5_000;
        const all = await dueRequests(session, limit);
        const due = this.takeBounded(all);
        if (all.length === limit || due.length < all.length) {
          this.wanted = true;
          this.on({ type: 'backlogLeft' });
        }
        if (due.length === 0) {
          await this.armRetry();
          await this.settleWaiters(new Map());
          return;
        }
        await this.recompute(session, due);
      } finally {
        await session.query(`SELECT pg_advisory_unlock(${DRAIN_LOCK_SQL})`);
      }
    });
  }

  /** Opportunities per incremental run of a drain (maxOpportunitiesPerDrain). */
  private runCap(): number {
    return this.options.maxOpportunitiesPerDrain ?? (this.db.kind === 'pglite' ? 250 : 1_000);
  }

  /**
   * The oldest requests, while their DISTINCT opportunities stay within
   * RUNS_PER_DRAIN runs (always at least one request). Requests of
   * back-to-back batches overlap (they touch the same deals), so counting
   * distinct opportunities, not each request's, lets one drain recompute an
   * opportunity once for all of them instead of once per request.
   */
  private takeBounded(all: PendingRequest[]): PendingRequest[] {
    const limit = this.runCap() * RUNS_PER_DRAIN;
    const seen = new Set<string>();
    const out: PendingRequest[] = [];
    for (const r of all) {
      const added = r.opportunityIds.filter((id) => !seen.has(id));
      if (out.length > 0 && seen.size + added.length > limit) break;
      out.push(r);
      for (const id of added) seen.add(id);
    }
    return out;
  }

  /** The drain's opportunities, one incremental run (per rule version) each chunk of at most runCap(): runs stay short. */
  private async recomputeInRuns(
    opportunityIds: string[],
    triggeredBy: string,
    onCommitted: () => void,
  ): Promise<{ runIds: string[]; withdrawn: number }> {
    const cap = this.runCap();
    const runIds: string[] = [];
    let withdrawn = 0;
    for (let at = 0; at < opportunityIds.length; at += cap) {
      const chunk = opportunityIds.slice(at, at + cap);
      const engine = chunk.length >= (this.options.engineFrom ?? 50) ? this.options.engine : undefined;
      const result = engine
        ? await engine.recompute(chunk, { triggeredBy })
        : await recomputeOpportunities(this.db, chunk, { triggeredBy, onCommitted });
      onCommitted();
      runIds.push(...result.runs.map((r) => r.runId));
      withdrawn += Object.values(result.withdrawn).reduce((n, ids) => n + ids.length, 0);
    }
    return { runIds, withdrawn };
  }

  private async recompute(session: EngineDb['sql'], due: PendingRequest[]): Promise<void> {
    const started = Date.now();
    const opportunityIds = [...new Set(due.flatMap((r) => r.opportunityIds))].sort();
    const actors = [...new Set(due.map((r) => r.actor))].sort();
    const reasons = [...new Set(due.map((r) => r.reason))].sort();
    const tickets = new Set(due.map((r) => r.ticket));
    let outcome: RecomputeOutcome;
    try {
      const triggeredBy = actors.length === 1 ? actors[0]! : `recompute-queue (${actors.length} actors)`;
      // A write that begins once some credit of this drain shows is no stream
      // (the engine thread tells only when all its runs are done).
      const onCommitted = () => this.on({ type: 'committed' });
      const { runIds, withdrawn } = await this.recomputeInRuns(opportunityIds, triggeredBy, onCommitted);
      await completeRequests(
        session,
        due.map((r) => r.id),
      );
      outcome = { status: 'DONE', runIds, withdrawn };
      this.consecutiveFailures = 0;
      this.stat.lastFailure = null;
      if (runIds.length || withdrawn) {
        try {
          await this.options.onRecomputed?.({ runIds, opportunityIds, reasons, withdrawn });
        } catch (err) {
          this.options.log?.(`recompute queue: notifying subscribers failed: ${(err as Error).message}`);
        }
      }
      await this.armRetry();
    } catch (err) {
      if (this.stopped) {
        // Stopping cut the recompute short (its thread was stopped): like a
        // crash, the requests stay as they were, for the next start.
        await this.settleWaiters(new Map([...tickets].map((t) => [t, stoppedOutcome()])));
        return;
      }
      this.consecutiveFailures++;
      const error = `credit was not recomputed: ${(err as Error).message}`;
      const delay = this.backoffMs(this.consecutiveFailures);
      await failRequests(
        session,
        due.map((r) => r.id),
        error,
        delay,
      );
      this.stat.lastFailure = { at: new Date(), error, consecutive: this.consecutiveFailures };
      this.options.log?.(`recompute queue: ${error} (attempt ${this.consecutiveFailures}; retrying in ${delay} ms)`);
      outcome = {
        status: 'FAILED',
        error: `${error}. The data change is saved and queued; it is retried automatically (see the recomputeQueue query).`,
        runIds: [],
        withdrawn: 0,
      };
      this.retryIn(delay);
    }
    this.stat.drains++;
    this.stat.lastDrainAt = new Date();
    this.stat.lastDrainMs = Date.now() - started;
    await this.settleWaiters(new Map([...tickets].map((t) => [t, outcome])));
  }

  /** Resolves waiters whose ticket this drain handled, or whose requests are gone (another process drained them). */
  private async settleWaiters(handled: Map<string, RecomputeOutcome>): Promise<void> {
    for (const [ticket, outcome] of handled) {
      this.recent.set(ticket, outcome);
    }
    if (this.waiters.size === 0) return;
    const others = [...this.waiters.keys()].filter((t) => !handled.has(t));
    const open = others.length ? await openTickets(this.db.sql, others) : new Set<string>();
    for (const [ticket, list] of [...this.waiters]) {
      const outcome = handled.get(ticket) ?? (open.has(ticket) ? undefined : { status: 'DONE' as const, runIds: [], withdrawn: 0 });
      if (!outcome) continue;
      this.waiters.delete(ticket);
      for (const resolve of list) resolve(outcome);
    }
    // A waiter whose requests are waiting for a retry is answered by the next attempt.
    if (this.waiters.size && !this.retryTimer) this.retryIn(this.options.busyRetryMs ?? 100);
  }

  private backoffMs(attempt: number): number {
    const base = this.options.retryBaseMs ?? 1_000;
    return Math.min(this.options.retryMaxMs ?? 60_000, base * 2 ** Math.max(0, attempt - 1));
  }

  /** After a drain: if requests wait for a retry, wake when the first becomes due. */
  private async armRetry(): Promise<void> {
    const at = await nextRetryAt(this.db.sql);
    if (at) this.retryIn(Math.max(0, at.getTime() - Date.now()) + 5);
  }

  private retryIn(ms: number): void {
    if (this.stopped) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.schedule();
    }, ms);
    this.retryTimer.unref();
  }
}

function stoppedOutcome(): RecomputeOutcome {
  return {
    status: 'FAILED',
    error: 'the server is stopping; the recompute stays queued and runs when a server starts again',
    runIds: [],
    withdrawn: 0,
  };
}
