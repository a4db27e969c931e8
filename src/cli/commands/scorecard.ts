// `attrib scorecard`: partner KPIs per partner, partner type, channel or
// period, as a table, CSV (for finance/BI) or JSON.
import { scorecardToCsv, ruleVersionLabel } from '../../reports/csv.js';
import type { ReportDb } from '../../reports/db.js';
import { ReportError } from '../../reports/errors.js';
import type { PeriodUnit } from '../../reports/periods.js';
import { parsePeriodKey, periodOf, shiftPeriod, addDays } from '../../reports/periods.js';
import { DEFAULT_REPORT_SETTINGS, reportSettingsOf, type ReportSettings } from '../../reports/settings.js';
import { loadCliConfig } from '../config.js';
import { computeScorecardComparison, type ScorecardComparison } from '../../reports/compare.js';
import { computeScorecard, SCORECARD_GROUP_BYS, type Scorecard, type ScorecardGroupBy } from '../../reports/scorecard.js';
import { percent, renderTable } from '../../reports/table.js';
import { figureColumns, textColumns } from '../table.js';
import { choiceFlag, dateFlag, REPORT_FORMATS } from '../flags.js';
import { parseArgs } from '../args.js';
import { CliError, type Command } from '../command.js';
import { openCliDatabase } from '../database.js';

/** "Amounts in USD; converted: EUR 3 deals at rates of 2026-01-15..2026-03-31." */
export function currencyLine(card: Scorecard): string {
  const converted = card.provenance.currency.converted.map((c) => {
    const what = [
      c.opportunities ? `${c.opportunities} deal${c.opportunities === 1 ? '' : 's'}` : '',
      c.investments ? `${c.investments} investment${c.investments === 1 ? '' : 's'}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const days = c.firstRateDate === c.lastRateDate ? `the rate of ${c.firstRateDate}` : `rates of ${c.firstRateDate}..${c.lastRateDate}`;
    return `${c.currency} ${what} at ${days}`;
  });
  return `Amounts in ${card.currency}${converted.length ? `; converted: ${converted.join('; ')}` : ''}.`;
}

export function renderScorecardTable(card: Scorecard): string {
  const versions = card.ruleVersions.map(ruleVersionLabel).join(', ') || 'none';
  const head =
    `Scorecard for rule set "${card.selection.ruleSetKey}" (${card.selection.kind === 'current' ? 'current results' : card.selection.kind === 'run' ? `run ${card.selection.runId}` : `rule version ${card.selection.ruleVersionId}`}), ` +
    `by ${card.groupBy}, per ${card.period}${card.period === 'quarter' && card.fiscalYearStart !== 1 ? ` (fiscal year from month ${card.fiscalYearStart})` : ''}, ` +
    `${card.from} to ${card.to}. Rule versions: ${versions}.\n${currencyLine(card)}`;
  if (card.rows.length === 0) return `${head}\nNo partner activity or credit in this range.`;
  const table = renderTable(
    [
      ...textColumns(card.groupBy === 'period' ? 'group' : card.groupBy, 'period'),
      ...figureColumns(
        'sourced pipe',
        'infl. pipe',
        'sourced rev',
        'infl. rev',
        'involved rev',
        'win% inv/other',
        'days inv/other',
        'coverage',
        'ROI src/infl',
        'TTI p50/p90 h',
        'Δ sourced rev',
      ),
      ...textColumns('rules'),
    ],
    card.rows.map((r) => [
      r.groupLabel,
      r.period,
      r.sourcedPipeline,
      r.influencedPipeline,
      r.sourcedRevenue,
      r.influencedRevenue,
      r.involvedRevenue,
      `${percent(r.winRate.involved.rate) ?? '–'}/${percent(r.winRate.other.rate) ?? '–'}`,
      `${r.velocity.involved.days ?? '–'}/${r.velocity.other.days ?? '–'}`,
      percent(r.coverage.rate),
      r.roi.reason ? r.roi.reason.replace('_', ' ') : `${r.roi.sourced}/${r.roi.influenced}`,
      `${r.timeToInsight.p50Hours ?? '–'}/${r.timeToInsight.p90Hours ?? '–'}`,
      r.change.sourcedRevenue.delta,
      r.ruleVersions.map(ruleVersionLabel).join(';') || '–',
    ]),
  );
  const accuracy = card.influenceAccuracy.map((a) => `${a.period} ${percent(a.rate) ?? '–'} (${a.stood}/${a.deals})`).join(', ');
  const roles = card.influenceAccuracy
    .map((a) => `${a.period} ${percent(a.roleAgreement) ?? '–'} (${a.agreedDeals}/${a.declaredDeals})`)
    .join(', ');
  return (
    `${head}\n\n${table}\n\nLanes are reported separately and never added: each lane is at most the involved revenue.` +
    `\nInfluence accuracy (partner-credited won deals whose credit stood, target 90%): ${accuracy || 'no periods'}.` +
    `\nRole agreement (of those with a rep-declared partner role, the rules' role agrees): ${roles || 'no periods'}.`
  );
}

export interface ScorecardCliOptions {
  ruleSetKey: string;
  groupBy: ScorecardGroupBy;
  period: PeriodUnit;
  format: (typeof REPORT_FORMATS)[number];
  from: Date;
  to: Date;
  ruleVersionId: string | undefined;
  runId: string | undefined;
  compareRuleVersionId: string | undefined;
  compareRunId: string | undefined;
  databaseUrl: string | undefined;
  /** Open deals convert at this day's exchange rate (default: --to). */
  asOf: Date;
  settings: ReportSettings;
}

/** The report settings of the environment (ATTRIB_REPORTING_CURRENCY, ATTRIB_FISCAL_YEAR_START). */
export function cliReportSettings(env: NodeJS.ProcessEnv = process.env): ReportSettings {
  return reportSettingsOf(loadCliConfig(env));
}

/** Checks the options before any database is opened. */
export function parseScorecardArgs(
  argv: string[],
  today = new Date(),
  settings: ReportSettings = DEFAULT_REPORT_SETTINGS,
): ScorecardCliOptions {
  const { flags, positionals } = parseArgs(argv, {
    string: [
      'ruleset',
      'by',
      'period',
      'period-key',
      'from',
      'to',
      'as-of',
      'format',
      'rule-version',
      'run',
      'compare-run',
      'compare-version',
      'database-url',
    ],
  });
  if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}". Run attrib scorecard --help for the options.`);
  if (flags['compare-run'] && flags['compare-version']) throw new CliError('give --compare-run or --compare-version, not both');
  if ((flags['compare-run'] || flags['compare-version']) && flags.format === 'csv') {
    throw new CliError('a comparison prints as a table or JSON; drop --format csv or the --compare option');
  }
  if (typeof flags.ruleset !== 'string')
    throw new CliError("--ruleset KEY is required: which rule set's results to score (e.g. --ruleset default)");
  const fy = settings.fiscalYearStart;
  let period = choiceFlag<PeriodUnit>('period', flags.period, ['month', 'quarter']) ?? 'quarter';
  let from: Date | undefined;
  let to: Date;
  if (flags['period-key'] !== undefined) {
    if (flags.from !== undefined || flags.to !== undefined || flags.period !== undefined) {
      throw new CliError('--period-key names the period already; drop --from, --to and --period');
    }
    try {
      const parsed = parsePeriodKey(String(flags['period-key']), fy);
      period = parsed.unit;
      from = parsed.period.start;
      to = addDays(parsed.period.end, -1);
    } catch (err) {
      throw new CliError(`--period-key: ${(err as Error).message}`);
    }
  } else {
    to = dateFlag('to', flags.to) ?? today;
    from = dateFlag('from', flags.from) ?? shiftPeriod(periodOf(to, period, fy), period, -3, fy).start;
  }
  return {
    ruleSetKey: flags.ruleset,
    groupBy: choiceFlag<ScorecardGroupBy>('by', flags.by, SCORECARD_GROUP_BYS) ?? 'partner',
    period,
    format: choiceFlag('format', flags.format, REPORT_FORMATS) ?? 'table',
    from,
    to,
    asOf: dateFlag('as-of', flags['as-of']) ?? to,
    settings,
    ruleVersionId: flags['rule-version'] as string | undefined,
    runId: flags.run as string | undefined,
    compareRuleVersionId: flags['compare-version'] as string | undefined,
    compareRunId: flags['compare-run'] as string | undefined,
    databaseUrl: flags['database-url'] as string | undefined,
  };
}

/** Computes and prints the scorecard on an open database. */
export async function runScorecard(db: ReportDb, o: ScorecardCliOptions): Promise<number> {
  try {
    const input = {
      ruleSetKey: o.ruleSetKey,
      groupBy: o.groupBy,
      period: o.period,
      from: o.from,
      to: o.to,
      ruleVersionId: o.ruleVersionId,
      runId: o.runId,
      fiscalYearStart: o.settings.fiscalYearStart,
      reportingCurrency: o.settings.reportingCurrency,
      asOf: o.asOf,
    };
    if (o.compareRunId || o.compareRuleVersionId) {
      const cmp = await computeScorecardComparison(db, input, { runId: o.compareRunId, ruleVersionId: o.compareRuleVersionId });
      console.log(o.format === 'json' ? JSON.stringify(cmp, null, 2) : renderComparisonTable(cmp));
      return 0;
    }
    const card = await computeScorecard(db, input);
    if (o.format === 'json') console.log(JSON.stringify(card, null, 2));
    else if (o.format === 'csv') process.stdout.write(scorecardToCsv(card));
    else console.log(renderScorecardTable(card));
    return 0;
  } catch (err) {
    if (err instanceof ReportError) throw new CliError(`${err.code}: ${err.message}`, 1);
    throw err;
  }
}

export function renderComparisonTable(cmp: ScorecardComparison): string {
  const label = (s: ScorecardComparison['base']) =>
    s.kind === 'current' ? 'current results' : s.kind === 'run' ? `run ${s.runId}` : `rule version ${s.ruleVersionId}`;
  const changed = cmp.rows.filter((r) => r.changed);
  const head =
    `Scorecard comparison for rule set "${cmp.base.ruleSetKey}", by ${cmp.groupBy}, per ${cmp.period}, ${cmp.from} to ${cmp.to}: ` +
    `${label(cmp.base)} (${cmp.baseRuleVersions.map(ruleVersionLabel).join(', ') || 'none'}) vs ${label(cmp.candidate)} ` +
    `(${cmp.candidateRuleVersions.map(ruleVersionLabel).join(', ') || 'none'}). Amounts in ${cmp.currency}.`;
  if (changed.length === 0) return `${head}\nNo figure changes.`;
  const diff = (d: { base: string; candidate: string; delta: string }) => (d.delta === '0.00' ? d.base : `${d.base} → ${d.candidate}`);
  return `${head}\n\n${renderTable(
    [
      ...textColumns(cmp.groupBy === 'period' ? 'group' : cmp.groupBy, 'period', 'sourced rev', 'infl. rev', 'sourced pipe', 'infl. pipe'),
      ...figureColumns('Δ sourced rev', 'Δ infl. rev'),
    ],
    changed.map((r) => [
      r.groupLabel,
      r.period,
      diff(r.sourcedRevenue),
      diff(r.influencedRevenue),
      diff(r.sourcedPipeline),
      diff(r.influencedPipeline),
      r.sourcedRevenue.delta,
      r.influencedRevenue.delta,
    ]),
  )}\n\n${changed.length} of ${cmp.rows.length} rows change.`;
}

const command: Command = {
  name: 'scorecard',
  summary: 'Partner scorecard: pipeline and revenue per lane, win rate, velocity, coverage, ROI, time-to-insight',
  usage: [
    'attrib scorecard --ruleset KEY [--by partner|partner_type|channel|period] [--period month|quarter | --period-key KEY]',
    '                 [--from YYYY-MM-DD --to YYYY-MM-DD] [--as-of YYYY-MM-DD] [--rule-version ID | --run ID] [--compare-run ID | --compare-version ID]',
    '                 [--format table|csv|json] [--database-url URL]',
    '',
    '  --ruleset KEY        rule set whose results are scored (required)',
    '  --by G               group rows by partner (default), partner_type, channel or period',
    '  --period P           month or quarter (default quarter); quarters follow ATTRIB_FISCAL_YEAR_START',
    '  --period-key KEY     exactly one period instead of --from/--to/--period: 2026-03, 2026-Q1, or FY2027-Q1 in a',
    '                       fiscal year not starting in January',
    '  --from/--to D        date range, inclusive (default: the last four periods up to today)',
    "  --as-of D            open deals convert to the reporting currency at this day's rate (default: --to)",
    '  --rule-version ID    score this rule version (a draft uses its latest preview run)',
    '  --run ID             score exactly this run (e.g. a preview)',
    '  --compare-run ID     compare with this run (e.g. a preview): rows whose figures change, base → candidate',
    '  --compare-version ID compare with this rule version (a draft uses its latest preview run)',
    '  --format F           table (default), csv (stable header, for finance/BI) or json',
  ].join('\n'),
  async run(argv) {
    const options = parseScorecardArgs(argv, new Date(), cliReportSettings());
    const db = await openCliDatabase(options.databaseUrl);
    try {
      return await runScorecard(db, options);
    } finally {
      await db.close();
    }
  },
};

export default command;
