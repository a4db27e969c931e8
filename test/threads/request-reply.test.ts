// The worker-thread request/reply helper on a real worker thread (test/threads/support/echo-worker.ts).
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { ThreadClient } from '../../src/threads/request-reply.js';
import type { EchoRequest } from './support/echo-worker.js';

const ENTRY = new URL('./support/echo-entry.mjs', import.meta.url);
const clients: ThreadClient<EchoRequest, unknown>[] = [];

function start(options: { startDelayMs?: number; reviveError?: ConstructorParameters<typeof ThreadClient>[1]['reviveError'] } = {}) {
  const worker = new Worker(ENTRY, { workerData: { startDelayMs: options.startDelayMs ?? 0 } });
  const client = new ThreadClient<EchoRequest, unknown>(worker, {
    name: 'the echo thread',
    ...(options.reviveError ? { reviveError: options.reviveError } : {}),
  });
  clients.push(client);
  return { worker, client };
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

describe('ThreadClient and serveRequests', () => {
  it('resolves when the thread has started, and matches replies to requests by id, in any order', async () => {
    const { client } = start({ startDelayMs: 50 });
    await client.ready();
    const slow = client.request({ op: 'echo', value: { n: 1, at: new Date('2026-01-02T00:00:00Z') }, afterMs: 80 });
    const fast = client.request({ op: 'echo', value: 'second', afterMs: 0 });
    const order: string[] = [];
    slow.then(() => order.push('slow'));
    fast.then(() => order.push('fast'));
    expect(client.inFlight).toBe(2);
    expect(await slow).toEqual({ n: 1, at: new Date('2026-01-02T00:00:00Z') });
    expect(await fast).toBe('second');
    expect(order).toEqual(['fast', 'slow']);
    expect(client.inFlight).toBe(0);
  });

  it("carries the handler's error across as an Error with its message, name, stack and data", async () => {
    const { client } = start();
    const plain = await client.request({ op: 'throw', message: 'no such opportunity' }).catch((e: unknown) => e);
    expect(plain).toBeInstanceOf(Error);
    expect((plain as Error).message).toBe('no such opportunity');
    expect((plain as Error).stack).toContain('echo-worker.ts');

    const coded = await client.request({ op: 'throw', message: 'bad facts', code: 'E42' }).catch((e: unknown) => e);
    expect((coded as Error).name).toBe('CodedError');

    // A reviver turns the carried error into the caller's own type, with its data.
    class Revived extends Error {
      constructor(
        message: string,
        readonly code: unknown,
      ) {
        super(message);
      }
    }
    const other = start({ reviveError: (c) => new Revived(c.message, c.data?.code) }).client;
    const revived = await other.request({ op: 'throw', message: 'bad facts', code: 'E42' }).catch((e: unknown) => e);
    expect(revived).toBeInstanceOf(Revived);
    expect(revived).toMatchObject({ message: 'bad facts', code: 'E42' });
    // The thread keeps serving after an error.
    expect(await other.request({ op: 'echo', value: 7 })).toBe(7);
  });

  it('rejects every pending request, and every later one, when the thread crashes', async () => {
    const { client } = start();
    const hanging = client.request({ op: 'hang' });
    const crashing = client.request({ op: 'crash', message: 'out of memory, say' });
    const settled = await Promise.allSettled([hanging, crashing]);
    expect(settled.map((s) => s.status === 'rejected' && (s.reason as Error).message)).toEqual([
      'out of memory, say',
      'out of memory, say',
    ]);
    expect(client.inFlight).toBe(0);
    await expect(client.request({ op: 'echo', value: 1 })).rejects.toThrow('out of memory, say');
  });

  it('rejects pending requests with a message naming the thread when it exits', async () => {
    const { client } = start();
    const hanging = client.request({ op: 'hang' });
    const exiting = client.request({ op: 'exit', code: 3 });
    const settled = await Promise.allSettled([hanging, exiting]);
    const reasons = settled.map((s) => s.status === 'rejected' && (s.reason as Error).message);
    expect(reasons).toEqual(['the echo thread exited (code 3)', 'the echo thread exited (code 3)']);
  });

  it('rejects ready() when the thread dies while starting', async () => {
    const worker = new Worker(new URL('data:text/javascript,process.exit(5)'));
    const client = new ThreadClient<EchoRequest, unknown>(worker, { name: 'the short thread' });
    await expect(client.ready()).rejects.toThrow('the short thread exited (code 5)');
  });

  it('close() rejects pending requests with its reason, asks the thread to close and ends it', async () => {
    const { worker, client } = start();
    await client.ready();
    const hanging = client.request({ op: 'hang' }).catch((e: unknown) => e);
    const exitCode = new Promise<number>((resolve) => worker.once('exit', resolve));
    await client.close('the echo thread was stopped', 1_000);
    expect(await hanging).toMatchObject({ message: 'the echo thread was stopped' });
    // Exited by itself (onClose, then code 0), not terminated (code 1).
    expect(await exitCode).toBe(0);
    await expect(client.request({ op: 'echo', value: 1 })).rejects.toThrow('the echo thread was stopped');
  });

  it('close() without grace terminates a busy thread', async () => {
    const { worker, client } = start();
    await client.ready();
    const hanging = client.request({ op: 'hang' }).catch((e: unknown) => e);
    const exitCode = new Promise<number>((resolve) => worker.once('exit', resolve));
    await client.close();
    expect(await hanging).toMatchObject({ message: 'the echo thread is closed' });
    expect(await exitCode).toBe(1);
  });
});
