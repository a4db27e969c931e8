// The recompute worker's stream detection (src/recompute-queue/stream-state.ts): every event from the states that
// change its outcome, the stream's start and end, and the quiet decision.
import { describe, expect, it } from 'vitest';
import { initialStreamState, isStreaming, next, quietDecision } from '../../src/recompute-queue/stream-state.js';
import type { StreamEvent, StreamState, StreamTiming } from '../../src/recompute-queue/stream-state.js';

const T: StreamTiming = { quietMs: 25, streamQuietMs: 250, maxDelayMs: 5_000 };
const S = (over: Partial<StreamState> = {}): StreamState => ({ ...initialStreamState, ...over });
const run = (state: StreamState, ...events: StreamEvent[]) => events.reduce((s, e) => next(s, e, T), state);

describe('stream state: events', () => {
  it('scheduled keeps the first pending time', () => {
    expect(next(S(), { type: 'scheduled', at: 100 }, T)).toEqual(S({ firstPendingAt: 100 }));
    expect(next(S({ firstPendingAt: 50 }), { type: 'scheduled', at: 100 }, T)).toEqual(S({ firstPendingAt: 50 }));
  });

  it('changed marks changes pending and keeps the first pending time', () => {
    expect(next(S(), { type: 'changed', at: 100 }, T)).toEqual(S({ changesPending: true, firstPendingAt: 100 }));
    expect(next(S({ firstPendingAt: 50 }), { type: 'changed', at: 100 }, T)).toEqual(S({ changesPending: true, firstPendingAt: 50 }));
  });

  it('writeBegan alone is a lone change (single)', () => {
    expect(next(S({ lastWriteEndedAt: 0 }), { type: 'writeBegan', at: 10_000 }, T)).toEqual(S({ writesInFlight: 1 }));
  });

  it.each([
    ['changes are pending', { changesPending: true }],
    ['a drain has committed none of its result', { drainUncommitted: true }],
    ['another write is in flight', { writesInFlight: 1 }],
    ['the stream goes on (writes quiet for less than streamQuietMs)', { mode: 'stream' as const, lastWriteEndedAt: 9_900 }],
  ] as [string, Partial<StreamState>][])('writeBegan starts or continues a stream when %s', (_, over) => {
    const after = next(S(over), { type: 'writeBegan', at: 10_000 }, T);
    expect(after.mode).toBe('stream');
    expect(after.writesInFlight).toBe((over.writesInFlight ?? 0) + 1);
  });

  it('writeBegan after streamQuietMs of quiet ends the stream', () => {
    const after = next(S({ mode: 'stream', lastWriteEndedAt: 9_750 }), { type: 'writeBegan', at: 10_000 }, T);
    expect(after).toEqual(S({ mode: 'single', lastWriteEndedAt: 9_750, writesInFlight: 1 }));
  });

  it('writeEnded counts the write out and records when', () => {
    expect(next(S({ writesInFlight: 2 }), { type: 'writeEnded', at: 500 }, T)).toEqual(S({ writesInFlight: 1, lastWriteEndedAt: 500 }));
    expect(next(S({ writesInFlight: 0 }), { type: 'writeEnded', at: 500 }, T).writesInFlight).toBe(0);
  });

  it('drainStarted takes the pending changes: the drain is uncommitted only if it took changes', () => {
    expect(next(S({ changesPending: true, firstPendingAt: 7 }), { type: 'drainStarted' }, T)).toEqual(S({ drainUncommitted: true }));
    expect(next(S({ firstPendingAt: 7 }), { type: 'drainStarted' }, T)).toEqual(S());
  });

  it.each(['committed', 'drainEnded'] as const)('%s clears the uncommitted drain, nothing else', (type) => {
    const before = S({ drainUncommitted: true, changesPending: true, mode: 'stream', writesInFlight: 1 });
    expect(next(before, { type }, T)).toEqual({ ...before, drainUncommitted: false });
  });

  it('lockBusy leaves the uncommitted drain’s changes pending for the next drain', () => {
    expect(next(S({ drainUncommitted: true }), { type: 'lockBusy' }, T)).toEqual(S({ drainUncommitted: true, changesPending: true }));
    expect(next(S(), { type: 'lockBusy' }, T)).toEqual(S());
    expect(next(S({ changesPending: true }), { type: 'lockBusy' }, T)).toEqual(S({ changesPending: true }));
  });

  it('backlogLeft leaves changes pending', () => {
    expect(next(S(), { type: 'backlogLeft' }, T)).toEqual(S({ changesPending: true }));
  });

  it('wentQuiet ends the stream', () => {
    expect(next(S({ mode: 'stream', lastWriteEndedAt: 3 }), { type: 'wentQuiet' }, T)).toEqual(S({ lastWriteEndedAt: 3 }));
    expect(next(S(), { type: 'wentQuiet' }, T)).toEqual(S());
  });
});

describe('stream state: isStreaming', () => {
  it('is the stream mode until writes have been quiet for streamQuietMs', () => {
    expect(isStreaming(S(), 1_000, T)).toBe(false);
    const stream = S({ mode: 'stream', lastWriteEndedAt: 1_000 });
    expect(isStreaming(stream, 1_249, T)).toBe(true);
    expect(isStreaming(stream, 1_250, T)).toBe(false);
    // A write in flight is never quiet.
    expect(isStreaming({ ...stream, writesInFlight: 1 }, 99_999, T)).toBe(true);
  });
});

describe('stream state: quietDecision', () => {
  it('a lone change drains after quietMs of quiet (the stream, if any, ends)', () => {
    const s = S({ lastWriteEndedAt: 1_000, firstPendingAt: 1_000 });
    expect(quietDecision(s, 1_010, T)).toEqual({ drain: false, waitMs: 15 });
    expect(quietDecision(s, 1_025, T)).toEqual({ drain: true, endsStream: true });
  });

  it('a stream drains after streamQuietMs of quiet', () => {
    const s = S({ mode: 'stream', lastWriteEndedAt: 1_000, firstPendingAt: 900 });
    expect(quietDecision(s, 1_100, T)).toEqual({ drain: false, waitMs: 150 });
    expect(quietDecision(s, 1_250, T)).toEqual({ drain: true, endsStream: true });
  });

  it('writes in flight hold a drain back, at most maxDelayMs after the first pending change (the stream goes on)', () => {
    const s = S({ mode: 'stream', writesInFlight: 1, firstPendingAt: 1_000 });
    expect(quietDecision(s, 5_900, T)).toEqual({ drain: false, waitMs: 100 });
    expect(quietDecision(s, 6_000, T)).toEqual({ drain: true, endsStream: false });
  });

  it('waits at least a millisecond, and drains at once with nothing pending and no quiet', () => {
    expect(quietDecision(S({ lastWriteEndedAt: 1_000, firstPendingAt: 1_000 }), 1_024.5, T)).toEqual({ drain: false, waitMs: 1 });
    expect(quietDecision(S({ writesInFlight: 1 }), 1_000, T)).toEqual({ drain: true, endsStream: false });
  });
});

describe('stream state: sequences', () => {
  it('two batches back to back while the first is pending make a stream; the quiet drain ends it', () => {
    let s = run(S(), { type: 'writeBegan', at: 0 }, { type: 'writeEnded', at: 10 }, { type: 'changed', at: 10 });
    expect(s.mode).toBe('single');
    s = run(s, { type: 'writeBegan', at: 40 }, { type: 'writeEnded', at: 50 }, { type: 'changed', at: 50 });
    expect(s.mode).toBe('stream');
    expect(quietDecision(s, 80, T).drain).toBe(false);
    const d = quietDecision(s, 300, T);
    expect(d).toEqual({ drain: true, endsStream: true });
    s = run(s, { type: 'wentQuiet' }, { type: 'drainStarted' });
    expect(s).toMatchObject({ mode: 'single', changesPending: false, drainUncommitted: true, firstPendingAt: null });
    s = run(s, { type: 'committed' }, { type: 'drainEnded' });
    // A change made once the previous credit showed is a lone change again.
    expect(run(s, { type: 'writeBegan', at: 400 }).mode).toBe('single');
  });
});
