// Opens the database for a CLI command: --database-url if given, else
// DATABASE_URL, else the embedded database in ATTRIB_DATA_DIR; migrations are
// applied. Configuration and connection problems become CliErrors that say
// what to fix.
import { ConfigError, loadConfig } from '../config.js';
import { DatabaseOpenError, openDatabase, type Database } from '../db/client.js';
import { CliError } from './command.js';

export async function openCliDatabase(databaseUrl: string | undefined): Promise<Database> {
  if (databaseUrl !== undefined && databaseUrl.trim() === '') {
    throw new CliError('--database-url is empty; pass a PostgreSQL URL such as postgresql://user:password@localhost:5432/attrib, or leave the option out to use DATABASE_URL or the embedded database');
  }
  try {
    const config = loadConfig();
    return await openDatabase({ databaseUrl: databaseUrl ?? config.databaseUrl, dataDir: config.dataDir, migrate: true });
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DatabaseOpenError) throw new CliError(err.message);
    throw err;
  }
}
