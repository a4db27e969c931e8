// `attrib import DIR`: load partners, accounts, opportunities and touchpoints from CSV files.
import { DatabaseOpenError } from '../../db/client.js';
import { ImportInputError, IMPORT_FILES, importDirectory } from '../../import/import-directory.js';
import { loadMapping, MappingError } from '../../import/mapping/schema.js';
import { formatImportSummary } from '../../import/report.js';
import { parseArgs } from '../args.js';
import { CliError, type Command } from '../command.js';
import { openCliDatabase } from '../database.js';

const command: Command = {
  name: 'import',
  summary: 'Import partners, accounts, opportunities and touchpoints from CSV files',
  usage: [
    'attrib import DIR [--mapping FILE] [--database-url URL] [--dry-run] [--json]',
    '',
    `  DIR                  directory holding any of ${IMPORT_FILES.join(', ')} (imported in that order)`,
    "  --mapping FILE       read CRM exports as they are: a .json or .yaml mapping names each entity's file,",
    '                       its headers, labels, date and number formats (examples/mappings/; check it',
    '                       first with `attrib mapping check FILE DIR`). Entities it leaves out are read as below.',
    '  --database-url URL   PostgreSQL URL (default: DATABASE_URL, else the embedded database in ATTRIB_DATA_DIR)',
    '  --dry-run            validate everything and report what would change; write nothing',
    '  --json               print the summary as JSON',
    '',
    'Headers without a mapping (exactly):',
    '  partners.csv       key,name,type,tier',
    '  accounts.csv       key,name,domain',
    '  opportunities.csv  key,account,name,type,amount,currency,stage,created_at,closed_at',
    '  touchpoints.csv    external_id,source,opportunity,partner,action,channel,occurred_at,proof,owner,next_step,engagement_depth',
    '',
    'A file with any bad row is not written at all. Exit code 0 when everything was imported, 1 when a file was rejected.',
  ].join('\n'),
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { boolean: ['dry-run', 'json'], string: ['database-url', 'mapping'] });
    if (positionals.length !== 1) {
      throw new CliError(
        positionals.length === 0
          ? `which directory? Usage: attrib import DIR (DIR holds ${IMPORT_FILES.join(', ')})`
          : `expected one directory, got ${positionals.length}: ${positionals.join(' ')}`,
      );
    }
    let mapping;
    try {
      mapping = typeof flags.mapping === 'string' ? await loadMapping(flags.mapping) : undefined;
    } catch (err) {
      if (err instanceof MappingError) throw new CliError(`the mapping cannot be used; nothing was imported:\n${err.message}`);
      throw err;
    }
    const db = await openCliDatabase(flags['database-url'] as string | undefined);
    try {
      const summary = await importDirectory(db, positionals[0]!, {
        dryRun: Boolean(flags['dry-run']),
        progress: !flags.json,
        actor: 'cli:import',
        mapping,
      });
      console.log(flags.json ? JSON.stringify(summary, null, 2) : formatImportSummary(summary));
      return summary.ok ? 0 : 1;
    } catch (err) {
      if (err instanceof ImportInputError || err instanceof DatabaseOpenError) throw new CliError(err.message);
      throw err;
    } finally {
      await db.close();
    }
  },
};

export default command;
