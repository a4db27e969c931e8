// `attrib spotlight suggest`: turns a spotlight report by channel or action
// into a DRAFT rule file whose weights come from the model, with a comment
// per weight saying where it came from and an in-file test. The draft takes
// effect only through the normal path (save draft → test → preview →
// publish); nothing here writes to the database.
//
// Weight of a unit = the model's credit per journey the unit appears on,
// relative to the average over all units:
//   w(u) = (credit(u) / journeys(u)) / (Σ credit / Σ journeys), rounded half-up to 2 places.
// A unit with average data-driven credit keeps weight 1; twice the average, 2.
import { runRuleTests } from '../dsl/index.js';
import { divide, formatAmount, formatDecimal, largestRemainder, parseAmount } from '../domain/decimal.js';
import type { Vocabulary } from '../domain/taxonomy.js';
import { NO_TOUCH_UNIT, type SpotlightReport } from './spotlight.js';

export const SUGGEST_UNITS = ['channel', 'action'] as const;
type SuggestUnit = (typeof SUGGEST_UNITS)[number];

interface SuggestedWeight {
  unit: string;
  /** Two places, e.g. "1.85". */
  weight: string;
  modelCredit: string;
  journeys: number;
  low: string;
  high: string;
}

export class SuggestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SuggestError';
  }
}

/** n / d rounded half-up to 2 places, as text (n, d > 0). */
function ratio2(n: bigint, d: bigint): string {
  return formatDecimal(divide(n * 100n, d, 'half-up'), 2);
}

/** The weights the report suggests, heaviest first (ties by unit). */
export function suggestWeights(report: SpotlightReport): SuggestedWeight[] {
  const rows = report.rows.filter((r) => r.unit !== NO_TOUCH_UNIT && r.journeys > 0);
  const totalCredit = rows.reduce((s, r) => s + parseAmount(r.modelCredit), 0n);
  const totalJourneys = BigInt(rows.reduce((s, r) => s + r.journeys, 0));
  if (rows.length === 0 || totalCredit <= 0n) {
    throw new SuggestError(
      `the model gives no credit by ${report.by} on these deals (${report.sample.journeys} journeys, ${report.sample.conversions} won): nothing to suggest; widen --from/--to or check that won deals have partner touches`,
    );
  }
  return rows
    .map((r) => ({
      unit: r.unit,
      weight: ratio2(parseAmount(r.modelCredit) * totalJourneys, BigInt(r.journeys) * totalCredit),
      modelCredit: r.modelCredit,
      journeys: r.journeys,
      low: r.low,
      high: r.high,
    }))
    .sort((a, b) =>
      parseAmount(b.weight) > parseAmount(a.weight) ? 1 : parseAmount(b.weight) < parseAmount(a.weight) ? -1 : a.unit.localeCompare(b.unit),
    );
}

interface SuggestOptions {
  /** The rule set key of the draft (default: <ruleset>_suggested). */
  ruleSetKey?: string;
  /** YYYY-MM-DD written in the header comment. */
  today: string;
  /** For the in-file test's other touch field (an active action type or channel). */
  vocabulary: Vocabulary;
}

/** The draft rule file; checked and its test run before it is returned (SuggestError if not clean). */
export function suggestRuleFile(report: SpotlightReport, options: SuggestOptions): { source: string; weights: SuggestedWeight[] } {
  if (!(SUGGEST_UNITS as readonly string[]).includes(report.by)) {
    throw new SuggestError(
      `weights can be suggested by channel or action, not by ${report.by}: rule files weigh touches, never named partners`,
    );
  }
  const by = report.by as SuggestUnit;
  const weights = suggestWeights(report);
  const key = options.ruleSetKey ?? `${report.ruleSetKey}_suggested`;
  const versions = report.ruleVersions.map((v) => `v${v.number ?? '?'} (${v.hash.slice(0, 12)})`).join(', ') || 'none';
  const window = report.from || report.to ? `deals closed ${report.from ?? 'any time'} to ${report.to ?? 'today'}` : 'all closed deals';
  const otherKind = by === 'channel' ? 'action-type' : 'channel';
  const other = options.vocabulary.keys(otherKind)[0];
  if (!other) throw new SuggestError(`the taxonomy has no active ${otherKind}; add one first`);

  const lines: string[] = [
    `-- DRAFT suggested by \`attrib spotlight suggest\` on ${options.today}. Not in effect: save it as a draft,`,
    '-- test and preview it, and publish it only after review, like any rule version.',
    `-- Source: rule set ${report.ruleSetKey}, ${report.lane} lane (rule versions: ${versions}), ${window}${report.currency ? `, ${report.currency}` : ''}.`,
    `-- Model: ${report.model} by ${by}; ${report.sample.journeys} journeys, ${report.sample.conversions} won (value ${report.sample.value});`,
    `--   interval: 95% bootstrap, ${report.resamples} resamples, seed ${report.seed}.`,
    `-- Weight of a ${by} = the model's credit per journey it appears on, relative to the average over all`,
    `-- ${by === 'channel' ? 'channels' : 'action types'} (1 = average). Where each weight came from:`,
    ...weights.map(
      (w) => `--   ${w.unit} ${w.weight}: model credit ${w.modelCredit} (interval ${w.low} – ${w.high}) over ${w.journeys} journeys`,
    ),
    `ruleset ${key} "Suggested ${by} weights from ${report.model}"`,
    'version 1',
    'owner "spotlight suggestion: assign an owner before publishing"',
    `description "Linear influence weighted by ${by} as the data-driven model suggests (${report.model}, rule set ${report.ruleSetKey}); a draft for review."`,
    '',
    `lane ${report.lane} grants 100% {`,
    `  rule "Model-weighted ${by}" {`,
    `    role ${report.lane === 'source' ? 'sourced' : 'influenced'}`,
    '    credit linear',
    `    weight ${by} ${weights.map((w) => `${w.unit} ${w.weight}`).join(', ')}`,
    '  }',
    '}',
  ];

  // The in-file test: the heaviest and the lightest unit, one touch each, share the lane by their weights.
  const [a, b] = [weights[0]!, weights[weights.length - 1]!];
  const total = 1_000_000n; // 10,000.00 in cents
  const [ca, cb] = largestRemainder(total, [parseAmount(a.weight), parseAmount(b.weight)], { allZero: 'zeros' }) as [bigint, bigint];
  const touch = (name: string, partner: string, unit: string, day: string) =>
    by === 'channel'
      ? `  given touch ${name} { partner ${partner} action ${other} channel ${unit} on ${day} }`
      : `  given touch ${name} { partner ${partner} action ${unit} channel ${other} on ${day} }`;
  lines.push(
    '',
    `test "${a.unit} and ${b.unit} share the lane by their weights (${a.weight} : ${b.weight})" {`,
    '  given opportunity { amount 10000.00 created 2026-01-01 closed 2026-06-01 }',
    touch('t1', 'acme', a.unit, '2026-02-01'),
    touch('t2', 'globex', b.unit, '2026-03-01'),
    `  expect partner acme amount ${formatAmount(ca)} in lane ${report.lane}`,
    `  expect partner globex amount ${formatAmount(cb)} in lane ${report.lane}`,
    '}',
    '',
  );
  const source = lines.join('\n');
  const outcome = runRuleTests(source, `${key}.attr`, { vocabulary: options.vocabulary });
  if (!outcome.ok) {
    const why = outcome.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => d.message)
      .concat(outcome.results.filter((r) => !r.passed).flatMap((r) => r.failures))
      .join('; ');
    throw new SuggestError(`the suggested draft does not check and test clean (${why}); please report this to the maintainers`);
  }
  return { source, weights };
}
