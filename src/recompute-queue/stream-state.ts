// The recompute worker's stream detection as a state machine (pure; the
// worker, ./worker.ts, feeds it the events and does the I/O). It decides
// when a drain starts: after `quietMs` without a write in flight for a lone
// change ('single'), after `streamQuietMs` while writes come as a stream
// ('stream'), and at most `maxDelayMs` after the first pending change.
//
// A write that begins while changes are pending (woken and not yet taken by
// a drain, or left for the next drain by a capped or locked-out one), while a
// drain of changes has committed none of its result, or while another write
// is in flight, starts a stream: its writer did not wait for the credit of
// the previous change. A write that begins after writes were quiet for
// streamQuietMs is no stream, and a drain that starts because writes went
// quiet ends the stream (one forced by maxDelayMs does not).

export interface StreamTiming {
  /** Quiet time without in-flight writes before a drain of a lone change. */
  quietMs: number;
  /** The quiet time while writes come as a stream (at least quietMs). */
  streamQuietMs: number;
  /** Longest a pending change waits for quiet. */
  maxDelayMs: number;
}

export interface StreamState {
  /** 'single': lone changes, a drain waits quietMs; 'stream': writes come back to back, a drain waits streamQuietMs. */
  mode: 'single' | 'stream';
  writesInFlight: number;
  /** When the last write ended (ms since the epoch; 0: never). */
  lastWriteEndedAt: number;
  /** When the first pending change (or sweep, or retry) of the next drain was scheduled; null when none is. */
  firstPendingAt: number | null;
  /** A change woke the worker and no drain has taken it yet, or a capped or locked-out drain left it for the next one. */
  changesPending: boolean;
  /** A drain of changes is running and none of its result has committed yet. */
  drainUncommitted: boolean;
}

export type StreamEvent =
  /** Something is to be drained: a change, the sweep, a retry. */
  | { type: 'scheduled'; at: number }
  /** A change committed and woke the worker (wake()); it is also scheduled. */
  | { type: 'changed'; at: number }
  | { type: 'writeBegan'; at: number }
  | { type: 'writeEnded'; at: number }
  /** A drain takes the pending changes. */
  | { type: 'drainStarted' }
  /** Some of the drain's result committed: its credit shows. */
  | { type: 'committed' }
  | { type: 'drainEnded' }
  /** Another process held the drain lock: it may have started before this drain's requests committed. */
  | { type: 'lockBusy' }
  /** The drain was capped: requests are left for the next one. */
  | { type: 'backlogLeft' }
  /** A drain starts because writes were quiet long enough (quietDecision's endsStream). */
  | { type: 'wentQuiet' };

export const initialStreamState: StreamState = {
  mode: 'single',
  writesInFlight: 0,
  lastWriteEndedAt: 0,
  firstPendingAt: null,
  changesPending: false,
  drainUncommitted: false,
};

/** Milliseconds without a write in flight. */
function quietFor(state: StreamState, now: number): number {
  return state.writesInFlight > 0 ? 0 : now - state.lastWriteEndedAt;
}

/** Writes come as a stream at `now`: the stream mode, unless writes have been quiet for streamQuietMs since. */
export function isStreaming(state: StreamState, now: number, timing: StreamTiming): boolean {
  return state.mode === 'stream' && quietFor(state, now) < timing.streamQuietMs;
}

export function next(state: StreamState, event: StreamEvent, timing: StreamTiming): StreamState {
  switch (event.type) {
    case 'scheduled':
      return { ...state, firstPendingAt: state.firstPendingAt ?? event.at };
    case 'changed':
      return { ...state, changesPending: true, firstPendingAt: state.firstPendingAt ?? event.at };
    case 'writeBegan': {
      const stream = isStreaming(state, event.at, timing) || state.changesPending || state.drainUncommitted || state.writesInFlight > 0;
      return { ...state, mode: stream ? 'stream' : 'single', writesInFlight: state.writesInFlight + 1 };
    }
    case 'writeEnded':
      return { ...state, writesInFlight: Math.max(0, state.writesInFlight - 1), lastWriteEndedAt: event.at };
    case 'drainStarted':
      return { ...state, firstPendingAt: null, drainUncommitted: state.changesPending, changesPending: false };
    case 'committed':
    case 'drainEnded':
      return { ...state, drainUncommitted: false };
    case 'lockBusy':
      return { ...state, changesPending: state.changesPending || state.drainUncommitted };
    case 'backlogLeft':
      return { ...state, changesPending: true };
    case 'wentQuiet':
      return { ...state, mode: 'single' };
  }
}

type QuietDecision = { drain: true; endsStream: boolean } | { drain: false; waitMs: number };

/**
 * Whether a drain may start at `now`: once writes have been quiet for the
 * mode's quiet time (which ends a stream), or maxDelayMs after the first
 * pending change; otherwise how long to wait before asking again.
 */
export function quietDecision(state: StreamState, now: number, timing: StreamTiming): QuietDecision {
  const quiet = quietFor(state, now);
  const needed = state.mode === 'stream' ? timing.streamQuietMs : timing.quietMs;
  if (quiet >= needed) return { drain: true, endsStream: true };
  const waited = state.firstPendingAt === null ? timing.maxDelayMs : now - state.firstPendingAt;
  if (waited >= timing.maxDelayMs) return { drain: true, endsStream: false };
  return { drain: false, waitMs: Math.max(1, Math.min(needed - quiet, timing.maxDelayMs - waited)) };
}
