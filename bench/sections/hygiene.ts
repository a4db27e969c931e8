// The revenue-hygiene report at scale, on PostgreSQL, uncached: every check's
// items and both weeks' counts (computeHygiene), median and slowest of the
// repetitions, against the target (<= 1 s at 1,000,000 opportunities).
// BENCH_HYGIENE_DATABASE_URL measures an already seeded database as it is
// (e.g. a copy of a seeded base, migrated), read only; otherwise the section
// seeds its scratch database (--quick 10,000 opportunities, else
// BENCH_HYGIENE_SIZES or 100,000) with ~10 touches each. PGlite is not
// measured here: the sizes are PostgreSQL's.
import { computeHygiene } from '../../src/reports/hygiene/index.js';
import type { BenchContext, Section, SectionResult } from '../lib/section.js';
import { median, nowMs } from '../lib/stats.js';
import { fmtMs, type BenchRow } from '../lib/table.js';

const TARGET_MS = 1000;
const TARGET_SIZE = 1_000_000;
const TOUCHPOINTS_PER_OPPORTUNITY = 10;

async function measure(ctx: BenchContext, url: string, label: string, asOf: Date, reps: number): Promise<{ row: BenchRow; data: unknown }> {
  const { openDatabase } = await import('../../src/db/client.js');
  const db = await openDatabase({ databaseUrl: url });
  try {
    const opportunities = Number((await db.sql.query<{ n: unknown }>('SELECT count(*) AS n FROM opportunity'))[0]!.n);
    ctx.log(`${label}: hygiene (${opportunities.toLocaleString('en-US')} opportunities), warm-up`);
    const first = await computeHygiene(db, { asOf });
    const samples: number[] = [];
    for (let i = 0; i < reps; i++) {
      const started = nowMs();
      await computeHygiene(db, { asOf });
      samples.push(nowMs() - started);
    }
    const p50 = median(samples);
    const met = opportunities >= TARGET_SIZE && p50 <= TARGET_MS;
    return {
      row: {
        section: 'hygiene',
        case: `${label}: hygieneReport (${opportunities.toLocaleString('en-US')} opps)`,
        metric: 'p50',
        value: fmtMs(p50),
        note: `max ${fmtMs(Math.max(...samples))}; target <= ${TARGET_MS} ms at ${TARGET_SIZE.toLocaleString('en-US')} opps: ${met ? 'met' : opportunities >= TARGET_SIZE ? 'not met' : 'smaller dataset'}`,
      },
      data: { opportunities, samples, counts: Object.fromEntries(first.checks.map((c) => [c.key, [c.count, c.previousCount]])) },
    };
  } finally {
    await db.close();
  }
}

const section: Section = {
  name: 'hygiene',
  summary: 'the revenue-hygiene report (every check, both weeks), uncached, on a seeded PostgreSQL database',
  async run(ctx: BenchContext): Promise<SectionResult> {
    const reps = ctx.reps ?? (ctx.quick ? 3 : 5);
    const given = process.env.BENCH_HYGIENE_DATABASE_URL;
    if (given) {
      const { row, data } = await measure(
        ctx,
        given,
        'postgres (given database)',
        new Date(process.env.BENCH_HYGIENE_AS_OF ?? Date.now()),
        reps,
      );
      return { rows: [row], data: { given: data }, skipped: [] };
    }
    if (!ctx.postgresUrl) {
      return {
        rows: [],
        data: {},
        skipped: ['skipped: hygiene (PostgreSQL only: set BENCH_DATABASE_URL, TEST_DATABASE_URL or BENCH_HYGIENE_DATABASE_URL)'],
      };
    }
    const { openDatabase } = await import('../../src/db/client.js');
    const { resetDomainTables, seedDatabase } = await import('../../src/seed/seed.js');
    const { SEED_AS_OF } = await import('../../src/seed/reference.js');
    const sizes = ctx.quick ? [10_000] : (process.env.BENCH_HYGIENE_SIZES?.split(',').map(Number) ?? [100_000]);
    const rows: BenchRow[] = [];
    const data: Record<string, unknown> = {};
    for (const size of sizes) {
      const label = `postgres ${size.toLocaleString('en-US')} opps`;
      const db = await openDatabase({ databaseUrl: ctx.postgresUrl, migrate: true });
      try {
        ctx.log(`${label}: seeding`);
        await resetDomainTables(db, 'bench');
        await seedDatabase(db, {
          opportunities: size,
          touchpointsPerOpportunity: TOUCHPOINTS_PER_OPPORTUNITY,
          seed: 1,
          progress: false,
          actor: 'bench',
        });
        await db.sql.exec('ANALYZE');
      } finally {
        await db.close();
      }
      const { row, data: d } = await measure(ctx, ctx.postgresUrl, label, SEED_AS_OF, reps);
      rows.push(row);
      data[String(size)] = d;
    }
    return { rows, data, skipped: [] };
  },
};

export default section;
