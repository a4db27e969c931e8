// Process configuration, read once from the environment and validated with zod.
// A bad value stops start-up with a ConfigError that names the variable, the
// value it had and what is expected — never a half-configured server.
import { resolve } from 'node:path';
import { z } from 'zod';

type NodeEnv = 'development' | 'test' | 'production';
type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  /** HTTP port of the GraphQL server (PORT, default 4000). */
  port: number;
  /** Absolute directory where the embedded PGlite database lives (ATTRIB_DATA_DIR, default ./data). */
  dataDir: string;
  /** PostgreSQL connection string (DATABASE_URL). When absent the embedded database is used. */
  databaseUrl: string | undefined;
  nodeEnv: NodeEnv;
  /** ATTRIB_LOG_LEVEL; undefined means "the component's default". */
  logLevel: LogLevel | undefined;
  /** ATTRIB_INGEST_CONCURRENCY: ingestion batches writing at once; undefined means the machine's core count. */
  ingestConcurrency: number | undefined;
  /** Request limits of the GraphQL API (src/graphql/input-limits.ts); undefined keeps the default. */
  limits: {
    /** ATTRIB_MAX_QUERY_DEPTH: nested field levels in a query (default 12). */
    maxDepth: number | undefined;
    /** ATTRIB_MAX_INPUT_DEPTH: objects/lists a value may nest, JSON metadata included (default 32). */
    maxInputDepth: number | undefined;
    /** ATTRIB_MAX_STRING_LENGTH: characters in an input string without a field-specific limit (default 10,000). */
    maxStringLength: number | undefined;
  };
  /** ATTRIB_REPORTING_CURRENCY: the ISO 4217 currency reports convert amounts to (default USD). */
  reportingCurrency: string;
  /** ATTRIB_FISCAL_YEAR_START: the month (1–12) the fiscal year starts in (default 1, January). */
  fiscalYearStart: number;
  /** ATTRIB_RUN_EXECUTION: how the server executes runs — in-process (default) or jobs (PostgreSQL: partition jobs for `attrib worker`s). */
  runExecution: 'in-process' | 'jobs';
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly value: string | undefined,
    readonly expected: string,
  ) {
    super(
      `${variable}=${value === undefined ? '(unset)' : JSON.stringify(value)} is invalid: expected ${expected}. ` +
        `Fix or unset ${variable} in the environment and start again.`,
    );
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'test', 'production'] as const;

/** Each variable with its schema and the human description used in errors. */
const VARIABLES = {
  PORT: {
    expected: 'an integer port number between 1 and 65535 (default 4000)',
    schema: z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(65535)).default(4000),
  },
  ATTRIB_DATA_DIR: {
    expected: 'a directory path for the embedded database (default ./data)',
    schema: z.string().trim().min(1).default('./data'),
  },
  DATABASE_URL: {
    expected: 'a PostgreSQL connection URL such as postgresql://user:password@host:5432/dbname, or unset to use the embedded database',
    schema: z
      .string()
      .trim()
      .refine((s) => {
        if (!/^postgres(?:ql)?:\/\//.test(s)) return false;
        try {
          const url = new URL(s);
          return url.hostname.length > 0 || url.searchParams.has('host');
        } catch {
          return false;
        }
      })
      .optional(),
  },
  NODE_ENV: {
    expected: `one of ${NODE_ENVS.join(', ')} (default development)`,
    schema: z.enum(NODE_ENVS).default('development'),
  },
  ATTRIB_LOG_LEVEL: {
    expected: `one of ${LOG_LEVELS.join(', ')}`,
    schema: z.enum(LOG_LEVELS).optional(),
  },
  ATTRIB_INGEST_CONCURRENCY: {
    expected: 'an integer from 1 to 256: ingestion batches writing to the database at once (default: the number of cores)',
    schema: z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(256)).optional(),
  },
  ATTRIB_MAX_QUERY_DEPTH: {
    expected: 'an integer from 2 to 64: nested field levels a query may select (default 12)',
    schema: z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(2).max(64)).optional(),
  },
  ATTRIB_MAX_INPUT_DEPTH: {
    expected: 'an integer from 4 to 256: objects/lists an input value may nest, JSON metadata included (default 32)',
    schema: z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(4).max(256)).optional(),
  },
  ATTRIB_MAX_STRING_LENGTH: {
    expected: 'an integer from 256 to 1000000: characters in an input string without a field-specific limit (default 10000)',
    schema: z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(256).max(1_000_000)).optional(),
  },
  ATTRIB_REPORTING_CURRENCY: {
    expected: 'a 3-letter upper-case ISO 4217 currency code such as USD or EUR: the currency reports convert amounts to (default USD)',
    schema: z
      .string()
      .trim()
      .regex(/^[A-Z]{3}$/)
      .default('USD'),
  },
  ATTRIB_FISCAL_YEAR_START: {
    expected:
      'a month number from 1 to 12: the month the fiscal year starts in (default 1, January; 2 = February, and Feb 2026–Jan 2027 is FY2027)',
    schema: z
      .string()
      .trim()
      .regex(/^\d{1,2}$/)
      .transform(Number)
      .pipe(z.number().int().min(1).max(12))
      .default(1),
  },
  ATTRIB_RUN_EXECUTION: {
    expected:
      'in-process (the server runs every partition of a run itself) or jobs (PostgreSQL: partitions are jobs that the server and every `attrib worker` take; default in-process)',
    schema: z.enum(['in-process', 'jobs']).default('in-process'),
  },
  ATTRIB_JOB_EXPIRE_SECONDS: {
    expected: 'a whole number of seconds from 1 to 86400: a partition job held this long is retried by another worker (default 300)',
    schema: z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(86_400)).default(300),
  },
  ATTRIB_JOB_RETRY_LIMIT: {
    expected: 'a whole number from 0 to 100: retries of a failing or expired partition job (default 3)',
    schema: z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(0).max(100)).default(3),
  },
  ATTRIB_JOB_MAINTENANCE_SECONDS: {
    expected: 'a whole number of seconds from 1 to 3600: how often the job engine looks for expired jobs (default 30)',
    schema: z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(3_600)).default(30),
  },
} as const;

type VariableName = keyof typeof VARIABLES;

function read<K extends VariableName>(env: NodeJS.ProcessEnv, name: K): z.output<(typeof VARIABLES)[K]['schema']> {
  const raw = env[name];
  // An empty variable (`PORT=`) means "not set", as in most shells' tooling.
  const value = raw === undefined || raw.trim() === '' ? undefined : raw;
  const result = VARIABLES[name].schema.safeParse(value);
  if (!result.success) throw new ConfigError(name, raw, VARIABLES[name].expected);
  return result.data as z.output<(typeof VARIABLES)[K]['schema']>;
}

/** Reads and validates the configuration. Throws ConfigError on the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: read(env, 'PORT'),
    dataDir: resolve(read(env, 'ATTRIB_DATA_DIR')),
    databaseUrl: read(env, 'DATABASE_URL'),
    nodeEnv: read(env, 'NODE_ENV'),
    logLevel: read(env, 'ATTRIB_LOG_LEVEL'),
    ingestConcurrency: read(env, 'ATTRIB_INGEST_CONCURRENCY'),
    limits: {
      maxDepth: read(env, 'ATTRIB_MAX_QUERY_DEPTH'),
      maxInputDepth: read(env, 'ATTRIB_MAX_INPUT_DEPTH'),
      maxStringLength: read(env, 'ATTRIB_MAX_STRING_LENGTH'),
    },
    reportingCurrency: read(env, 'ATTRIB_REPORTING_CURRENCY'),
    fiscalYearStart: read(env, 'ATTRIB_FISCAL_YEAR_START'),
    runExecution: read(env, 'ATTRIB_RUN_EXECUTION'),
  };
}

/** The job engine's settings (runs executed as jobs, src/jobs/queue.ts). Throws ConfigError on a bad variable. */
export function loadJobSettings(env: NodeJS.ProcessEnv = process.env): {
  expireInSeconds: number;
  retryLimit: number;
  maintenanceIntervalSeconds: number;
} {
  return {
    expireInSeconds: read(env, 'ATTRIB_JOB_EXPIRE_SECONDS'),
    retryLimit: read(env, 'ATTRIB_JOB_RETRY_LIMIT'),
    maintenanceIntervalSeconds: read(env, 'ATTRIB_JOB_MAINTENANCE_SECONDS'),
  };
}

/** Masks the password of a database URL for logs and error messages. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}
