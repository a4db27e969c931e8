import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadJobSettings, redactDatabaseUrl } from '../../src/config.js';

function errorOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 4000,
      dataDir: resolve('./data'),
      databaseUrl: undefined,
      nodeEnv: 'development',
      logLevel: undefined,
      ingestConcurrency: undefined,
      limits: { maxDepth: undefined, maxInputDepth: undefined, maxStringLength: undefined },
      reportingCurrency: 'USD',
      fiscalYearStart: 1,
      runExecution: 'in-process',
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      ATTRIB_DATA_DIR: '/var/lib/attrib',
      DATABASE_URL: 'postgresql://app:secret@db.internal:5432/attrib',
      NODE_ENV: 'production',
      ATTRIB_LOG_LEVEL: 'debug',
      ATTRIB_INGEST_CONCURRENCY: '6',
      ATTRIB_MAX_QUERY_DEPTH: '10',
      ATTRIB_MAX_INPUT_DEPTH: '40',
      ATTRIB_MAX_STRING_LENGTH: '20000',
      ATTRIB_REPORTING_CURRENCY: 'EUR',
      ATTRIB_FISCAL_YEAR_START: '2',
      ATTRIB_RUN_EXECUTION: 'jobs',
    });
    expect(config).toEqual({
      port: 8080,
      dataDir: '/var/lib/attrib',
      databaseUrl: 'postgresql://app:secret@db.internal:5432/attrib',
      nodeEnv: 'production',
      logLevel: 'debug',
      ingestConcurrency: 6,
      limits: { maxDepth: 10, maxInputDepth: 40, maxStringLength: 20_000 },
      reportingCurrency: 'EUR',
      fiscalYearStart: 2,
      runExecution: 'jobs',
    });
  });

  it('reads the job engine settings, with their defaults, and refuses a bad one naming it', () => {
    expect(loadJobSettings({})).toEqual({ expireInSeconds: 300, retryLimit: 3, maintenanceIntervalSeconds: 30 });
    expect(loadJobSettings({ ATTRIB_JOB_EXPIRE_SECONDS: '4', ATTRIB_JOB_RETRY_LIMIT: '0', ATTRIB_JOB_MAINTENANCE_SECONDS: '1' })).toEqual({
      expireInSeconds: 4,
      retryLimit: 0,
      maintenanceIntervalSeconds: 1,
    });
    expect(() => loadJobSettings({ ATTRIB_JOB_EXPIRE_SECONDS: '0' })).toThrow(/ATTRIB_JOB_EXPIRE_SECONDS="0" is invalid/);
  });

  it('refuses an unknown run execution, naming the choices', () => {
    expect(errorOf({ ATTRIB_RUN_EXECUTION: 'threads' }).message).toMatch(
      /ATTRIB_RUN_EXECUTION="threads" is invalid: expected in-process .* or jobs/,
    );
  });

  it('accepts the postgres:// scheme and treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/attrib' }).databaseUrl).toBe('postgres://localhost/attrib');
    expect(loadConfig({ PORT: '', DATABASE_URL: '  ' })).toMatchObject({ port: 4000, databaseUrl: undefined });
  });

  it.each([
    ['PORT', 'abc', /PORT="abc" is invalid: expected an integer port number between 1 and 65535/],
    ['PORT', '70000', /PORT="70000" is invalid/],
    ['PORT', '0', /PORT="0" is invalid/],
    ['PORT', '80.5', /PORT="80.5" is invalid/],
    [
      'DATABASE_URL',
      'mysql://localhost/attrib',
      /DATABASE_URL="mysql:\/\/localhost\/attrib" is invalid: expected a PostgreSQL connection URL/,
    ],
    ['DATABASE_URL', 'postgresql://', /DATABASE_URL="postgresql:\/\/" is invalid/],
    ['NODE_ENV', 'staging', /NODE_ENV="staging" is invalid: expected one of development, test, production/],
    ['ATTRIB_INGEST_CONCURRENCY', '0', /ATTRIB_INGEST_CONCURRENCY="0" is invalid: expected an integer from 1 to 256/],
    ['ATTRIB_INGEST_CONCURRENCY', 'many', /ATTRIB_INGEST_CONCURRENCY="many" is invalid/],
    ['ATTRIB_MAX_INPUT_DEPTH', '1000', /ATTRIB_MAX_INPUT_DEPTH="1000" is invalid: expected an integer from 4 to 256/],
    ['ATTRIB_MAX_STRING_LENGTH', '10', /ATTRIB_MAX_STRING_LENGTH="10" is invalid/],
    [
      'ATTRIB_LOG_LEVEL',
      'verbose',
      /ATTRIB_LOG_LEVEL="verbose" is invalid: expected one of fatal, error, warn, info, debug, trace, silent/,
    ],
  ])('rejects %s=%s naming the variable, the value and what is expected', (variable, value, message) => {
    const err = errorOf({ [variable]: value });
    expect(err.variable).toBe(variable);
    expect(err.value).toBe(value);
    expect(err.message).toMatch(message);
    expect(err.message).toContain(`Fix or unset ${variable}`);
  });

  it('defaults to process.env', () => {
    const saved = process.env.PORT;
    process.env.PORT = '4321';
    try {
      expect(loadConfig().port).toBe(4321);
    } finally {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    }
  });
});

describe('redactDatabaseUrl', () => {
  it('hides the password and keeps the rest', () => {
    expect(redactDatabaseUrl('postgresql://app:s3cret@db:5432/attrib')).toBe('postgresql://app:***@db:5432/attrib');
    expect(redactDatabaseUrl('postgresql://db/attrib')).toBe('postgresql://db/attrib');
  });

  it('refuses a reporting currency that is not an ISO 4217 code and a fiscal start that is not a month', () => {
    for (const value of ['usd', 'US', 'USDX', '€']) {
      const err = errorOf({ ATTRIB_REPORTING_CURRENCY: value });
      expect(err.variable).toBe('ATTRIB_REPORTING_CURRENCY');
      expect(err.message).toContain('ISO 4217');
    }
    for (const value of ['0', '13', '1.5', 'feb', '-2']) {
      const err = errorOf({ ATTRIB_FISCAL_YEAR_START: value });
      expect(err.variable).toBe('ATTRIB_FISCAL_YEAR_START');
      expect(err.message).toContain('1 to 12');
    }
    expect(loadConfig({ ATTRIB_FISCAL_YEAR_START: '12', ATTRIB_REPORTING_CURRENCY: 'GBP' })).toMatchObject({
      fiscalYearStart: 12,
      reportingCurrency: 'GBP',
    });
  });
});
