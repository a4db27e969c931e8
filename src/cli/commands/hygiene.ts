// `attrib hygiene`: the weekly revenue-hygiene review — what to fix this week,
// with the week-over-week trend.
import { ReportError } from '../../reports/errors.js';
import type { ReportDb } from '../../reports/db.js';
import type { SqlClient } from '../../engine/db.js';
import { DEFAULT_REPORT_SETTINGS, type ReportSettings } from '../../reports/settings.js';
import { cliReportSettings } from './scorecard.js';
import {
  computeHygiene,
  DEFAULT_DISAGREEMENTS,
  type HygieneDisagreements,
  type HygieneInput,
  type HygieneReport,
} from '../../reports/hygiene/index.js';
import { SPOTLIGHT_MODELS, SPOTLIGHT_UNITS, type SpotlightModel, type SpotlightUnit } from '../../reports/spotlight.js';
import { parseDate } from '../../reports/periods.js';
import { renderTable } from '../../reports/table.js';
import { figureColumns, textColumns } from '../table.js';
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
    `Revenue hygiene as of ${report.asOf} (week ${report.week.key}; previous week ${report.previousWeek.key}). ` +
      `Inactive after ${report.inactiveDays} days; duplicates within ${report.duplicateDays} days.`,
    '',
    renderTable(
      [...textColumns('check'), ...figureColumns('now', 'last week', 'Δ')],
      [
        ...report.checks.map((c) => [c.title, c.count, c.previousCount, c.delta > 0 ? `+${c.delta}` : String(c.delta)]),
        [
          'Total',
          report.totals.count,
          report.totals.previousCount,
          report.totals.delta > 0 ? `+${report.totals.delta}` : String(report.totals.delta),
        ],
      ],
    ),
  ];
  for (const c of report.checks) {
    if (c.count === 0) continue;
    out.push('', `${c.title} (${c.count}) — ${c.action}`);
    out.push(
      renderTable(
        textColumns('record', 'opportunity', 'partner', 'when', 'detail'),
        c.items.map((i) => [
          `${i.entityType} ${i.entityId}`,
          i.opportunityKey,
          i.partnerKey,
          i.at ? i.at.toISOString().slice(0, 10) : null,
          i.detail,
        ]),
      ),
    );
    if (c.truncated) out.push(`… ${c.count - c.items.length} more; raise --limit to list them.`);
  }
  out.push('', renderDisagreements(report.disagreements));
  return out.join('\n');
}

/** The spotlight-disagreements section: one row per deal, then its units' splits. */
export function renderDisagreements(d: HygieneDisagreements): string {
  const head = `${d.title}${d.ruleSetKey ? ` — rule set ${d.ruleSetKey}, ${d.model} by ${d.by.replace('_', ' ')}, ${d.lane} lane, ${d.currency} deals closed by ${d.closedBy}` : ''}`;
  if (d.deals.length === 0) return `${head}\n${d.reason ?? ''}`;
  const rows: Array<Array<string | number | null>> = [];
  for (const deal of d.deals) {
    rows.push([deal.opportunityKey, deal.opportunityId, deal.credit, deal.disagreement, '', '', '']);
    for (const u of deal.units) rows.push(['', '', '', '', u.unit, `${u.ruleCredit} / ${u.modelCredit}`, u.difference]);
  }
  return [
    `${head} (${d.sample.conversions} won of ${d.sample.journeys} closed deals with touches) — ${d.action}`,
    renderTable(
      [
        ...textColumns('opportunity', 'id'),
        ...figureColumns('credit', 'gap'),
        ...textColumns(d.by),
        ...figureColumns('rules / model', 'rules − model'),
      ],
      rows,
    ),
  ].join('\n');
}

export interface HygieneCliOptions {
  input: HygieneInput;
  format: 'table' | 'json';
  databaseUrl: string | undefined;
}

/** Checks the options before any database is opened. */
export function parseHygieneArgs(
  argv: string[],
  today = new Date(),
  settings: ReportSettings = DEFAULT_REPORT_SETTINGS,
): HygieneCliOptions {
  const { flags, positionals } = parseArgs(argv, {
    string: [
      'as-of',
      'format',
      'inactive-days',
      'duplicate-days',
      'ruleset',
      'limit',
      'disagreements',
      'disagreement-model',
      'disagreement-order',
      'disagreement-by',
      'database-url',
    ],
  });
  if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}". Run attrib hygiene --help for the options.`);
  const format = flags.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw new CliError(`--format must be table or json, got "${String(format)}"`);
  let asOf = today;
  if (flags['as-of'] !== undefined) {
    try {
      asOf = parseDate(String(flags['as-of']));
    } catch {
      throw new CliError(`--as-of "${String(flags['as-of'])}" is not a date; use YYYY-MM-DD`);
    }
  }
  const model = flags['disagreement-model'] as string | undefined;
  if (model !== undefined && !(SPOTLIGHT_MODELS as readonly string[]).includes(model)) {
    throw new CliError(`--disagreement-model must be one of ${SPOTLIGHT_MODELS.join(', ')}, got "${model}"`);
  }
  const by = flags['disagreement-by'] as string | undefined;
  if (by !== undefined && !(SPOTLIGHT_UNITS as readonly string[]).includes(by)) {
    throw new CliError(`--disagreement-by must be one of ${SPOTLIGHT_UNITS.join(', ')}, got "${by}"`);
  }
  const order = wholeNumber('disagreement-order', flags['disagreement-order']);
  const limit = wholeNumber('disagreements', flags.disagreements);
  const disagreements: NonNullable<HygieneInput['disagreements']> = {
    ...(model !== undefined ? { model: model as SpotlightModel } : {}),
    ...(order !== undefined ? { order } : {}),
    ...(by !== undefined ? { by: by as SpotlightUnit } : {}),
    ...(limit !== undefined ? { limit } : {}),
  };
  return {
    input: {
      disagreements,
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
export async function runHygiene(db: ReportDb & { sql: SqlClient }, o: HygieneCliOptions): Promise<number> {
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
    'attrib hygiene [--as-of YYYY-MM-DD] [--format table|json] [--inactive-days N] [--duplicate-days N] [--ruleset KEY] [--limit N]',
    '               [--disagreements N] [--disagreement-model M] [--disagreement-order N] [--disagreement-by UNIT] [--database-url URL]',
    '',
    '  --as-of D            the review date (default today, UTC); data is read as of the end of that day',
    '  --inactive-days N    days without action before an attached partner counts as inactive (default 60)',
    '  --duplicate-days N   same partner/opportunity/action within N days looks duplicated (default 3)',
    "  --ruleset KEY        only this rule set's allocations for allocation-based checks, and the rule set the",
    '                       spotlight-disagreements section compares (default: the only rule set with current results)',
    '  --limit N            records listed per check (default 100; counts are always exact)',
    `  --disagreements N    won deals listed where rule and model credit disagree most (default ${DEFAULT_DISAGREEMENTS}, 0 to 100)`,
    '  --disagreement-model markov|shapley|heuristic   the spotlight model of that section (default markov)',
    '  --disagreement-order N                           its Markov order, 1 to 4 (default 1)',
    '  --disagreement-by partner|channel|action|partner_type   the unit deals are split over (default partner)',
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
