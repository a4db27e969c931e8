// Compact explanations (src/engine/explanations.ts): a run stores the part of
// an opportunity's explanations its rows share once (credit_explanation) and
// each row its own part; readers render the whole document. For every
// standard model on the demo seed, the rendered explanations (in SQL with
// credit_explanation_of and in TypeScript with renderExplanation) are byte for
// byte the documents the rows held when each carried everything — computed
// here independently from the same evaluation (fullAllocationRows).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fullAllocationRows } from '../../src/engine/allocations.js';
import { compileCached, defaultRulesLanguage } from '../../src/engine/compile.js';
import { inlineEvaluator } from '../../src/engine/evaluator.js';
import { renderExplanation, type SharedExplanation } from '../../src/engine/explanations.js';
import { loadOpportunityPage } from '../../src/engine/facts.js';
import { fromRuleResult } from '../../src/engine/overrides.js';
import { loadBatch, loadVersionInfo, startRun } from '../../src/engine/run.js';
import { OpportunityFilter } from '../../src/engine/scope.js';
import type { Lane } from '../../src/domain/enums.js';
import { seedDatabase } from '../../src/seed/seed.js';
import { arrayLiteral } from '../../src/db/sql-arrays.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';
import { publishStandardModels } from './support/standard-models.js';

const AS_OF = '2026-10-31T00:00:00.000Z';
let db: TestDatabase;
let versions = new Map<string, string>();

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase(db, { opportunities: 60, touchpointsPerOpportunity: 10, seed: 11 });
  versions = await publishStandardModels(db);
}, 180_000);
afterAll(async () => {
  await db?.close();
});

/** The whole documents the run's rows must render to, per opportunity: sorted "lane|partner|role|share|amount|jsonb text". */
async function expectedDocuments(ruleVersionId: string): Promise<Map<string, string[]>> {
  const version = await loadVersionInfo(db.sql, ruleVersionId);
  const program = compileCached(await defaultRulesLanguage(), version.source, version.vocabulary);
  const batch = await loadBatch(
    db.sql,
    (c) => loadOpportunityPage(db.sql, new OpportunityFilter().window(version.window).after(c), 10_000),
    null,
    null,
  );
  const results = await inlineEvaluator(program).evaluate(batch.facts, new Date(AS_OF));
  const rows = batch.facts.flatMap((f, i) => fullAllocationRows(f, fromRuleResult(results[i]!)));
  // jsonb's text of each document: what reading the column gave when rows carried everything.
  const texts = await db.sql.query<{ t: string }>(
    'SELECT x::jsonb::text AS t FROM unnest($1::text[]) WITH ORDINALITY AS u(x, n) ORDER BY n',
    [arrayLiteral(rows.map((r) => JSON.stringify(r.explanation)))],
  );
  const map = new Map<string, string[]>();
  rows.forEach((r, i) => {
    const list = map.get(r.opportunityId) ?? [];
    list.push([r.lane, r.partnerKey ?? '', r.role, r.share, r.amount, texts[i]!.t].join('|'));
    map.set(r.opportunityId, list);
  });
  for (const list of map.values()) list.sort();
  return map;
}

function grouped(rows: { o: string; line: string }[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.o, [...(map.get(r.o) ?? []), r.line]);
  for (const list of map.values()) list.sort();
  return map;
}

describeDatabase('compact explanations render to the whole documents', () => {
  it('every standard model, in SQL and in TypeScript, byte for byte; fewer bytes stored', async () => {
    expect(versions.size).toBe(7);
    for (const [key, id] of versions) {
      const run = await startRun(db, { ruleVersionId: id, kind: 'full', triggeredBy: 'test', asOf: AS_OF });
      expect(run.opportunities, key).toBeGreaterThan(0);
      const expected = await expectedDocuments(id);
      const stored = await db.sql.query<{
        o: string;
        line: string;
        lane: Lane;
        own: unknown;
        excluded: unknown;
        lanes: unknown;
        prefix: string;
        own_bytes: number;
        shared_bytes: number;
      }>(
        `SELECT ca.opportunity_id::text AS o,
                concat_ws('|', ca.lane::text, coalesce(p.key, ''), ca.role, ca.share::text, ca.amount::text, credit_explanation_of(ca)::text) AS line,
                concat_ws('|', ca.lane::text, coalesce(p.key, ''), ca.role, ca.share::text, ca.amount::text) AS prefix,
                ca.lane::text AS lane, ca.explanation AS own, ce.excluded, ce.lanes,
                octet_length(ca.explanation::text) AS own_bytes, octet_length(ce.excluded::text) + octet_length(ce.lanes::text) AS shared_bytes
           FROM credit_allocation ca LEFT JOIN partner p ON p.id = ca.partner_id
           LEFT JOIN credit_explanation ce ON ce.run_id = ca.run_id AND ce.opportunity_id = ca.opportunity_id
          WHERE ca.run_id = $1::uuid`,
        [run.runId],
      );
      expect(stored.length, key).toBe(run.allocations);
      expect(
        stored.every((r) => r.excluded !== null),
        key,
      ).toBe(true);
      const fromSql = grouped(stored);
      expect([...fromSql.keys()].sort(), key).toEqual([...expected.keys()].sort());
      for (const [o, lines] of expected) expect(fromSql.get(o), `${key} ${o}`).toEqual(lines);

      // The TypeScript renderer (GraphQL's path) gives the same documents.
      const rendered = stored.map((r) =>
        JSON.stringify(renderExplanation(r.own as never, { excluded: r.excluded, lanes: r.lanes } as SharedExplanation, r.lane)),
      );
      const texts = await db.sql.query<{ t: string }>(
        'SELECT x::jsonb::text AS t FROM unnest($1::text[]) WITH ORDINALITY AS u(x, n) ORDER BY n',
        [arrayLiteral(rendered)],
      );
      const fromTs = grouped(stored.map((r, i) => ({ o: r.o, line: `${r.prefix}|${texts[i]!.t}` })));
      for (const [o, lines] of expected) expect(fromTs.get(o), `${key} ${o} (TypeScript)`).toEqual(lines);

      // Stored bytes: each row's own part plus each opportunity's shared part once, against the whole documents.
      const whole = [...expected.values()].flat().reduce((n, l) => n + Buffer.byteLength(l.split('|').slice(5).join('|')), 0);
      const seen = new Set<string>();
      let compact = 0;
      for (const r of stored) {
        compact += r.own_bytes;
        if (!seen.has(r.o)) compact += r.shared_bytes;
        seen.add(r.o);
      }
      // A model whose lanes have one row each shares little (a few bytes of structure more); two_lane shares much.
      expect(compact, key).toBeLessThanOrEqual(whole * 1.01);
      if (key === 'two_lane') expect(compact / whole, key).toBeLessThan(0.8);
    }
  }, 300_000);

  it('reads a row whose run wrote no shared part (the old format) as stored', async () => {
    const [row] = await db.sql.query<{ id: string; doc: string }>(
      `SELECT id::text AS id, credit_explanation_of(ca)::text AS doc FROM credit_allocation ca WHERE is_current LIMIT 1`,
    );
    await db.sql.query('UPDATE credit_allocation SET explanation = $2::jsonb WHERE id = $1::uuid', [row!.id, row!.doc]);
    await db.sql.query(
      'DELETE FROM credit_explanation ce USING credit_allocation ca WHERE ca.id = $1::uuid AND ce.run_id = ca.run_id AND ce.opportunity_id = ca.opportunity_id',
      [row!.id],
    );
    const [after] = await db.sql.query<{ doc: string }>(
      'SELECT credit_explanation_of(ca)::text AS doc FROM credit_allocation ca WHERE id = $1::uuid',
      [row!.id],
    );
    expect(after!.doc).toBe(row!.doc);
    expect(JSON.parse(after!.doc)).toHaveProperty('excluded');
  });

  it("deleting a run's rows deletes their shared parts", async () => {
    const [run] = await db.sql.query<{ run_id: string }>('SELECT run_id::text AS run_id FROM credit_explanation LIMIT 1');
    await db.sql.query('UPDATE credit_allocation SET is_current = false WHERE run_id = $1::uuid', [run!.run_id]);
    await db.sql.query('DELETE FROM credit_allocation WHERE run_id = $1::uuid', [run!.run_id]);
    const [left] = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM credit_explanation WHERE run_id = $1::uuid', [
      run!.run_id,
    ]);
    expect(left!.n).toBe(0);
  });
});
