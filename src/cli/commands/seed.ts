// `attrib seed`: load the deterministic demo dataset, or a scaled benchmark dataset.
import { DEFAULT_SEED, DEMO_SIZE } from '../../seed/reference.js';
import { writeSeedCsv } from '../../seed/csv-export.js';
import { planSeed } from '../../seed/generate.js';
import { openCliDatabase } from '../database.js';
import { DatabaseNotEmptyError, resetDomainTables, seedDatabase } from '../../seed/seed.js';
import { publishDemoRules } from '../../seed/demo-rules.js';
import { progressBar } from '../../progress/progress.js';
import { parseArgs } from '../args.js';
import { CliError, type Command } from '../command.js';

const MAX_OPPORTUNITIES = 10_000_000;

function positiveInteger(flag: string, raw: string | boolean | undefined, fallback: number, max: number, min = 1): number {
  if (raw === undefined) return fallback;
  const text = String(raw).replace(/_/g, '');
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new CliError(`--${flag} must be a whole number between ${min} and ${max}, got "${String(raw)}"`);
  }
  return Number(text);
}

const command: Command = {
  name: 'seed',
  summary: 'Load the deterministic demo dataset (or a scaled one for benchmarks)',
  usage: [
    'attrib seed [--opportunities N] [--touchpoints-per-opportunity K] [--seed N] [--reset] [--database-url URL] [--json]',
    'attrib seed --csv DIR [--opportunities N] [--touchpoints-per-opportunity K] [--seed N]',
    '',
    `  --opportunities N                  opportunities to generate (default ${DEMO_SIZE.opportunities}; up to ${MAX_OPPORTUNITIES.toLocaleString('en-US')})`,
    `  --touchpoints-per-opportunity K    average partner touches per opportunity (default ${DEMO_SIZE.touchpointsPerOpportunity})`,
    `  --seed N                           PRNG seed; the same seed gives the same rows (default ${DEFAULT_SEED})`,
    '  --reset                            delete partners, accounts, opportunities, touchpoints and attribution results first',
    '  --database-url URL                 PostgreSQL URL (default: DATABASE_URL, else the embedded database in ATTRIB_DATA_DIR)',
    '  --json                             print the summary as JSON',
    '  --no-rules                         demo only: do not publish and run the demo rule sets (dsl/two_lane.attr, dsl/ecosystem_channels.attr)',
    '  --csv DIR                          write the dataset as the CSV files `attrib import` reads, instead of into a database',
  ].join('\n'),
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, {
      boolean: ['reset', 'json', 'no-rules'],
      string: ['opportunities', 'touchpoints-per-opportunity', 'seed', 'database-url', 'csv'],
    });
    if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}". Run attrib seed --help for the options.`);
    const opportunities = positiveInteger('opportunities', flags.opportunities, DEMO_SIZE.opportunities, MAX_OPPORTUNITIES);
    const touchpointsPerOpportunity = positiveInteger(
      'touchpoints-per-opportunity',
      flags['touchpoints-per-opportunity'],
      DEMO_SIZE.touchpointsPerOpportunity,
      100,
      0,
    );
    const seed = positiveInteger('seed', flags.seed, DEFAULT_SEED, 2 ** 31 - 1, 0);
    if (flags.csv !== undefined) {
      if (flags.reset || flags['database-url'] !== undefined)
        throw new CliError('--csv writes files, not a database: drop --reset and --database-url');
      const plan = planSeed({ seed, opportunities, touchpointsPerOpportunity });
      const bar = flags.json ? undefined : progressBar('seed csv', plan.accounts + plan.opportunities);
      const counts = await writeSeedCsv(String(flags.csv), { seed, opportunities, touchpointsPerOpportunity, progressBar: bar });
      bar?.done();
      console.log(
        flags.json
          ? JSON.stringify({ seed, directory: flags.csv, counts }, null, 2)
          : `Wrote ${counts.partners} partners, ${counts.accounts} accounts, ${counts.opportunities} opportunities and ${counts.touchpoints} touchpoints (seed ${seed}) to ${String(flags.csv)}. Import them with: attrib import ${String(flags.csv)}`,
      );
      return 0;
    }
    const db = await openCliDatabase(flags['database-url'] as string | undefined);
    try {
      if (flags.reset) await resetDomainTables(db, 'cli:seed');
      const summary = await seedDatabase(db, {
        seed,
        opportunities,
        touchpointsPerOpportunity,
        progress: !flags.json,
        actor: 'cli:seed',
        writers: db.kind === 'postgres' ? 2 : 1,
      });
      if (flags.json) {
        console.log(JSON.stringify(summary, null, 2));
      } else {
        const c = summary.counts;
        console.log(
          `Seeded ${db.location} with seed ${summary.seed}: ${c.partners} partners, ${c.partnerInvestments} partner investments, ` +
            `${c.accounts} accounts, ${c.accountPartners} account partners, ${c.opportunities} opportunities, ${c.touchpoints} touchpoints.`,
        );
        console.log(
          `${summary.rows} rows in ${(summary.elapsedMs / 1000).toFixed(1)} s (${summary.rowsPerSecond.toLocaleString('en-US')} rows/s).`,
        );
      }
      // The demo dataset comes with its methodology: publish the standard
      // two-lane and ecosystem-channel rule sets and attribute the data.
      if (flags.opportunities === undefined && !flags['no-rules']) {
        const rules = await publishDemoRules(db, { progress: !flags.json, actor: 'cli:seed' });
        if (!flags.json) {
          for (const r of rules.ruleSets) {
            console.log(
              `Published ${r.key} v${r.version} and attributed ${r.opportunities} opportunities (${r.allocations} allocations, run ${r.runId}).`,
            );
          }
        }
      }
      return 0;
    } catch (err) {
      if (err instanceof DatabaseNotEmptyError) throw new CliError(err.message, 1);
      throw err;
    } finally {
      await db.close();
    }
  },
};

export default command;
