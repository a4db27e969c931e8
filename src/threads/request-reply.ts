// Request/reply over a worker thread, the one helper of the code base (the evaluation pool, the recompute queue's
// engine thread, the bench's ingestion client). The main thread's ThreadClient tags each request with an id and
// resolves the promise of the reply with the same id; an error the handler throws comes back as an Error with its
// message, name and stack (plus `data`, e.g. the opportunity an evaluation failed on). A thread that crashes or
// exits rejects every request still pending, and every later one, with a message naming the thread. Inside the
// thread, serveRequests answers the requests with a handler and says when it is ready.
import { parentPort, type Worker } from 'node:worker_threads';

/** An error as it crosses the thread boundary. */
interface CarriedError {
  message: string;
  name: string;
  stack?: string;
  data?: Record<string, unknown>;
}

type ToThread<Req> = { kind: 'request'; id: number; body: Req } | { kind: 'close' };
type FromThread<Res> = { kind: 'ready' } | { kind: 'reply'; id: number; result: Res } | { kind: 'reply'; id: number; error: CarriedError };

interface ClientOptions {
  /** Names the thread in the errors of a crash or exit ("the recompute thread"). */
  name: string;
  /** Turns a carried error into the caller's error type; default an Error with its message, name and stack. */
  reviveError?: (carried: CarriedError) => Error;
}

export class ThreadClient<Req, Res> {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (r: Res) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;
  private readonly exited: Promise<number>;
  private readonly started: Promise<void>;

  constructor(
    private readonly worker: Worker,
    private readonly options: ClientOptions,
  ) {
    this.exited = new Promise((resolve) => worker.once('exit', resolve));
    this.started = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromThread<Res>) => {
        if (message.kind === 'ready') return resolve();
        const waiter = this.pending.get(message.id);
        if (!waiter) return;
        this.pending.delete(message.id);
        if ('error' in message) waiter.reject((options.reviveError ?? revive)(message.error));
        else waiter.resolve(message.result);
      });
      worker.on('error', (err) => {
        this.fail(err);
        reject(err);
      });
      worker.on('exit', (code) => {
        const err = new Error(`${options.name} exited (code ${code})`);
        this.fail(err);
        reject(this.failure ?? err);
      });
    });
    // Nobody may wait for readiness; a crash is reported through the requests.
    this.started.catch(() => undefined);
  }

  /** Resolves once the thread's serveRequests runs (after its start-up, e.g. compiling); rejects if it dies first. */
  ready(): Promise<void> {
    return this.started;
  }

  request(body: Req): Promise<Res> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<Res>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ kind: 'request', id, body } satisfies ToThread<Req>);
    });
  }

  /** Requests sent and not answered yet. */
  get inFlight(): number {
    return this.pending.size;
  }

  /**
   * Ends the thread: pending requests are rejected with `reason`; with `graceMs`, the thread is first asked to close
   * (its serveRequests onClose) and given that long to exit by itself, then it is terminated.
   */
  async close(reason = `${this.options.name} is closed`, graceMs = 0): Promise<void> {
    this.fail(new Error(reason));
    if (graceMs > 0) {
      let timer: NodeJS.Timeout | undefined;
      this.worker.postMessage({ kind: 'close' } satisfies ToThread<Req>);
      await Promise.race([this.exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
    }
    await this.worker.terminate();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const waiter of this.pending.values()) waiter.reject(this.failure);
    this.pending.clear();
  }
}

function revive(carried: CarriedError): Error {
  const err = new Error(carried.message);
  err.name = carried.name;
  if (carried.stack !== undefined) err.stack = carried.stack;
  return err;
}

interface ServeOptions {
  /** Extra fields an error carries across (revived by the client's reviveError). */
  errorData?: (err: unknown) => Record<string, unknown> | undefined;
  /** Asked by the client's close(reason, graceMs): release resources; the thread then exits with code 0. */
  onClose?: () => Promise<void>;
}

/** Inside a worker thread: answers every request with `handle`, then tells the client it is ready. */
export function serveRequests<Req, Res>(handle: (body: Req) => Res | Promise<Res>, options: ServeOptions = {}): void {
  const port = parentPort;
  if (!port) throw new Error('serveRequests runs inside a worker thread');
  const carry = (err: unknown): CarriedError => {
    const data = options.errorData?.(err);
    const base =
      err instanceof Error ? { message: err.message, name: err.name, stack: err.stack } : { message: String(err), name: 'Error' };
    return data ? { ...base, data } : base;
  };
  port.on('message', (message: ToThread<Req>) => {
    if (message.kind === 'close') {
      void (options.onClose?.() ?? Promise.resolve()).catch(() => undefined).finally(() => process.exit(0));
      return;
    }
    const { id } = message;
    const reply = (m: FromThread<Res>) => port.postMessage(m);
    try {
      Promise.resolve(handle(message.body)).then(
        (result) => reply({ kind: 'reply', id, result }),
        (err: unknown) => reply({ kind: 'reply', id, error: carry(err) }),
      );
    } catch (err) {
      reply({ kind: 'reply', id, error: carry(err) });
    }
  });
  port.postMessage({ kind: 'ready' } satisfies FromThread<Res>);
}
