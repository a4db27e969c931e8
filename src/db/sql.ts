// Raw, parameterised SQL on the same database the Prisma client uses — for
// bulk work (seeding, import, attribution runs) where Prisma's per-row
// round-trips are too slow, and for the migrator.
//
// Both backends return rows as plain objects with the SAME value types:
//   numeric/decimal -> string (exact; never a float: money is decimal)
//   int8/bigint     -> number (throws if beyond Number.MAX_SAFE_INTEGER; cast to text for such values)
//   date            -> 'YYYY-MM-DD' string (a calendar date has no time zone)
//   timestamptz     -> Date
//   json/jsonb      -> parsed value
//   arrays of the above and uuid[]/text[] -> arrays of the same element types
//   int2/int4, bool, text, uuid, enums -> number / boolean / string
//
// Concurrency rules (see also client.ts):
//   * PostgreSQL: `query`/`exec` take any pooled connection; `transaction` and
//     `session` pin one connection for the callback.
//   * PGlite is ONE connection. `transaction` uses PGlite's own transaction(),
//     which holds PGlite's mutex: while it runs, every other query — raw SQL or
//     Prisma — waits. Inside a transaction callback use ONLY the `sql` argument
//     it receives; calling the outer client (or `prisma`) from inside waits for
//     the transaction to end and therefore deadlocks. The same holds for
//     `prisma.$transaction(async (tx) => …)`: use `tx` inside, never `db.sql`.
import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStdin, to as copyToStdout } from 'pg-copy-streams';

export interface SqlClient {
  /** Runs one statement with $1, $2 … parameters; returns its rows. */
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of one or more statements without parameters (simple protocol). */
  exec(text: string): Promise<void>;
  /**
   * Runs `fn` in a transaction: COMMIT when it resolves, ROLLBACK when it throws.
   * Nested calls on the transaction's client use savepoints.
   */
  transaction<T>(fn: (sql: SqlClient) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` on one pinned session (connection), e.g. to hold a session-level
   * advisory lock across several transactions. On PGlite there is only one
   * session; this is `fn(this)`.
   */
  session<T>(fn: (sql: SqlClient) => Promise<T>): Promise<T>;
  /**
   * PostgreSQL only (absent on PGlite): runs `COPY … FROM STDIN` fed with
   * `data`, chunks of the text format; returns the rows copied. Inside a
   * transaction it runs on the transaction's connection.
   */
  copyFrom?(statement: string, data: Iterable<string | Buffer>): Promise<number>;
  /** PostgreSQL only: runs `COPY … TO STDOUT`, handing each chunk to `onChunk`; returns the rows copied. */
  copyTo?(statement: string, onChunk: (chunk: Buffer) => void): Promise<number>;
}

// PostgreSQL type OIDs whose parsing both backends override.
const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082, TIMESTAMPTZ: 1184, TIMESTAMP: 1114, JSON: 114, JSONB: 3802 } as const;

function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`bigint value ${value} does not fit a JavaScript number exactly; cast it to text in the SQL (::text)`);
  }
  return n;
}

/** Timestamps WITHOUT time zone are read as UTC, so both backends agree. */
function parseTimestamp(value: string): Date {
  return new Date(`${value.replace(' ', 'T')}Z`);
}

const scalarParsers = {
  [OID.INT8]: parseInt8,
  [OID.NUMERIC]: (v: string) => v,
  [OID.DATE]: (v: string) => v,
  [OID.TIMESTAMPTZ]: (v: string) => new Date(v),
  [OID.TIMESTAMP]: parseTimestamp,
  [OID.JSON]: (v: string) => JSON.parse(v) as unknown,
  [OID.JSONB]: (v: string) => JSON.parse(v) as unknown,
};

// node-postgres' text[] parser splits any array literal into strings (NULL -> null);
// it is pure JavaScript, so PGlite uses it too and arrays agree across backends.
const getParser = pg.types.getTypeParser as (oid: number, format: string) => (value: string) => unknown;
const parseTextArray = getParser(1009 /* text[] */, 'text') as (value: string) => (string | null)[];
const arrayOf = (element: (v: string) => unknown) => (value: string) => parseTextArray(value).map((e) => (e === null ? null : element(e)));

// Array type OIDs: int8[] 1016, numeric[] 1231, date[] 1182, timestamptz[] 1185, timestamp[] 1115, uuid[] 2951, text[] 1009.
const PARSERS: Record<number, (value: string) => unknown> = {
  ...scalarParsers,
  1016: arrayOf(parseInt8),
  1231: arrayOf((v) => v),
  1182: arrayOf((v) => v),
  1185: arrayOf((v) => new Date(v)),
  1115: arrayOf(parseTimestamp),
  2951: arrayOf((v) => v),
  1009: arrayOf((v) => v),
};

let savepointCounter = 0;
function nextSavepoint(): string {
  savepointCounter = (savepointCounter + 1) % 1_000_000;
  return `attrib_sp_${savepointCounter}`;
}

/** Runs fn inside a savepoint on a client that is already in a transaction. */
async function withSavepoint<T>(sql: SqlClient, fn: (sql: SqlClient) => Promise<T>): Promise<T> {
  const name = nextSavepoint();
  await sql.exec(`SAVEPOINT ${name}`);
  try {
    const result = await fn(sql);
    await sql.exec(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (err) {
    await sql.exec(`ROLLBACK TO SAVEPOINT ${name}`);
    throw err;
  }
}

// ---------------------------------------------------------------------------
// PGlite
// ---------------------------------------------------------------------------

type PGliteQueryable = Pick<PGlite, 'query' | 'exec'> | PGliteTransaction;

const pgliteQueryOptions = { parsers: PARSERS };

function pgliteQuerying(conn: PGliteQueryable) {
  return {
    async query<T>(text: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await conn.query<T>(text, params as unknown[], pgliteQueryOptions);
      return result.rows;
    },
    async exec(text: string): Promise<void> {
      await conn.exec(text, pgliteQueryOptions);
    },
  };
}

/** A SqlClient on an open PGlite instance. */
export function pgliteSqlClient(db: PGlite): SqlClient {
  const base = pgliteQuerying(db);
  const client: SqlClient = {
    ...base,
    transaction<T>(fn: (sql: SqlClient) => Promise<T>): Promise<T> {
      return db.transaction((tx) => fn(pgliteTransactionClient(tx)));
    },
    session<T>(fn: (sql: SqlClient) => Promise<T>): Promise<T> {
      return fn(client);
    },
  };
  return client;
}

function pgliteTransactionClient(tx: PGliteTransaction): SqlClient {
  const client: SqlClient = {
    ...pgliteQuerying(tx),
    transaction: (fn) => withSavepoint(client, fn),
    session: (fn) => fn(client),
  };
  return client;
}

// ---------------------------------------------------------------------------
// PostgreSQL (node-postgres)
// ---------------------------------------------------------------------------

const pgTypes = {
  getTypeParser: ((oid: number, format?: string) => {
    const custom = PARSERS[oid];
    if (custom && (format === undefined || format === 'text')) return custom;
    return getParser(oid, format ?? 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

type PgQueryable = pg.Pool | pg.PoolClient;

function pgQuerying(conn: PgQueryable) {
  return {
    async query<T>(text: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await conn.query({ text, values: params as unknown[], types: pgTypes });
      return result.rows as T[];
    },
    async exec(text: string): Promise<void> {
      // No values => simple query protocol, which accepts several statements.
      await conn.query({ text, types: pgTypes });
    },
  };
}

/** COPY over one connection (pg-copy-streams). */
function pgCopying(conn: pg.PoolClient) {
  return {
    async copyFrom(statement: string, data: Iterable<string | Buffer>): Promise<number> {
      const stream = conn.query(copyFromStdin(statement));
      await pipeline(Readable.from(data), stream);
      return stream.rowCount;
    },
    async copyTo(statement: string, onChunk: (chunk: Buffer) => void): Promise<number> {
      const stream = conn.query(copyToStdout(statement));
      for await (const chunk of stream) onChunk(chunk as Buffer);
      return stream.rowCount;
    },
  };
}

/** A SqlClient on a node-postgres pool (the same pool Prisma's adapter uses). */
export function postgresSqlClient(pool: pg.Pool): SqlClient {
  const withConnection = async <T>(fn: (conn: pg.PoolClient) => Promise<T>): Promise<T> => {
    const conn = await pool.connect();
    let broken: Error | undefined;
    try {
      return await fn(conn);
    } catch (err) {
      // A connection whose state is unknown (e.g. failed ROLLBACK) must not go back to the pool.
      if ((err as { attribBrokenConnection?: boolean }).attribBrokenConnection) broken = err as Error;
      throw err;
    } finally {
      conn.release(broken);
    }
  };
  const client: SqlClient = {
    ...pgQuerying(pool),
    transaction: (fn) => withConnection((conn) => pgTransaction(conn, fn)),
    session: (fn) => withConnection((conn) => fn(pgSessionClient(conn))),
    copyFrom: (statement, data) => withConnection((conn) => pgCopying(conn).copyFrom(statement, data)),
    copyTo: (statement, onChunk) => withConnection((conn) => pgCopying(conn).copyTo(statement, onChunk)),
  };
  return client;
}

/** A client pinned to one connection that is not (yet) in a transaction. */
function pgSessionClient(conn: pg.PoolClient): SqlClient {
  const client: SqlClient = {
    ...pgQuerying(conn),
    ...pgCopying(conn),
    transaction: (fn) => pgTransaction(conn, fn),
    session: (fn) => fn(client),
  };
  return client;
}

async function pgTransaction<T>(conn: pg.PoolClient, fn: (sql: SqlClient) => Promise<T>): Promise<T> {
  const tx: SqlClient = {
    ...pgQuerying(conn),
    ...pgCopying(conn),
    transaction: (inner) => withSavepoint(tx, inner),
    session: (inner) => inner(tx),
  };
  await conn.query('BEGIN');
  let result: T;
  try {
    result = await fn(tx);
  } catch (err) {
    try {
      await conn.query('ROLLBACK');
    } catch {
      // Keep the original error; make sure this connection is discarded.
      if (err !== null && typeof err === 'object') Object.assign(err, { attribBrokenConnection: true });
    }
    throw err;
  }
  await conn.query('COMMIT');
  return result;
}
