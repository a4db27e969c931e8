// `attrib spotlight`: the governed rules' credit per partner (or channel,
// action, partner type) beside a data-driven model's, with the model's
// bootstrap interval and a flag where they diverge; as a table, CSV or JSON.
import { existsSync, writeFileSync } from 'node:fs';
import type { Lane } from '../../domain/enums.js';
import { SUGGEST_UNITS, SuggestError, suggestRuleFile } from '../../reports/spotlight-suggest.js';
import { loadVocabulary } from '../../taxonomy/store.js';
import { spotlightToCsv } from '../../reports/csv.js';
import { ReportError } from '../../reports/errors.js';
import {
  computeSpotlight,
  DEFAULT_RESAMPLES,
  MAX_RESAMPLES,
  SPOTLIGHT_HEURISTICS,
  SPOTLIGHT_MODELS,
  SPOTLIGHT_UNITS,
  type SpotlightInput,
  type SpotlightReport,
} from '../../reports/spotlight.js';
import { renderTable } from '../../reports/table.js';
import { figureColumns, textColumns } from '../table.js';
import { choiceFlag, dateFlag, REPORT_FORMATS } from '../flags.js';
import { parseArgs } from '../args.js';
import { progressBar, type Progress } from '../../progress/progress.js';
import { CliError, type Command } from '../command.js';
import { openCliDatabase } from '../database.js';

function whole(flag: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(String(value)) || !Number.isSafeInteger(n))
    throw new CliError(`--${flag} must be a whole number, got "${String(value)}"`);
  return n;
}

export interface SpotlightCliOptions {
  input: SpotlightInput;
  format: (typeof REPORT_FORMATS)[number];
  databaseUrl: string | undefined;
}

/** Checks the options before any database is opened. */
export function parseSpotlightArgs(argv: string[]): SpotlightCliOptions {
  const { flags, positionals } = parseArgs(argv, {
    string: [
      'ruleset',
      'model',
      'order',
      'heuristic',
      'by',
      'lane',
      'from',
      'to',
      'currency',
      'resamples',
      'seed',
      'deals',
      'format',
      'database-url',
    ],
  });
  if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}". Run attrib spotlight --help for the options.`);
  if (typeof flags.ruleset !== 'string')
    throw new CliError('--ruleset KEY is required: whose rule credit to compare (e.g. --ruleset two_lane)');
  const model = choiceFlag('model', flags.model, SPOTLIGHT_MODELS);
  if (flags.order !== undefined && model !== undefined && model !== 'markov') throw new CliError('--order applies to --model markov only');
  if (flags.heuristic !== undefined && model !== 'heuristic') throw new CliError('--heuristic applies to --model heuristic only');
  const input: SpotlightInput = { ruleSetKey: flags.ruleset };
  const set = <K extends keyof SpotlightInput>(key: K, value: SpotlightInput[K] | undefined) => {
    if (value !== undefined) input[key] = value;
  };
  set('model', model);
  set('order', whole('order', flags.order));
  set('heuristic', choiceFlag('heuristic', flags.heuristic, SPOTLIGHT_HEURISTICS));
  set('by', choiceFlag('by', flags.by, SPOTLIGHT_UNITS));
  set('lane', choiceFlag<Lane>('lane', flags.lane, ['source', 'influence']));
  set('from', dateFlag('from', flags.from));
  set('to', dateFlag('to', flags.to));
  set('currency', flags.currency as string | undefined);
  set('resamples', whole('resamples', flags.resamples));
  set('seed', whole('seed', flags.seed));
  set('deals', whole('deals', flags.deals));
  return {
    input,
    format: choiceFlag('format', flags.format, REPORT_FORMATS) ?? 'table',
    databaseUrl: flags['database-url'] as string | undefined,
  };
}

export function renderSpotlightTable(r: SpotlightReport): string {
  const versions = r.ruleVersions.map((v) => `v${v.number ?? '?'} (${v.hash.slice(0, 12)})`).join(', ') || 'none';
  const window = r.from || r.to ? `deals closed ${r.from ?? 'any time'} to ${r.to ?? 'today'}` : 'all closed deals';
  const head = [
    `Spotlight for rule set "${r.ruleSetKey}", ${r.lane} lane (rule versions: ${versions}) vs ${r.model}, by ${r.by}, ${window}${r.currency ? `, ${r.currency}` : ''}.`,
    `Sample: ${r.sample.journeys} journeys, ${r.sample.conversions} won, value ${r.sample.value}. ` +
      `${r.excluded.untouched} closed deals had no touch (${r.excluded.untouchedWon} won, ${r.excluded.untouchedWonValue}) and are left out.`,
    `Interval: 95% bootstrap, ${r.resamples} resamples, seed ${r.seed}.`,
  ].join('\n');
  if (r.rows.length === 0) return `${head}\nNo closed deal with partner touches in this range.`;
  const flagged = r.rows.filter((x) => x.diverges).length;
  const table = renderTable(
    [
      ...textColumns(r.by),
      ...figureColumns('rule credit', 'model credit', 'difference', 'interval', 'journeys', 'won'),
      ...textColumns('diverges'),
    ],
    r.rows.map((x) => [
      x.unit,
      x.ruleCredit,
      x.modelCredit,
      x.difference,
      `${x.low} – ${x.high}`,
      x.journeys,
      x.conversions,
      x.diverges ? 'yes' : '',
    ]),
  );
  const deals =
    r.deals.length === 0
      ? ''
      : `\n\nWon deals where the rules and the model split the credit most differently ` +
        `(the deal's ${r.lane} credit split over its ${r.by === 'partner_type' ? 'partner type' : r.by}s as the model weighs them):\n\n` +
        renderTable(
          [...textColumns('opportunity'), ...figureColumns('credit', 'model would move'), ...textColumns('largest gap')],
          r.deals.map((d) => {
            const top = d.units[0]!;
            return [d.opportunityKey, d.credit, d.disagreement, `${top.unit}: rules ${top.ruleCredit}, model ${top.modelCredit}`];
          }),
        );
  return (
    `${head}\n\n${table}\n\n${flagged} of ${r.rows.length} diverge: the rule credit lies outside the model's interval.${deals}\n\n` +
    'The model is a spotlight for governance, not a judge: credit changes only through a reviewed rule version.'
  );
}

const command: Command = {
  name: 'spotlight',
  summary: 'Rule credit beside data-driven credit (Markov, Shapley, heuristics) per partner, channel, action or partner type',
  usage: [
    'attrib spotlight --ruleset KEY [--model markov|shapley|heuristic] [--order N] [--heuristic first|last|linear]',
    '                 [--by partner|channel|action|partner_type] [--lane influence|source] [--from D --to D]',
    '                 [--currency CODE] [--resamples N] [--seed N] [--deals N] [--format table|csv|json] [--database-url URL]',
    '',
    '  --ruleset KEY     rule set whose current credit is compared (required)',
    '  --model M         markov (default: removal effect), shapley, or heuristic',
    '  --order N         Markov order, 1 (default) to 4',
    '  --heuristic H     with --model heuristic: first, last or linear (default)',
    '  --by U            unit: partner (default), channel, action or partner_type',
    '  --lane L          the rule lane compared: influence (default) or source',
    '  --from/--to D     deals closed in this range, inclusive (YYYY-MM-DD; default: all)',
    '  --currency CODE   only deals in this currency (required when the deals have several)',
    `  --resamples N     bootstrap resamples for the interval (default ${DEFAULT_RESAMPLES}, at most ${MAX_RESAMPLES})`,
    '  --seed N          seed of the resampling (default 1): the same seed gives the same interval',
    '  --deals N         won deals listed where rules and model split the credit most differently (default 10, 0 to 100; table and json)',
    '  --format F        table (default), csv (unit,rule_credit,model_credit,difference,low,high,journeys,conversions,diverges) or json',
    '',
    'attrib spotlight suggest --ruleset KEY --out FILE.attr [--by channel|action] [--key NEW_RULESET]',
    '                 [the model, lane, range and resampling options above]',
    '',
    '  Writes a DRAFT rule file whose weights per channel (default) or action come from the model, with a',
    '  comment per weight saying where it came from and an in-file test; it checks and tests clean as',
    '  written and takes effect only through the normal draft -> test -> preview -> publish path.',
    '',
    'Definitions: src/reports/README.md ("Spotlight") and src/spotlight/README.md.',
  ].join('\n'),
  async run(argv) {
    if (argv[0] === 'suggest') return suggest(argv.slice(1));
    const options = parseSpotlightArgs(argv);
    const db = await openCliDatabase(options.databaseUrl);
    try {
      let bar: Progress | undefined;
      let shown = 0;
      const report = await computeSpotlight(db, options.input, (done, total) => {
        bar ??= progressBar('spotlight resamples', total);
        bar.tick(done - shown);
        shown = done;
      });
      bar?.done();
      if (options.format === 'json') console.log(JSON.stringify(report, null, 2));
      else if (options.format === 'csv') process.stdout.write(spotlightToCsv(report));
      else console.log(renderSpotlightTable(report));
      return 0;
    } catch (err) {
      if (err instanceof ReportError) throw new CliError(`${err.code}: ${err.message}`, 1);
      throw err;
    } finally {
      await db.close();
    }
  },
};

/** Takes `--name VALUE` out of argv (parseSpotlightArgs knows only the report's options). */
function takeFlag(argv: string[], name: string): { value: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === `--${name}`) {
      value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new CliError(`--${name} needs a value`);
    } else if (a.startsWith(`--${name}=`)) value = a.slice(name.length + 3);
    else rest.push(a);
  }
  return { value, rest };
}

async function suggest(argv: string[]): Promise<number> {
  const out = takeFlag(argv, 'out');
  const key = takeFlag(out.rest, 'key');
  if (!out.value)
    throw new CliError('--out FILE.attr is required: where to write the suggested draft (an existing file is not overwritten)');
  if (key.value !== undefined && !/^[a-z][a-z0-9_]*$/.test(key.value))
    throw new CliError(`--key ${key.value}: a rule set key is lowercase letters, digits and underscores`);
  const options = parseSpotlightArgs(key.rest);
  options.input.by ??= 'channel';
  if (!(SUGGEST_UNITS as readonly string[]).includes(options.input.by)) {
    throw new CliError(
      `--by ${options.input.by}: weights can be suggested by channel or action only (rule files weigh touches, never named partners)`,
    );
  }
  if (existsSync(out.value)) throw new CliError(`${out.value} exists; choose another --out (a suggestion never overwrites a file)`);
  const db = await openCliDatabase(options.databaseUrl);
  try {
    const report = await computeSpotlight(db, options.input);
    const { source, weights } = suggestRuleFile(report, {
      ruleSetKey: key.value,
      today: new Date().toISOString().slice(0, 10),
      vocabulary: await loadVocabulary(db.sql),
    });
    writeFileSync(out.value, source, { flag: 'wx' });
    console.log(
      `wrote ${out.value}: ${weights.length} ${options.input.by} weights from ${report.model} (${report.sample.journeys} journeys, ${report.sample.conversions} won).`,
    );
    console.log(
      `Next: attrib check ${out.value} && attrib test ${out.value}, then save it as a draft, preview and publish it after review.`,
    );
    return 0;
  } catch (err) {
    if (err instanceof ReportError) throw new CliError(`${err.code}: ${err.message}`, 1);
    if (err instanceof SuggestError) throw new CliError(err.message, 1);
    throw err;
  } finally {
    await db.close();
  }
}

export default command;
