// The tiny worker of test/threads/request-reply.test.ts: echoes, answers late, throws, crashes or exits on request.
import { workerData } from 'node:worker_threads';
import { serveRequests } from '../../../src/threads/request-reply.js';

export type EchoRequest =
  | { op: 'echo'; value: unknown; afterMs?: number }
  | { op: 'throw'; message: string; code?: string }
  | { op: 'hang' }
  | { op: 'crash'; message: string }
  | { op: 'exit'; code: number };

class CodedError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'CodedError';
  }
}

const { startDelayMs = 0 } = (workerData ?? {}) as { startDelayMs?: number };
await new Promise((resolve) => setTimeout(resolve, startDelayMs));

serveRequests<EchoRequest, unknown>(
  (request) => {
    switch (request.op) {
      case 'echo':
        return new Promise((resolve) => setTimeout(() => resolve(request.value), request.afterMs ?? 0));
      case 'throw':
        if (request.code) throw new CodedError(request.message, request.code);
        throw new Error(request.message);
      case 'hang':
        return new Promise(() => undefined);
      case 'crash':
        // Thrown outside the handler: an uncaught exception ends the thread.
        setTimeout(() => {
          throw new Error(request.message);
        }, 0);
        return new Promise(() => undefined);
      case 'exit':
        process.exit(request.code);
    }
  },
  {
    errorData: (err) => (err instanceof CodedError ? { code: err.code } : undefined),
    onClose: async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    },
  },
);
