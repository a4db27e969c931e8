// `attrib hygiene`: the weekly revenue-hygiene review — what to fix this week,
// with the week-over-week trend.
import { ReportError } from '../../reports/errors.js';
import type { ReportDb } from '../../reports/db.js';
import { DEFAULT_REPORT_SETTINGS, type ReportSettings } from '../../reports/settings.js';
import { cliReportSettings } from './scorecard.js';
import { computeHygiene, type HygieneInput, type HygieneReport } from '../../reports/hygiene.js';
import { parseDate } from '../../reports/periods.js';
import { renderTable } from '../../reports/table.js';
import { parseArgs } from '../args.js';
import { CliError, type Command } from '../command.js';
import { openCliDatabase } from '../database.js';

function wholeNumber(flag: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new CliError(`--${flag} must be a whole number, got "${String(value)}"`);
  return Number(value);
}

export function renderHygieneTable(report: HygieneReport): string {
  const out: string[] = [
    `Revenue hygiene as of ${report.asOf} (week ${report.week.key}; previous week ${report.previousWeek.key}). `
      + `Inactive after ${report.inactiveDays} days; duplicates within ${report.duplicateDays} days.`,
    '',
    renderTable(
      [{ header: 'check' }, { header: 'now', align: 'right' }, { header: 'last week', align: 'right' }, { header: 'Δ', align: 'right' }],
      [
        ...report.checks.map((c) => [c.title, c.count, c.previousCount, c.delta > 0 ? `+${c.delta}` : String(c.delta)]),
        ['Total', report.totals.count, report.totals.previousCount, report.totals.delta > 0 ? `+${report.totals.delta}` : String(report.totals.delta)],
      ],
    ),
  ];
  for (const c of report.checks) {
    if (c.count === 0) continue;
    out.push('', `${c.title} (${c.count}) — ${c.action}`);
    out.push(renderTable(
      [{ header: 'record' }, { header: 'opportunity' }, { header: 'partner' }, { header: 'when' }, { header: 'detail' }],
      c.items.map((i) => [
        `${i.entityType} ${i.entityId}`, i.opportunityKey, i.partnerKey, i.at ? i.at.toISOString().slice(0, 10) : null, i.detail,
      ]),
    ));
    if (c.truncated) out.push(`… ${c.count - c.items.length} more; raise --limit to list them.`);
  }
  return out.join('\n');
}

export interface HygieneCliOptions {
  input: HygieneInput;
  format: 'table' | 'json';
  databaseUrl: string | undefined;
}

/** Checks the options before any database is opened. */
export function parseHygieneArgs(argv: string[], today = new Date(), settings: ReportSettings = DEFAULT_REPORT_SETTINGS): HygieneCliOptions {
  const { flags, positionals } = parseArgs(argv, {
    string: ['as-of', 'format', 'inactive-days', 'duplicate-days', 'ruleset', 'limit', 'database-url'],
  });
  if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}". Run attrib hygiene --help for the options.`);
  const format = flags.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw new CliError(`--format must be table or json, got "${String(format)}"`);
  let asOf = today;
  if (flags['as-of'] !== undefined) {
    try { asOf = parseDate(String(flags['as-of'])); } catch { throw new CliError(`--as-of "${String(flags['as-of'])}" is not a date; use YYYY-MM-DD`); }
  }
  return {
    input: {
      asOf,
      inactiveDays: wholeNumber('inactive-days', flags['inactive-days']),
      duplicateDays: wholeNumber('duplicate-days', flags['duplicate-days']),
      ruleSetKey: flags.ruleset as string | undefined,
      limit: wholeNumber('limit', flags.limit),
      reportingCurrency: settings.reportingCurrency,
    },
    format,
    databaseUrl: flags['database-url'] as string | undefined,
  };
}

/** Computes and prints the hygiene report on an open database. */
export async function runHygiene(db: ReportDb, o: HygieneCliOptions): Promise<number> {
  try {
    const report = await computeHygiene(db, o.input);
    console.log(o.format === 'json' ? JSON.stringify(report, null, 2) : renderHygieneTable(report));
    return 0;
  } catch (err) {
    if (err instanceof ReportError) throw new CliError(`${err.code}: ${err.message}`, 1);
    throw err;
  }
}

const command: Command = {
  name: 'hygiene',
  summary: 'Weekly revenue-hygiene review: missing proof, inactive partners, disputes, duplicates, … with the weekly trend',
  usage: [
    'attrib hygiene [--as-of YYYY-MM-DD] [--format table|json] [--inactive-days N] [--duplicate-days N] [--ruleset KEY] [--limit N] [--database-url URL]',
    '',
    '  --as-of D            the review date (default today, UTC); data is read as of the end of that day',
    '  --inactive-days N    days without action before an attached partner counts as inactive (default 60)',
    '  --duplicate-days N   same partner/opportunity/action within N days looks duplicated (default 3)',
    '  --ruleset KEY        only this rule set\'s allocations for allocation-based checks',
    '  --limit N            records listed per check (default 100; counts are always exact)',
  ].join('\n'),
  async run(argv) {
    const options = parseHygieneArgs(argv, new Date(), cliReportSettings());
    const db = await openCliDatabase(options.databaseUrl);
    try {
      return await runHygiene(db, options);
    } finally {
      await db.close();
    }
  },
};

export default command;
