// Leadership reads at scale, on PostgreSQL: N seeded opportunities (~10
// touches each; --quick 10,000, else 100,000 and 1,000,000, or BENCH_REPORTS_SIZES)
// attributed by a full run of dsl/two_lane.attr, then per scorecard grouping
// the direct query (the allocation rows, `source: 'direct'`) and the rollup
// query (the report rollups: report_rollup, report_rollup_month and the
// time-to-insight histogram, `source: 'rollup'`) side by side, uncached, p95 of the
// repetitions, while an ingestion loop edits opportunities through
// upsertOpportunity (each edit moves the rollup in its transaction); their
// ratio and the target (scorecard p95 <= 300 ms); the hygiene report (target
// <= 1 s); and the switch's rollup write (a rebuild of the rule set's rollup,
// the work a full run's switch adds) against the run. PGlite is not measured
// here: the sizes are PostgreSQL's.
import { readFileSync } from 'node:fs';
// A static import (named), so the unused-exports check sees which exports the bench uses.
import { computeScorecard, SCORECARD_GROUP_BYS } from '../../src/reports/scorecard.js';
import { requireFile, requireModule } from '../lib/optional.js';
import type { BenchContext, Section, SectionResult } from '../lib/section.js';
import { nowMs, percentile } from '../lib/stats.js';
import { fmtMs, fmtRatio, type BenchRow } from '../lib/table.js';

const RULE_FILE = 'dsl/two_lane.attr';
const TOUCHPOINTS_PER_OPPORTUNITY = 10;
const AS_OF = new Date('2026-09-30T23:59:59.000Z');
const SCORECARD_TARGET_MS = 300;
const HYGIENE_TARGET_MS = 1000;

async function p95(reps: number, fn: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const started = nowMs();
    await fn();
    samples.push(nowMs() - started);
  }
  return percentile(samples, 95);
}

const section: Section = {
  name: 'reports',
  summary:
    'scorecard (every grouping) from the allocation rows vs from report_rollup while ingesting, hygiene, the switch rollup write (PostgreSQL)',
  async run(ctx: BenchContext): Promise<SectionResult> {
    await requireModule('src/reports/scorecard.ts', ['computeScorecard']);
    if (!ctx.postgresUrl) {
      return {
        rows: [],
        data: {},
        skipped: ['skipped: reports (PostgreSQL only: set BENCH_DATABASE_URL or TEST_DATABASE_URL to a scratch database)'],
      };
    }
    const { openDatabase } = await import('../../src/db/client.js');
    const { resetDomainTables, seedDatabase } = await import('../../src/seed/seed.js');
    const { publishRuleVersion, saveDraft } = await import('../../src/rules/lifecycle.js');
    const { startRun } = await import('../../src/engine/run.js');
    const { rebuildReportRollup } = await import('../../src/engine/report-rollup.js');
    const { upsertOpportunity } = await import('../../src/ingest/opportunities.js');
    const { computeHygiene } = await import('../../src/reports/hygiene/index.js');

    // BENCH_REPORTS_SIZES=100000 measures one size by hand (--sizes is the recompute section's).
    const bySize = process.env.BENCH_REPORTS_SIZES?.split(',').map(Number);
    const sizes = ctx.quick ? [10_000] : (bySize ?? [100_000, 1_000_000]);
    const reps = ctx.reps ?? (ctx.quick ? 5 : 10);
    const rows: BenchRow[] = [];
    const data: Record<string, unknown> = {};
    for (const size of sizes) {
      const label = `postgres ${size.toLocaleString('en-US')} opps`;
      const db = await openDatabase({ databaseUrl: ctx.postgresUrl, migrate: true });
      try {
        ctx.log(`${label}: seeding`);
        await resetDomainTables(db, 'bench');
        await db.sql.exec(
          `DELETE FROM credit_allocation; DELETE FROM attribution_run; DELETE FROM rule_version WHERE status = 'draft';
           DELETE FROM report_rollup; DELETE FROM report_rollup_month; DELETE FROM report_tti_bucket; DELETE FROM report_tti_value;
           DELETE FROM report_rollup_state;`,
        );
        await seedDatabase(db, {
          opportunities: size,
          touchpointsPerOpportunity: TOUCHPOINTS_PER_OPPORTUNITY,
          progress: false,
          actor: 'bench',
          writers: 2,
        });
        const ruleSetKey = `bench_reports_${Date.now()}`;
        const source = readFileSync(requireFile(RULE_FILE), 'utf8')
          .replace(/^(\s*ruleset\s+)("?)[A-Za-z0-9_.-]+\2/m, `$1$2${ruleSetKey}$2`)
          .replace(/effective from \d{4}-\d{2}-\d{2}/, 'effective from 2024-01-01');
        const draft = await saveDraft(db, { ruleSetKey, source, author: 'bench', file: RULE_FILE, createRuleSet: true });
        const published = await publishRuleVersion(db, { ruleVersionId: draft.ruleVersion.id, actor: 'bench' });
        ctx.log(`${label}: full run`);
        const run = await startRun(db, { ruleVersionId: published.ruleVersion.id, kind: 'full', triggeredBy: 'bench', asOf: AS_OF });
        await db.sql.exec('ANALYZE');
        const [{ id: ruleSetId }] = (await db.sql.query<{ id: string }>('SELECT id::text AS id FROM rule_set WHERE key = $1', [
          ruleSetKey,
        ])) as [{ id: string }];
        const started = nowMs();
        await db.sql.transaction((tx) => rebuildReportRollup(tx, ruleSetId));
        const rollupWriteMs = nowMs() - started;
        const [{ n: rollupRows }] = (await db.sql.query<{ n: number }>(
          `SELECT ((SELECT count(*) FROM report_rollup) + (SELECT count(*) FROM report_rollup_month)
                 + (SELECT count(*) FROM report_tti_bucket) + (SELECT count(*) FROM report_tti_value))::int AS n`,
        )) as [{ n: number }];
        const measured: Record<string, unknown> = { allocations: run.allocations, runMs: run.durationMs, rollupRows, rollupWriteMs };
        rows.push({
          section: 'reports',
          case: `${label}: full run switch`,
          metric: 'rollup write',
          value: fmtMs(rollupWriteMs),
          note: `the rebuild a full switch adds, in its transaction; the whole run took ${fmtMs(run.durationMs)} with it (${((100 * rollupWriteMs) / run.durationMs).toFixed(1)}%)`,
        });

        // The answers are compared before ingestion starts (afterwards the data moves between two reads).
        const inputs = SCORECARD_GROUP_BYS.map((groupBy) => ({
          ruleSetKey,
          groupBy,
          period: 'quarter' as const,
          from: new Date('2025-04-01'),
          to: new Date('2026-09-30'),
          asOf: AS_OF,
        }));
        const identical = new Map<string, boolean>();
        for (const input of inputs) {
          const direct = await computeScorecard(db, { ...input, source: 'direct' });
          const rollup = await computeScorecard(db, { ...input, source: 'rollup' });
          identical.set(input.groupBy, JSON.stringify(direct) === JSON.stringify(rollup));
        }

        // Ingestion while measuring: opportunity edits (amount and stage kept valid) through the real write path.
        const deals = await db.sql.query<Record<string, unknown>>(
          `SELECT o.key, a.key AS account_key, o.name, o.type::text AS type, o.amount::text AS amount, o.currency, o.stage,
                  o.created_at, o.closed_at FROM opportunity o JOIN account a ON a.id = o.account_id ORDER BY o.key LIMIT 500`,
        );
        let ingesting = true;
        let edits = 0;
        const ingestion = (async () => {
          while (ingesting) {
            const d = deals[edits % deals.length]!;
            await upsertOpportunity(
              db.prisma,
              {
                key: d.key,
                accountKey: d.account_key,
                name: d.name,
                type: d.type,
                amount: (Number(d.amount) + (edits % 7) + 1).toFixed(2),
                currency: d.currency,
                stage: d.stage,
                createdAt: new Date(d.created_at as string).toISOString(),
                closedAt: d.closed_at === null ? null : new Date(d.closed_at as string).toISOString(),
              },
              'bench',
            );
            edits++;
          }
        })();
        try {
          for (const input of inputs) {
            const groupBy = input.groupBy;
            ctx.log(`${label}: scorecard by ${groupBy}`);
            const directMs = await p95(reps, () => computeScorecard(db, { ...input, source: 'direct' }));
            const rollupMs = await p95(reps, () => computeScorecard(db, { ...input, source: 'rollup' }));
            const same = identical.get(groupBy) === true;
            measured[groupBy] = { directMs, rollupMs, identical: same };
            const met = rollupMs <= SCORECARD_TARGET_MS ? 'met' : 'not met';
            rows.push(
              {
                section: 'reports',
                case: `${label}: scorecard by ${groupBy}`,
                metric: 'p95 direct',
                value: fmtMs(directMs),
                note: `${reps} reps, uncached, while ingesting`,
              },
              {
                section: 'reports',
                case: `${label}: scorecard by ${groupBy}`,
                metric: 'p95 rollup',
                value: fmtMs(rollupMs),
                ratio: fmtRatio(directMs / rollupMs),
                note: `target <= ${SCORECARD_TARGET_MS} ms: ${met}; ${same ? 'identical answers' : 'ANSWERS DIFFER'}; ${rollupRows.toLocaleString('en-US')} rollup rows for ${run.allocations.toLocaleString('en-US')} allocations`,
              },
            );
          }
          ctx.log(`${label}: hygiene`);
          const hygieneMs = await p95(Math.min(reps, 3), () => computeHygiene(db, { asOf: AS_OF }));
          measured.hygieneMs = hygieneMs;
          rows.push({
            section: 'reports',
            case: `${label}: hygieneReport`,
            metric: 'p95',
            value: fmtMs(hygieneMs),
            note: `target <= ${HYGIENE_TARGET_MS} ms: ${hygieneMs <= HYGIENE_TARGET_MS ? 'met' : 'not met'}; while ingesting`,
          });
        } finally {
          ingesting = false;
          await ingestion;
        }
        measured.ingestedEdits = edits;
        data[String(size)] = measured;
      } finally {
        await db.close();
      }
    }
    return { rows, data: { postgres: data }, skipped: [] };
  },
};

export default section;
