// Opens the database for a CLI command: --database-url if given, else
// DATABASE_URL, else the embedded database in ATTRIB_DATA_DIR; migrations are
// applied. Configuration and connection problems become CliErrors that say
// what to fix.
import { DatabaseOpenError, openDatabase, type Database } from '../db/client.js';
import { RulesError } from '../rules/errors.js';
import { CliError } from './command.js';
import { loadCliConfig } from './config.js';

export async function openCliDatabase(databaseUrl: string | undefined): Promise<Database> {
  if (databaseUrl !== undefined && databaseUrl.trim() === '') {
    throw new CliError(
      '--database-url is empty; pass a PostgreSQL URL such as postgresql://user:password@localhost:5432/attrib, or leave the option out to use DATABASE_URL or the embedded database',
    );
  }
  const config = loadCliConfig();
  try {
    return await openDatabase({ databaseUrl: databaseUrl ?? config.databaseUrl, dataDir: config.dataDir, migrate: true });
  } catch (err) {
    if (err instanceof DatabaseOpenError) throw new CliError(err.message);
    throw err;
  }
}

/** Turns engine/lifecycle errors (which carry an UPPER_CASE code) into CLI errors that say what to do. */
export function asCliError(err: unknown): unknown {
  if (err instanceof RulesError) return new CliError(`${err.message} [${err.code}]`, 1);
  if (
    err instanceof Error &&
    'code' in err &&
    typeof (err as { code: unknown }).code === 'string' &&
    /^[A-Z_]+$/.test((err as { code: string }).code)
  ) {
    return new CliError(`${err.message} [${(err as { code: string }).code}]`, 1);
  }
  return err;
}

/**
 * Opens the database (`--database-url` when given as a string), runs `work`,
 * turns engine errors into CLI errors, and always closes the database.
 */
export async function withCliDatabase<T>(databaseUrlFlag: unknown, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openCliDatabase(typeof databaseUrlFlag === 'string' ? databaseUrlFlag : undefined);
  try {
    return await work(db);
  } catch (err) {
    throw asCliError(err);
  } finally {
    await db.close();
  }
}
