// `npm run bench [-- --quick] [-- --only rules,recompute,ingest,latency,load]`
//
// Measures the platform side by side with its practical limits in ONE run on
// ONE machine (warm-up, several repetitions, median), prints a table and
// writes bench/results.json with the machine it ran on. Never asserts timings:
// a section whose dependency has not landed prints "skipped: <what>", and a
// section that breaks prints "failed: <why>" and makes the exit code 1.
// First, for its side effect: NODE_ENV=production unless set (see the module).
import { graphqlJsMode, nodeEnvSetByUser, semiSpaceSetting } from './lib/production-env.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { machineInfo } from './lib/machine.js';
import { closeSharedPlatforms } from './lib/platform.js';
import { repoRoot } from './lib/optional.js';
import type { BenchContext, Section, SectionResult } from './lib/section.js';
import { renderMarkdown, renderTable, type BenchRow } from './lib/table.js';
import rules from './sections/rules.js';
import recompute from './sections/recompute.js';
import ingest from './sections/ingest.js';
import latency from './sections/latency.js';
import load from './sections/load.js';
import scaleout from './sections/scaleout.js';
import spotlight from './sections/spotlight.js';
import reports from './sections/reports.js';
import hygiene from './sections/hygiene.js';

const SECTIONS: Section[] = [rules, recompute, ingest, latency, load, spotlight, scaleout, reports, hygiene];

const USAGE = `usage: npm run bench -- [--quick] [--only ${SECTIONS.map((s) => s.name).join(',')}]
                       [--sizes 100000,1000000] [--reps N] [--load-seconds 10] [--ingest-concurrency 2,4]
                       [--out bench/results.json] [--markdown]

  --quick         small sizes for a CI smoke test (whole run well under a minute)
  --only          run only these sections
  --sizes         opportunity counts for the full-recompute benchmark
  --reps          repetitions per measurement (default 3; 1 for recompute sizes over 200,000)
  --load-seconds  duration of each autocannon run (latency under load)
  --ingest-concurrency
                  requests in flight for the concurrent ingestion rows (default 2,4;
                  the raw INSERT runs on as many connections)
  --out           where to write the JSON results (default bench/results.json)
  --markdown      also print the table as Markdown (for bench/RESULTS.md)

PostgreSQL cases run when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set;
that database is used as a scratch database (its tables are reset).
The bench runs with NODE_ENV=production unless NODE_ENV is set.

sections:
${SECTIONS.map((s) => `  ${s.name.padEnd(10)} ${s.summary}`).join('\n')}`;

class UsageError extends Error {}

function parse(argv: string[]) {
  const opts = {
    quick: false,
    only: undefined as string[] | undefined,
    sizes: undefined as number[] | undefined,
    loadSeconds: undefined as number | undefined,
    reps: undefined as number | undefined,
    ingestConcurrency: undefined as number[] | undefined,
    out: path.join(repoRoot, 'bench', 'results.json'),
    markdown: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--quick':
        opts.quick = true;
        break;
      case '--markdown':
        opts.markdown = true;
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      case '--only': {
        const names = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const unknown = names.filter((n) => !SECTIONS.some((s) => s.name === n));
        if (unknown.length)
          throw new UsageError(`unknown section ${unknown.join(', ')}; choose from ${SECTIONS.map((s) => s.name).join(', ')}`);
        opts.only = names;
        break;
      }
      case '--sizes': {
        const sizes = value()
          .split(',')
          .map((s) => Number(s.replace(/_/g, '')));
        if (sizes.some((n) => !Number.isInteger(n) || n <= 0))
          throw new UsageError('--sizes takes positive integers, e.g. --sizes 100000,1000000');
        opts.sizes = sizes;
        break;
      }
      case '--load-seconds': {
        const n = Number(value());
        if (!(n > 0 && n <= 120)) throw new UsageError('--load-seconds takes a number of seconds between 0 and 120');
        opts.loadSeconds = n;
        break;
      }
      case '--ingest-concurrency': {
        const levels = value()
          .split(',')
          .map((s) => Number(s.trim()));
        if (levels.length === 0 || levels.some((n) => !(Number.isInteger(n) && n >= 1 && n <= 64))) {
          throw new UsageError('--ingest-concurrency takes whole numbers between 1 and 64, e.g. --ingest-concurrency 2,4');
        }
        opts.ingestConcurrency = [...new Set(levels)];
        break;
      }
      case '--reps': {
        const n = Number(value());
        if (!(Number.isInteger(n) && n >= 1 && n <= 50)) throw new UsageError('--reps takes a whole number between 1 and 50');
        opts.reps = n;
        break;
      }
      case '--out':
        opts.out = path.resolve(value());
        break;
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  return opts;
}

async function main(): Promise<number> {
  let opts: ReturnType<typeof parse>;
  try {
    opts = parse(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`bench: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  const ctx: BenchContext = {
    quick: opts.quick,
    sizes: opts.sizes ?? (opts.quick ? [500] : [100_000, 1_000_000]),
    postgresUrl: process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined,
    reps: opts.reps,
    loadSeconds: opts.loadSeconds ?? (opts.quick ? 2 : 10),
    ingestConcurrency: opts.ingestConcurrency ?? [2, 4],
    log: (m) => process.stderr.write(`  ${m}\n`),
  };
  const machine = machineInfo();
  const env = {
    nodeEnv: process.env.NODE_ENV ?? '',
    setBy: nodeEnvSetByUser ? 'user' : 'bench default',
    graphqlJs: await graphqlJsMode(),
    youngGeneration: semiSpaceSetting(),
  };
  const envText = `NODE_ENV=${env.nodeEnv} (${env.setBy}; graphql-js ${env.graphqlJs} mode), ${env.youngGeneration}`;
  console.error(
    `bench on ${machine.cpuModel} (${machine.cores} cores, ${machine.memoryGiB} GiB), node ${machine.node}, ${envText}${ctx.quick ? ', quick mode' : ''}`,
  );
  const rows: BenchRow[] = [];
  const results: Record<string, unknown> = {};
  let failed = 0;
  for (const section of SECTIONS) {
    if (opts.only && !opts.only.includes(section.name)) continue;
    console.error(`\n[${section.name}] ${section.summary}`);
    const started = Date.now();
    let result: SectionResult;
    try {
      result = await section.run(ctx);
    } catch (error) {
      failed++;
      const message = (error as Error).message ?? String(error);
      console.error(`[${section.name}] failed: ${(error as Error).stack ?? message}`);
      rows.push({ section: section.name, case: '-', metric: '-', value: `failed: ${message.split('\n')[0]}` });
      results[section.name] = { status: 'failed', error: message };
      continue;
    }
    for (const reason of result.skipped) {
      console.error(`[${section.name}] ${reason}`);
      rows.push({ section: section.name, case: '-', metric: '-', value: reason });
    }
    rows.push(...result.rows);
    results[section.name] = {
      status: result.rows.length ? 'ok' : 'skipped',
      skipped: result.skipped,
      ...result.data,
      seconds: (Date.now() - started) / 1000,
    };
  }
  await closeSharedPlatforms();
  const table = renderTable(rows);
  console.log(`\n${table}\n`);
  if (opts.markdown) console.log(`${renderMarkdown(rows)}\n`);
  console.log(
    `machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, ${machine.platform}, node ${machine.node}, ${envText}, ${machine.date}`,
  );
  writeFileSync(
    opts.out,
    `${JSON.stringify(
      {
        machine,
        env,
        quick: ctx.quick,
        sizes: ctx.sizes,
        ingestConcurrency: ctx.ingestConcurrency,
        postgres: Boolean(ctx.postgresUrl),
        rows,
        results,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`results written to ${path.relative(process.cwd(), opts.out) || opts.out}`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
