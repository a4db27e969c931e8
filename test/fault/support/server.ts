// The real HTTP server over a fault-test database (PGlite, or PostgreSQL when
// TEST_DATABASE_URL is set), with an admin API key. Requests go over HTTP.
import { createApiKey } from '../../../src/auth/store.js';
import { createServer, type AppOptions, type RunningServer } from '../../../src/server/app.js';
import { openFaultDatabase, type FaultDatabase } from './db.js';

export interface HttpResult<T = Record<string, unknown>> {
  status: number;
  /** Raw body text (to look for leaked internals). */
  text: string;
  body: { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | undefined;
}

export interface FaultServer {
  fdb: FaultDatabase;
  server: RunningServer;
  url: string;
  adminKey: string;
  post<T = Record<string, unknown>>(payload: unknown, key?: string | null, rawBody?: string): Promise<HttpResult<T>>;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, key?: string | null): Promise<HttpResult<T>>;
  close(): Promise<void>;
}

export async function startFaultServer(opts: AppOptions & { label?: string } = {}): Promise<FaultServer> {
  const fdb = await openFaultDatabase({ label: opts.label ?? 'server' });
  const server = await createServer(fdb.db, { nodeEnv: 'production', port: 0 }, opts);
  const adminKey = (await createApiKey(fdb.db.prisma, { role: 'admin', name: 'fault admin', actor: 'fault-test' })).key;
  const post: FaultServer['post'] = async (payload, key = adminKey, rawBody) => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
    };
    if (key) headers.authorization = `Bearer ${key}`;
    const res = await fetch(server.url, { method: 'POST', headers, body: rawBody ?? JSON.stringify(payload) });
    const text = await res.text();
    let body: HttpResult['body'];
    try {
      body = JSON.parse(text) as HttpResult['body'];
    } catch {
      body = undefined;
    }
    return { status: res.status, text, body: body as never };
  };
  return {
    fdb,
    server,
    url: server.url,
    adminKey,
    post,
    gql: (query, variables, key) => post({ query, variables }, key),
    async close() {
      await server.close(5_000);
      await fdb.dispose();
    },
  };
}

/** Signs of internals leaking to a client: stack frames, file paths, SQL, driver names. */
export const LEAK_PATTERNS: RegExp[] = [
  /\n\s+at\s/,
  /\bat\s+[\w$.<>]+\s+\(/,
  /\/work\/|node_modules|\.ts:\d+|\.js:\d+/,
  /Prisma(Client)?[A-Z]\w*Error|prisma\./,
  /\b(SELECT|INSERT|UPDATE|DELETE)\b[^"]{0,40}\b(FROM|INTO|SET)\b/,
  /duplicate key value|violates .* constraint|syntax error at or near/,
  /"stack"\s*:/,
  /TypeError|ReferenceError|RangeError/,
];

export function leaks(text: string): string | null {
  for (const re of LEAK_PATTERNS) {
    const m = re.exec(text);
    if (m) return `${re}: …${text.slice(Math.max(0, m.index - 80), m.index + 120)}…`;
  }
  return null;
}
