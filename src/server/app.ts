// The HTTP application: a Yoga server over the Pothos schema, with API-key
// authentication, limits and masked errors. `createApp` builds the Yoga
// instance; `createServer` wraps it in a Node HTTP server that enforces the
// request body limit. Tests start it on port 0 and talk to it over HTTP.
import type { PartitionQueue } from '../engine/partitioned-run.js';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createYoga, maskError, type YogaServerInstance } from 'graphql-yoga';
import { GraphQLError } from 'graphql';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { bearerToken } from '../auth/keys.js';
import { authenticateApiKey } from '../auth/store.js';
import { BackgroundTasks, DEFAULT_LIMITS, type ApiLimits, type GraphQLContext } from '../graphql/context.js';
import { createAttribPubSub, type AttribPubSub } from '../graphql/pubsub.js';
import { buildSchema } from '../graphql/schema.js';
import { requestLimitsPlugin } from './limits.js';
import { EngineThread, RecomputeWorker, type RecomputeWorkerOptions } from '../recompute-queue/index.js';
import { publishAllocationsChanged } from '../recompute-queue/follow-up.js';
import { SnapshotCache } from '../reports/snapshot-cache.js';
import { DEFAULT_REPORT_SETTINGS, type ReportSettings } from '../reports/settings.js';
import { compiledIngestionPlugin, type CompiledIngestionStats } from './compiled-ingestion.js';
import { IngestionSlots } from '../ingest/index.js';
import { bodyTextProblem, queryStringIsUtf8 } from './utf8.js';
import { DEFAULT_WEB_APP_DIR, isWebAppPath, serveWebApp } from './web-app.js';

const GRAPHQL_PATH = '/graphql';
/** Default maximum request body: a full 5,000-touchpoint batch fits with room to spare. */
const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface AppOptions {
  limits?: Partial<ApiLimits>;
  maxBodyBytes?: number;
  /** Mask unexpected errors (default: when NODE_ENV is production). */
  maskErrors?: boolean;
  graphiql?: boolean;
  /** Log lines (default: console.error for errors only). */
  log?: (line: string) => void;
  /** The recompute worker's retry/sweep tuning; `start: false` leaves queued recomputes for another process. */
  recompute?: Pick<
    RecomputeWorkerOptions,
    | 'retryBaseMs'
    | 'retryMaxMs'
    | 'sweepMs'
    | 'busyRetryMs'
    | 'maxPerDrain'
    | 'maxOpportunitiesPerDrain'
    | 'quietMs'
    | 'streamQuietMs'
    | 'maxDelayMs'
    | 'engineFrom'
  > & {
    start?: boolean;
    /** PostgreSQL: run the queued recomputes on a worker thread with its own connections (default true). */
    thread?: boolean;
  };
  /** Run the ingestion mutation compiled (graphql-jit; default true). See ./compiled-ingestion.ts. */
  compiledIngestion?: boolean;
  /** Serve repeated reports from the snapshot cache (default true; the bench turns it off to measure the uncached cost). */
  reportCache?: boolean;
  /** Queue runs as partition jobs here instead of running them in this process (ATTRIB_RUN_EXECUTION=jobs). */
  runQueue?: PartitionQueue;
  /** Where the built web app is served from at /app (default web/dist; false: not served). See ./web-app.ts. */
  webApp?: string | false;
}

interface App {
  yoga: YogaServerInstance<Record<string, unknown>, GraphQLContext>;
  pubsub: AttribPubSub;
  limits: ApiLimits;
  background: BackgroundTasks;
  /** Drains the recompute queue; createServer starts it and stops it on close. */
  recompute: RecomputeWorker;
  /** Scorecards served again while no transaction has committed (null when turned off). */
  reports: SnapshotCache | null;
  /** Operations run compiled (null when turned off). */
  compiledIngestion: CompiledIngestionStats | null;
}

/** What the app reads of the configuration; the report settings default to USD and a January fiscal year. */
type AppConfig = Pick<Config, 'nodeEnv'> & Partial<Pick<Config, 'reportingCurrency' | 'fiscalYearStart'>>;

function createApp(db: Database, config: AppConfig, options: AppOptions = {}): App {
  const production = config.nodeEnv === 'production';
  const reporting: ReportSettings = {
    reportingCurrency: config.reportingCurrency ?? DEFAULT_REPORT_SETTINGS.reportingCurrency,
    fiscalYearStart: config.fiscalYearStart ?? DEFAULT_REPORT_SETTINGS.fiscalYearStart,
  };
  const limits: ApiLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const pubsub = createAttribPubSub();
  const background = new BackgroundTasks();
  const reports = options.reportCache === false ? null : new SnapshotCache();
  const ingestionSlots = new IngestionSlots(limits.ingestConcurrency);
  // On PostgreSQL the drains' incremental runs go to a worker thread, so they
  // never hold this event loop while ingestion requests arrive.
  const log = options.log ?? ((line: string) => console.error(`attrib: ${line}`));
  const { thread: useThread = true, ...workerOptions } = options.recompute ?? {};
  const engine = db.kind === 'postgres' && db.url && useThread ? new EngineThread({ databaseUrl: db.url, poolSize: 3 }) : undefined;
  const recompute = new RecomputeWorker(db, {
    ...workerOptions,
    engine,
    log,
    onRecomputed: (e) =>
      publishAllocationsChanged({ pubsub }, { runIds: e.runIds, opportunityIds: e.opportunityIds, reason: e.reasons.join(',') }),
  });
  const compiledIngestion = options.compiledIngestion === false ? null : { executions: 0, fallbacks: 0 };
  const yoga = createYoga<Record<string, unknown>, GraphQLContext>({
    schema: buildSchema(),
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    plugins: [requestLimitsPlugin(limits), ...(compiledIngestion ? [compiledIngestionPlugin(compiledIngestion, log)] : [])],
    graphiql:
      (options.graphiql ?? !production)
        ? { title: 'Ecosystem Attribution API', headers: JSON.stringify({ Authorization: 'Bearer <your api key>' }) }
        : false,
    maskedErrors: {
      isDev: !(options.maskErrors ?? production),
      // Errors the API raises on purpose (auth, limits, bad input) are shown;
      // anything unexpected becomes "Unexpected error." without details in production.
      maskError: (error, message, isDev) => {
        const shown = isIntendedGraphQLError(error) ? (error as Error) : maskError(error, message, isDev);
        if (!isGraphQLErrorLike(shown)) return shown;
        const coded = withCode(shown, shown.message === message ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT');
        return isDev ? coded : withoutOriginalError(coded);
      },
    },
    logging: production ? 'warn' : 'error',
    context: async ({ request }) => {
      const token = bearerToken(request.headers.get('authorization'));
      if (token === null) {
        throw new GraphQLError('Malformed Authorization header: send `Authorization: Bearer <api key>`.', {
          extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
        });
      }
      let principal = null;
      if (token !== undefined) {
        principal = await authenticateApiKey(db.prisma, token);
        if (!principal) {
          throw new GraphQLError(
            'Invalid or revoked API key: check the key, or create a new one with `attrib keys create --role <role>`.',
            {
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
            },
          );
        }
      }
      return {
        db,
        prisma: db.prisma,
        principal,
        pubsub,
        limits,
        background,
        recompute,
        reports,
        ingestionSlots,
        reporting,
        runQueue: options.runQueue ?? null,
      } satisfies GraphQLContext;
    },
  });
  return { yoga, pubsub, limits, background, recompute, reports, compiledIngestion };
}

/**
 * A GraphQLError whose chain of original errors holds only GraphQLErrors, i.e.
 * one raised deliberately (by name, not instanceof: the graphql package can be
 * loaded twice, as ESM and CJS, and instanceof then fails across the copies).
 */
/**
 * Every error a client sees carries extensions.code. Errors raised on purpose
 * without one (Pothos' connection-argument and cursor checks, bad global ids)
 * are about the request's arguments: BAD_USER_INPUT; the masked
 * "unexpected error" is INTERNAL_SERVER_ERROR.
 */
function withCode(error: GraphQLError, code: string): GraphQLError {
  if (typeof error.extensions?.code === 'string') return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...error.extensions, code },
  });
}

/**
 * Masked mode shows no internal detail: Yoga attaches the parser's own error
 * (name and message, e.g. a JSON SyntaxError) to request-parsing errors as
 * extensions.originalError; the client keeps the message and the code.
 */
function withoutOriginalError(error: GraphQLError): GraphQLError {
  if (!error.extensions || !('originalError' in error.extensions)) return error;
  const { originalError: _hidden, ...extensions } = error.extensions;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions,
  });
}

/** GraphQLError by shape: a test runner may load two copies of graphql-js, so not instanceof. */
function isGraphQLErrorLike(error: unknown): error is GraphQLError {
  return error instanceof Error && 'extensions' in error && 'locations' in error && 'path' in error;
}

function isIntendedGraphQLError(error: unknown): boolean {
  let current = error as { name?: string; originalError?: unknown } | undefined;
  for (let depth = 0; depth < 10 && current; depth++) {
    if (current.name !== 'GraphQLError') return false;
    if (current.originalError == null) return true;
    current = current.originalError as typeof current;
  }
  return false;
}

export interface RunningServer {
  app: App;
  server: Server;
  /** http://host:port/graphql once listening. */
  url: string;
  /** Stops listening, stops the recompute worker (waiting for its drain in progress) and waits (up to drainMs) for background runs. */
  close(drainMs?: number): Promise<void>;
}

/** Creates the HTTP server and starts listening (port 0 picks a free port). */
export async function createServer(
  db: Database,
  config: AppConfig & Pick<Config, 'port'>,
  options: AppOptions & { host?: string } = {},
): Promise<RunningServer> {
  const app = createApp(db, config, options);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const webApp = options.webApp ?? DEFAULT_WEB_APP_DIR;
  const server = createHttpServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0]!;
    const served = webApp !== false && isWebAppPath(pathname) ? serveWebApp(webApp, req, res, pathname) : handle(app, req, res, maxBody);
    served.catch((err: unknown) => {
      options.log?.(`request failed: ${(err as Error).stack ?? String(err)}`);
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error.' }] });
      else res.destroy();
    });
  });
  // Idle keep-alive connections stay open a minute (longer than the usual
  // load-balancer idle timeout). With the default 5 s, a client reusing a
  // connection just as the server drops it gets ECONNRESET — likely while a
  // background recompute keeps the event loop busy (PGlite runs in this thread).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Recomputes left queued by an earlier process (or a crash) are drained now.
  if (options.recompute?.start !== false) app.recompute.start();
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? 'localhost' : host}:${address.port}${GRAPHQL_PATH}`;
  return {
    app,
    server,
    url,
    async close(drainMs = 30_000) {
      // Stop accepting requests and let those in flight finish (they may be
      // mid-query: closing the database under them would fail them), for at
      // most 5 s; then end what is still open (event streams, slow requests).
      // Keep-alive connections are closed as soon as their last response is sent.
      await new Promise<void>((resolve) => {
        const idle = setInterval(() => server.closeIdleConnections(), 20);
        const force = setTimeout(() => server.closeAllConnections(), Math.min(drainMs, 5_000));
        server.close(() => {
          clearInterval(idle);
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      // Queued recomputes not yet drained stay in the table for the next start.
      await app.recompute.stop(Math.min(drainMs, 5_000));
      await app.background.drain(drainMs);
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function tooLarge(res: ServerResponse, limit: number): void {
  res.setHeader('connection', 'close');
  sendJson(res, 413, {
    errors: [
      {
        message: `Request body exceeds the limit of ${limit} bytes. Send smaller requests (for touchpoints: batches of at most 5,000, or fewer when items carry large metadata).`,
        extensions: { code: 'PAYLOAD_TOO_LARGE', limit },
      },
    ],
  });
}

async function handle(app: App, req: IncomingMessage, res: ServerResponse, maxBody: number): Promise<void> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > maxBody) {
    tooLarge(res, maxBody);
    req.resume();
    return;
  }
  let body: Buffer | undefined;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBody) {
        tooLarge(res, maxBody);
        req.destroy();
        return;
      }
      chunks.push(chunk as Buffer);
    }
    body = Buffer.concat(chunks);
    // GraphQL over HTTP is JSON: a form or multipart POST (what a cross-site form can send) executes nothing.
    const media = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (req.method === 'POST' && media !== 'application/json' && media !== 'application/graphql-response+json') {
      sendJson(res, 415, {
        errors: [
          {
            message: `Content-Type ${media ? `"${media}"` : '(none)'} is not supported: send the request as application/json`,
            extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
          },
        ],
      });
      return;
    }
    const problem = bodyTextProblem(body);
    if (problem) {
      sendJson(res, 400, {
        errors: [{ message: problem.message, extensions: { code: 'BAD_USER_INPUT', byteOffset: problem.offset, path: problem.path } }],
      });
      return;
    }
  } else if (!queryStringIsUtf8(new URL(req.url ?? '/', 'http://localhost').search)) {
    sendJson(res, 400, {
      errors: [
        {
          message: 'The query string is not valid percent-encoded UTF-8; encode the parameters with encodeURIComponent',
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
    return;
  }
  const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  const response = await app.yoga.fetch(url, { method: req.method, headers, body, signal: controller.signal });
  const outHeaders: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    const prev = outHeaders[name];
    outHeaders[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  });
  res.writeHead(response.status, outHeaders);
  if (!response.body) {
    res.end();
    return;
  }
  // Stream the body (SSE subscriptions stay open); stop when the client goes away.
  const stream = Readable.from(response.body as unknown as AsyncIterable<Uint8Array>);
  res.on('close', () => stream.destroy());
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
