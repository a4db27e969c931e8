// `attrib migrate` — applies pending database migrations (or shows their state).
import { loadCliConfig } from '../config.js';
import { DatabaseOpenError, openDatabase } from '../../db/client.js';
import { MigrationError, migrate, migrationStatus, type MigrationStatusEntry } from '../../db/migrator.js';
import { parseArgs } from '../args.js';
import { CliError, type Command } from '../command.js';

const STATE_TEXT: Record<MigrationStatusEntry['state'], string> = {
  applied: 'applied',
  pending: 'pending',
  changed: 'CHANGED after it was applied',
  missing: 'MISSING on disk (applied in the database)',
  failed: 'FAILED (started, never finished)',
};

const command: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations (embedded database, or PostgreSQL with DATABASE_URL)',
  usage: [
    'attrib migrate [--database-url URL] [--data-dir DIR] [--migrations-dir DIR] [--status]',
    '',
    '  --database-url URL    PostgreSQL to migrate (default: $DATABASE_URL; without it the embedded',
    '                        database in $ATTRIB_DATA_DIR, default ./data)',
    '  --data-dir DIR        embedded database directory (overrides $ATTRIB_DATA_DIR)',
    '  --migrations-dir DIR  migrations to apply (default prisma/migrations)',
    "  --status              only report each migration's state; exit 1 if any is pending or inconsistent",
  ].join('\n'),

  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { boolean: ['status'], string: ['database-url', 'data-dir', 'migrations-dir'] });
    if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}". Usage: ${command.usage.split('\n')[0]}`);

    const config = loadCliConfig();
    const databaseUrl = typeof flags['database-url'] === 'string' ? flags['database-url'] : config.databaseUrl;
    if (databaseUrl !== undefined && !/^postgres(?:ql)?:\/\//.test(databaseUrl)) {
      throw new CliError(`--database-url must be a postgresql:// URL, got "${databaseUrl}".`);
    }
    const dataDir = typeof flags['data-dir'] === 'string' ? flags['data-dir'] : config.dataDir;
    const migrationsDir = typeof flags['migrations-dir'] === 'string' ? flags['migrations-dir'] : undefined;

    let db;
    try {
      db = await openDatabase(databaseUrl ? { databaseUrl, poolSize: 2 } : { dataDir });
    } catch (err) {
      if (err instanceof DatabaseOpenError) throw new CliError(err.message, 1);
      throw err;
    }
    try {
      console.error(`Database: ${db.kind} (${db.location})`);
      if (flags.status) {
        const entries = await migrationStatus(db.sql, migrationsDir ? { migrationsDir } : {});
        for (const e of entries) {
          const when = e.appliedAt ? `  ${e.appliedAt.toISOString()}` : '';
          console.log(`${e.name}  ${STATE_TEXT[e.state]}${when}`);
        }
        const pending = entries.filter((e) => e.state === 'pending').length;
        const bad = entries.filter((e) => e.state !== 'applied' && e.state !== 'pending').length;
        if (bad > 0) {
          console.log(`${bad} migration(s) are inconsistent; \`attrib migrate\` will refuse to run until fixed.`);
          return 1;
        }
        console.log(pending > 0 ? `${pending} pending migration(s). Run \`npm run db:migrate\` to apply them.` : 'Database is up to date.');
        return pending > 0 ? 1 : 0;
      }
      const result = await migrate(db.sql, { ...(migrationsDir ? { migrationsDir } : {}), log: (line) => console.error(line) });
      console.log(
        result.applied.length > 0
          ? `Applied ${result.applied.length} migration(s); ${result.alreadyApplied.length} were already applied.`
          : `Nothing to apply; all ${result.alreadyApplied.length} migrations are applied.`,
      );
      return 0;
    } catch (err) {
      if (err instanceof MigrationError) throw new CliError(err.message, 1);
      throw err;
    } finally {
      await db.close();
    }
  },
};

export default command;
