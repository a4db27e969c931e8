// Equivalence of the rollup-based scorecard and the direct one on random
// data: the seeded demo generator (a random seed, replay with
// ROLLUP_TEST_SEED), the real two-lane rules, a full run, then random steps
// in random order through the real write paths — opportunity edits
// (upsertOpportunity: stage, close day, amount, currency, type), partner
// type changes (upsertPartner), recomputes,
// disputes raised and resolved into overrides, touch ingestion (new touches,
// moved touches, channel edits) and soft deletes, CSV imports of
// opportunities and touchpoints, withdrawals (a deal moved out
// of every published version's window, recomputed), a second published
// version with its full run — and after each step every grouping, monthly and
// by (fiscal) quarter, in two reporting currencies, must be identical from
// report_rollup and from the allocation rows, and the maintained rollup must
// equal a rebuild from scratch.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rebuildReportRollup } from '../../src/engine/report-rollup.js';
import { recomputeOpportunities } from '../../src/engine/recompute.js';
import { startRun } from '../../src/engine/run.js';
import { raiseDispute, resolveDispute } from '../../src/governance/disputes.js';
import { importDirectory } from '../../src/import/import-directory.js';
import { upsertOpportunity } from '../../src/ingest/opportunities.js';
import { deleteTouchpoint, ingestTouchpoints } from '../../src/ingest/touchpoints.js';
import { upsertPartner } from '../../src/ingest/partners.js';
import { computeScorecard, SCORECARD_GROUP_BYS, type ScorecardInput } from '../../src/reports/scorecard.js';
import { createRuleSet, publishRuleVersion, saveDraft } from '../../src/rules/index.js';
import { SEED_AS_OF } from '../../src/seed/reference.js';
import { seedDatabase } from '../../src/seed/seed.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';

const SEED = Number(process.env.ROLLUP_TEST_SEED ?? Date.now() % 100_000);

/** mulberry32: a small seeded PRNG, so a failure replays with ROLLUP_TEST_SEED. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let db: TestDatabase;
const random = prng(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const sample = <T>(items: readonly T[], n: number): T[] => [...new Set(Array.from({ length: n }, () => pick(items)))];
let ruleVersionId = '';
let ruleSetId = '';
const RULES = readFileSync(new URL('../../dsl/two_lane.attr', import.meta.url), 'utf8').replace(
  'effective from 2026-01-01',
  'effective from 2024-01-01',
);

async function ids(sql: string): Promise<string[]> {
  return (await db.sql.query<{ id: string }>(sql)).map((r) => r.id);
}

async function publish(source: string): Promise<string> {
  const { ruleVersion } = await saveDraft(db, { ruleSetKey: 'two_lane', source, author: 'test' });
  return (await publishRuleVersion(db, { ruleVersionId: ruleVersion.id, actor: 'test', retireOverlapping: true })).ruleVersion.id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase(db, { opportunities: 80, touchpointsPerOpportunity: 4, seed: SEED % 997, progress: false, actor: 'test' });
  // Other currencies: EUR and GBP deals, rates on some days only (the nearest earlier applies).
  await db.sql.query(
    `UPDATE opportunity SET currency = CASE WHEN abs(hashtext(key || $1)) % 2 = 0 THEN 'EUR' ELSE 'GBP' END
      WHERE abs(hashtext($1 || key)) % 10 < 3`,
    [String(SEED)],
  );
  await db.sql.query(`INSERT INTO fx_rate (currency, date, rate, updated_at)
    SELECT c, d::date, (1 + (extract(doy FROM d) % 17) / 97.0)::numeric(20,10), now()
      FROM unnest(ARRAY['EUR', 'GBP', 'USD']) c, generate_series('2023-01-01'::date, '2026-12-31'::date, interval '9 days') d`);
  await createRuleSet(db, { key: 'two_lane', actor: 'test' });
  ruleSetId = (await ids(`SELECT id::text AS id FROM rule_set WHERE key = 'two_lane'`))[0]!;
  ruleVersionId = await publish(RULES);
  await startRun(db, { ruleVersionId, kind: 'full', triggeredBy: 'test', asOf: SEED_AS_OF });
});
afterAll(async () => {
  await db?.close();
});

type Outcome = { ok: unknown } | { error: string };

async function score(input: Omit<ScorecardInput, 'ruleSetKey'>, source: 'direct' | 'rollup'): Promise<Outcome> {
  try {
    return { ok: await computeScorecard(db, { ruleSetKey: 'two_lane', ...input, source }) };
  } catch (err) {
    return { error: `${(err as { code?: string }).code}: ${(err as Error).message}` };
  }
}

/** Every rollup table, row by row (maintained vs rebuilt). */
const SNAPSHOT = [
  `SELECT rule_set_id::text, grouping, group_key, rule_version_id::text, kind, day::text, opportunity_type, currency,
          deals, involved_deals, sourced::text, influenced::text, involved_amount::text, involved_days::text
     FROM report_rollup ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`,
  `SELECT rule_set_id::text, grouping, group_key, rule_version_id::text, kind, month::text, opportunity_type, currency,
          deals, involved_deals, sourced::text, influenced::text, involved_amount::text, involved_days::text
     FROM report_rollup_month ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`,
  `SELECT rule_set_id::text, grouping, group_key, rule_version_id::text, month::text, bucket, deals
     FROM report_tti_bucket ORDER BY 1, 2, 3, 4, 5, 6`,
  `SELECT rule_set_id::text, grouping, group_key, bucket, month::text, rule_version_id::text, latency::text, deals
     FROM report_tti_value ORDER BY 1, 2, 3, 4, 5, 6, 7`,
];

async function snapshot(): Promise<unknown[][]> {
  const tables: unknown[][] = [];
  for (const sql of SNAPSHOT) tables.push(await db.sql.query(sql));
  return tables;
}

/** Every grouping × period × fiscal start × reporting currency: rollup = direct; the rollup = a rebuild. */
async function expectEquivalent(step: string, extra: Partial<ScorecardInput> = {}): Promise<void> {
  const base = { from: new Date('2025-01-01'), to: new Date('2026-12-31'), asOf: new Date('2026-09-30'), ...extra };
  for (const groupBy of SCORECARD_GROUP_BYS) {
    for (const variant of [
      { period: 'quarter' as const, fiscalYearStart: 1, reportingCurrency: 'USD' },
      { period: 'month' as const, fiscalYearStart: 1, reportingCurrency: 'USD' },
      { period: 'quarter' as const, fiscalYearStart: 2, reportingCurrency: 'EUR' },
    ]) {
      const input = { ...base, ...variant, groupBy };
      const rollup = await score(input, 'rollup');
      const direct = await score(input, 'direct');
      expect(rollup, `seed ${SEED}, ${step}: ${groupBy} ${JSON.stringify(variant)}`).toEqual(direct);
    }
  }
  const maintained = await snapshot();
  await db.sql.transaction((tx) => rebuildReportRollup(tx, ruleSetId));
  expect(maintained, `seed ${SEED}, ${step}: maintained rollup vs rebuilt`).toEqual(await snapshot());
}

interface OppRow {
  id: string;
  key: string;
  account_key: string;
  name: string;
  type: string;
  amount: string;
  currency: string;
  stage: string;
  created_at: Date | string;
  closed_at: Date | string | null;
}

describeDatabase('report rollups', () => {
  it(`the rollup-based scorecard equals the direct one through runs, edits, recomputes, disputes and withdrawals (seed ${SEED})`, async () => {
    const stages = await db.sql.query<{ key: string; outcome: string }>(
      `SELECT key, outcome FROM taxonomy_entry WHERE kind = 'opportunity-stage' AND active`,
    );
    const opps = await ids('SELECT id::text AS id FROM opportunity ORDER BY key');
    let withdrawn = 0;

    // Not vacuous: the data has credit, won revenue, converted deals, and rollup rows.
    const card = await score({ groupBy: 'partner', period: 'quarter', from: new Date('2025-01-01'), to: new Date('2026-12-31') }, 'rollup');
    expect('ok' in card, JSON.stringify(card)).toBe(true);
    const ok = (card as { ok: { rows: { sourcedRevenue: string }[]; provenance: { currency: { converted: unknown[] } } } }).ok;
    expect(ok.rows.some((r) => r.sourcedRevenue !== '0.00')).toBe(true);
    expect(ok.provenance.currency.converted.length).toBeGreaterThan(0);
    for (const table of ['report_rollup', 'report_rollup_month', 'report_tti_bucket', 'report_tti_value']) {
      expect((await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n, table).toBeGreaterThan(0);
    }
    await expectEquivalent('after the full run');

    const edit = async (id: string, change: (o: OppRow) => Record<string, unknown>) => {
      const [o] = await db.sql.query<OppRow>(
        `SELECT o.id::text AS id, o.key, a.key AS account_key, o.name, o.type::text AS type, o.amount::text AS amount, o.currency,
                o.stage, o.created_at, o.closed_at
           FROM opportunity o JOIN account a ON a.id = o.account_id WHERE o.id = $1::uuid`,
        [id],
      );
      const input = {
        key: o!.key,
        accountKey: o!.account_key,
        name: o!.name,
        type: o!.type,
        amount: o!.amount,
        currency: o!.currency,
        stage: o!.stage,
        createdAt: new Date(o!.created_at).toISOString(),
        closedAt: o!.closed_at === null ? null : new Date(o!.closed_at).toISOString(),
        ...change(o!),
      };
      await upsertOpportunity(db.prisma, input, 'test');
    };

    const channels = (await db.sql.query<{ key: string }>(`SELECT key FROM taxonomy_entry WHERE kind = 'channel' AND active`)).map(
      (r) => r.key,
    );
    /** A random instant in 2025-2026 (some after the credit was written: stale time-to-insight). */
    // Between 2025-01-01 and the seed's as-of date: never in the future, which ingestion refuses.
    const firstInstant = Date.UTC(2025, 0, 1);
    const instant = () => new Date(firstInstant + Math.floor(random() * (SEED_AS_OF.getTime() - firstInstant))).toISOString();
    const touchRows = (n: number) =>
      db.sql.query<{
        id: string;
        source: string;
        external_id: string;
        partner_key: string;
        opportunity_key: string;
        action: string;
        channel: string;
        occurred_at: Date;
      }>(
        `SELECT t.id::text AS id, t.source, t.external_id, p.key AS partner_key, o.key AS opportunity_key, t.action, t.channel::text AS channel,
                t.occurred_at
           FROM touchpoint t JOIN partner p ON p.id = t.partner_id JOIN opportunity o ON o.id = t.opportunity_id
          WHERE t.deleted_at IS NULL ORDER BY md5(t.id::text || $1) LIMIT $2`,
        [String(random()), n],
      );
    const oppKeys = await db.sql.query<{ key: string }>('SELECT key FROM opportunity ORDER BY key');

    const steps: [string, () => Promise<void>][] = [
      [
        'touch ingestion (new touches, moved touches, channel edits)',
        async () => {
          const existing = await touchRows(6);
          const inputs = [
            ...existing.map((t, i) => ({
              source: t.source,
              externalId: t.external_id,
              partnerKey: t.partner_key,
              opportunityKey: i % 3 === 0 ? pick(oppKeys).key : t.opportunity_key,
              accountKey: null,
              action: t.action,
              channel: pick(channels),
              occurredAt: i % 2 === 0 ? instant() : new Date(t.occurred_at).toISOString(),
            })),
            ...Array.from({ length: 5 }, (_, i) => ({
              source: 'rollup_test',
              externalId: `RT-${Math.floor(random() * 1e9)}-${i}`,
              partnerKey: pick(existing).partner_key,
              opportunityKey: pick(oppKeys).key,
              accountKey: null,
              action: pick(existing).action,
              channel: pick(channels),
              occurredAt: instant(),
            })),
          ];
          const result = await ingestTouchpoints(db, inputs, { actor: 'test' });
          expect(result.counts.rejected, JSON.stringify(result.items.filter((i) => i.status === 'rejected'))).toBe(0);
        },
      ],
      [
        'touches deleted',
        async () => {
          for (const t of await touchRows(3)) expect((await deleteTouchpoint(db.prisma, t.id, 'test'))?.changed).toBe(true);
        },
      ],
      [
        'a CSV import of opportunities and touchpoints',
        async () => {
          const rows = await db.sql.query<OppRow>(
            `SELECT o.id::text AS id, o.key, a.key AS account_key, o.name, o.type::text AS type, o.amount::text AS amount, o.currency,
                    o.stage, o.created_at, o.closed_at
               FROM opportunity o JOIN account a ON a.id = o.account_id ORDER BY md5(o.key || $1) LIMIT 4`,
            [String(random())],
          );
          const iso = (d: Date | string | null) => (d === null ? '' : new Date(d).toISOString());
          const opportunities = rows.map((o) => {
            const stage = pick(stages);
            const closed =
              stage.outcome === 'open' ? '' : iso(new Date(new Date(o.created_at).getTime() + Math.floor(random() * 300) * 86_400_000));
            const amount = (Number(o.amount) + Math.floor(random() * 50_000) / 100).toFixed(2);
            return `${o.key},${o.account_key},"${o.name.replaceAll('"', '""')}",${pick(['new_business', 'expansion', 'renewal'])},${amount},${pick(['USD', 'EUR', 'GBP'])},${stage.key},${iso(o.created_at)},${closed}`;
          });
          const existing = await touchRows(3);
          const touchpoints = [
            ...existing.map(
              (t) => `${t.external_id},${t.source},${pick(oppKeys).key},${t.partner_key},${t.action},${pick(channels)},${instant()},,,,,`,
            ),
            `CSV-${Math.floor(random() * 1e9)},rollup_csv,${pick(oppKeys).key},${existing[0]!.partner_key},${existing[0]!.action},${pick(channels)},${instant()},,,,,`,
          ];
          const dir = await mkdtemp(join(tmpdir(), 'attrib-rollups-'));
          try {
            await writeFile(
              join(dir, 'opportunities.csv'),
              `key,account,name,type,amount,currency,stage,created_at,closed_at\n${opportunities.join('\n')}\n`,
            );
            await writeFile(
              join(dir, 'touchpoints.csv'),
              `external_id,source,opportunity,partner,action,channel,occurred_at,proof,owner,next_step,engagement_depth,declared_role\n${touchpoints.join('\n')}\n`,
            );
            const summary = await importDirectory(db, dir);
            expect(summary.ok, JSON.stringify(summary)).toBe(true);
          } finally {
            await rm(dir, { recursive: true, force: true });
          }
        },
      ],
      [
        'opportunity edits',
        async () => {
          for (const id of sample(opps, 6)) {
            await edit(id, (o) => {
              const stage = pick(stages);
              const created = new Date(o.created_at);
              const close = new Date(created.getTime() + Math.floor(random() * 200) * 86_400_000 + Math.floor(random() * 86_400_000));
              return {
                stage: stage.key,
                closedAt: stage.outcome === 'open' ? null : close.toISOString(),
                amount: (Number(o.amount) + Math.floor(random() * 100_000) / 100).toFixed(2),
                currency: pick(['USD', 'EUR', 'GBP']),
                type: pick(['new_business', 'expansion', 'renewal']),
              };
            });
          }
        },
      ],
      [
        'a partner type change',
        async () => {
          const types = await db.sql.query<{ key: string }>(`SELECT key FROM taxonomy_entry WHERE kind = 'partner-type' AND active`);
          const [p] = await db.sql.query<{ key: string; name: string; type: string; owner: string | null }>(
            `SELECT p.key, p.name, p.type::text AS type, p.owner FROM partner p
              WHERE EXISTS (SELECT 1 FROM credit_allocation ca WHERE ca.partner_id = p.id AND ca.is_current AND ca.amount > 0)
              ORDER BY p.key OFFSET $1 LIMIT 1`,
            [Math.floor(random() * 3)],
          );
          const type = pick(types.filter((t) => t.key !== p!.type)).key;
          const result = await upsertPartner(db.prisma, { key: p!.key, name: p!.name, type, owner: p!.owner }, 'test');
          expect(result.status).toBe('updated');
        },
      ],
      [
        'a recompute of changed deals',
        async () => {
          await recomputeOpportunities(db, sample(opps, 15), { triggeredBy: 'test', asOf: SEED_AS_OF });
        },
      ],
      [
        'a dispute approved into an override (recomputed)',
        async () => {
          const [alloc] = await db.sql.query<{ id: string }>(
            `SELECT id::text AS id FROM credit_allocation WHERE is_current AND partner_id IS NOT NULL AND amount > 0
              ORDER BY id OFFSET $1 LIMIT 1`,
            [Math.floor(random() * 20)],
          );
          const dispute = await raiseDispute(db, {
            allocationId: alloc!.id,
            raisedBy: 'alice',
            reason: 'ours',
            requested: { lane: 'source', role: 'sourced', share: '1' },
          });
          await resolveDispute(db, { disputeId: dispute.id, resolver: 'bob', decision: 'approved', resolution: 'agreed' });
        },
      ],
      [
        'a withdrawal (a deal moved before every version, recomputed)',
        async () => {
          const [id] = await ids(`SELECT DISTINCT opportunity_id::text AS id FROM credit_allocation WHERE is_current ORDER BY 1 LIMIT 1`);
          await edit(id!, () => ({
            createdAt: '2023-03-01T10:00:00Z',
            closedAt: '2023-06-01T10:00:00Z',
            stage: pick(stages.filter((s) => s.outcome === 'won')).key,
          }));
          const result = await recomputeOpportunities(db, [id!], { triggeredBy: 'test', asOf: SEED_AS_OF });
          withdrawn += Object.values(result.withdrawn).flat().length;
        },
      ],
      [
        'a second published version and its full run',
        async () => {
          ruleVersionId = await publish(`${RULES}\n# version ${Math.floor(random() * 1e6)}: the same rules, republished\n`);
          await startRun(db, { ruleVersionId, kind: 'full', triggeredBy: 'test', asOf: SEED_AS_OF });
        },
      ],
    ];
    // Random order, each step once or twice.
    const order = [...steps, ...sample(steps, 3)].sort(() => random() - 0.5);
    for (const [name, step] of order) {
      await step();
      await expectEquivalent(name);
    }
    expect(withdrawn, 'a withdrawal happened').toBeGreaterThan(0);
    // A version's own current results are served by the rollup too.
    await expectEquivalent('the latest version selected', { ruleVersionId });
  }, 600_000);
});
