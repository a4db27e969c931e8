// `attrib export allocations --ruleset KEY --format csv`: the current results
// of a rule set, one row per allocation, for finance and BI.
import { exportAllocationsCsv } from '../../engine/export.js';
import { parseArgs } from '../args.js';
import { CliError, type Command } from '../command.js';
import { withCliDatabase } from '../database.js';

const command: Command = {
  name: 'export',
  summary: 'Export the current credit allocations of a rule set as CSV',
  usage: [
    'attrib export allocations --ruleset KEY [--format csv] [--database-url URL]',
    '',
    'Prints opportunity,partner,lane,role,share,amount,rule_version,source_hash — keys, not ids —',
    'ordered by opportunity, lane, partner, role. partner is empty for credit that names no partner.',
  ].join('\n'),
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { string: ['ruleset', 'format', 'database-url'] });
    if (positionals[0] !== 'allocations' || positionals.length !== 1) {
      throw new CliError('what to export? Only `attrib export allocations --ruleset KEY --format csv` exists');
    }
    const ruleSet = flags.ruleset;
    if (typeof ruleSet !== 'string') throw new CliError('--ruleset KEY is required, e.g. --ruleset two_lane');
    const format = flags.format ?? 'csv';
    if (format !== 'csv') throw new CliError(`--format ${String(format)} is not supported; use --format csv`);
    return withCliDatabase(flags['database-url'], async (db) => {
      await exportAllocationsCsv(
        db.sql,
        ruleSet,
        (chunk) =>
          new Promise<void>((resolve, reject) => {
            process.stdout.write(chunk, (err) => (err ? reject(err) : resolve()));
          }),
      );
      return 0;
    });
  },
};

export default command;
