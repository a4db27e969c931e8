// `attrib fx import|list`: the exchange rates reports convert deal amounts
// with (units of the reporting currency, ATTRIB_REPORTING_CURRENCY, per unit
// of a currency on a day).
import { existsSync, statSync } from 'node:fs';
import { formatIssue } from '../../import/issues.js';
import { importFxRateFile, FX_CSV_HEADER } from '../../fx/import-csv.js';
import { FxError, listFxRates, type FxRateFilter } from '../../fx/rates.js';
import type { SqlClient } from '../../db/client.js';
import { loadConfig } from '../../config.js';
import { renderTable } from '../../reports/table.js';
import { figureColumns, textColumns } from '../table.js';
import { parseArgs } from '../args.js';
import { CliError, type Command } from '../command.js';
import { openCliDatabase } from '../database.js';

const actor = () => process.env.ATTRIB_ACTOR ?? `cli:${process.env.USER ?? 'unknown'}`;

function reportingCurrency(): string {
  try {
    return loadConfig().reportingCurrency;
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

/** Imports one rates file on an open database and prints the outcome; 0 when imported, 1 when rejected. */
export async function runFxImport(sql: SqlClient, path: string, o: { dryRun?: boolean; json?: boolean }): Promise<number> {
  const summary = await importFxRateFile(sql, path, { actor: actor(), dryRun: o.dryRun, progress: !o.json });
  if (o.json) {
    console.log(JSON.stringify(summary, null, 2));
    return summary.status === 'imported' ? 0 : 1;
  }
  for (const issue of summary.issues) console.error(formatIssue(issue));
  if (summary.issuesOmitted > 0) console.error(`${summary.file}: … and ${summary.issuesOmitted} more problem(s) not shown`);
  if (summary.status !== 'imported') {
    console.error(
      `${summary.file} was rejected: nothing of it was written (${summary.rejected} of ${summary.rows} rows have problems). ` +
        'Fix the rows listed above (file:line:column) and run attrib fx import again.',
    );
    return 1;
  }
  const what = `${summary.rows} rates: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged`;
  console.log(o.dryRun ? `Dry run: ${summary.file} is valid (${what}); nothing was written.` : `Imported ${summary.file}: ${what}.`);
  return 0;
}

/** Prints the stored rates matching `filter` on an open database. */
export async function runFxList(sql: SqlClient, filter: FxRateFilter, o: { json?: boolean; reportingCurrency: string }): Promise<number> {
  let rates;
  try {
    rates = await listFxRates(sql, { ...filter, limit: 10_000 });
  } catch (err) {
    if (err instanceof FxError) throw new CliError(err.message);
    throw err;
  }
  if (o.json) {
    console.log(JSON.stringify(rates, null, 2));
    return 0;
  }
  if (rates.length === 0) {
    console.log(`no exchange rates${filter.currency ? ` for ${filter.currency}` : ''}; import some with attrib fx import FILE.csv`);
    return 0;
  }
  console.log(`Rates in ${o.reportingCurrency} (ATTRIB_REPORTING_CURRENCY) per unit of the currency.\n`);
  console.log(
    renderTable(
      [...textColumns('currency', 'date'), ...figureColumns(`rate (${o.reportingCurrency})`)],
      rates.map((r) => [r.currency, r.date, r.rate]),
    ),
  );
  return 0;
}

const command: Command = {
  name: 'fx',
  summary: 'Import and list the exchange rates reports convert amounts with',
  usage: [
    'attrib fx import FILE.csv [--dry-run] [--json] [--database-url URL]',
    'attrib fx list [--currency EUR] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json] [--database-url URL]',
    '',
    `  import     upserts the rates of FILE.csv, header exactly: ${FX_CSV_HEADER.join(',')}`,
    '             rate = units of the reporting currency (ATTRIB_REPORTING_CURRENCY, default USD) per unit of currency on date,',
    '             a positive plain decimal (at most 10 places); one rate per currency and day.',
    '             A file with any bad row is not written at all; re-importing the same file changes nothing.',
    '  list       the stored rates, by currency and day (at most 10,000)',
    '',
    'Exit code 0 when the file was imported, 1 when it was rejected.',
  ].join('\n'),
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { boolean: ['dry-run', 'json'], string: ['currency', 'from', 'to', 'database-url'] });
    const [sub, ...rest] = positionals;
    const databaseUrl = flags['database-url'] as string | undefined;
    switch (sub) {
      case 'import': {
        if (rest.length !== 1)
          throw new CliError(
            rest.length === 0
              ? `which file? Usage: attrib fx import FILE.csv (header ${FX_CSV_HEADER.join(',')})`
              : `expected one file, got ${rest.length}: ${rest.join(' ')}`,
          );
        const path = rest[0]!;
        if (!existsSync(path) || !statSync(path).isFile())
          throw new CliError(`${path} is not a file; give the path of a CSV file with the header ${FX_CSV_HEADER.join(',')}`);
        const db = await openCliDatabase(databaseUrl);
        try {
          return await runFxImport(db.sql, path, { dryRun: Boolean(flags['dry-run']), json: Boolean(flags.json) });
        } finally {
          await db.close();
        }
      }
      case 'list': {
        if (rest.length) throw new CliError(`unexpected argument "${rest[0]}"; attrib fx list takes only options`);
        const filter = {
          currency: flags.currency as string | undefined,
          from: flags.from as string | undefined,
          to: flags.to as string | undefined,
        };
        const reporting = reportingCurrency();
        const db = await openCliDatabase(databaseUrl);
        try {
          return await runFxList(db.sql, filter, { json: Boolean(flags.json), reportingCurrency: reporting });
        } finally {
          await db.close();
        }
      }
      default:
        throw new CliError(
          sub === undefined
            ? 'which action? attrib fx import FILE.csv | attrib fx list'
            : `unknown action "${sub}"; use attrib fx import FILE.csv or attrib fx list`,
        );
    }
  },
};

export default command;
