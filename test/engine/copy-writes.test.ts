// On PostgreSQL a run writes its allocations with COPY … FROM STDIN; PGlite
// (and `copy: false`) writes them with one INSERT over a JSON document. The
// two paths must store the same rows, byte for byte, including values COPY's
// text format has to escape (backslashes, tabs, newlines, quotes, non-ASCII).
// The rows of a real run are read back, roughened with such characters, and
// written again through each path into two copies of the run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AllocationRow } from '../../src/engine/allocations.js';
import type { SharedExplanation } from '../../src/engine/explanations.js';
import { startRun } from '../../src/engine/run.js';
import { type AllocationTags, insertAllocations, PartnerDirectory } from '../../src/engine/store.js';
import type { Lane } from '../../src/domain/enums.js';
import { createRuleSet, publishRuleVersion, saveDraft } from '../../src/rules/index.js';
import { seedDatabase } from '../../src/seed/seed.js';
import { createTestDatabase, describePostgresOnly, type TestDatabase } from '../support/db.js';

let db: TestDatabase;
let runId: string;

/** A copy of the run's row under a new id (no rows of its own yet). */
async function cloneRun(): Promise<string> {
  const [row] = await db.sql.query<{ id: string }>(
    `INSERT INTO attribution_run
     SELECT (jsonb_populate_record(NULL::attribution_run, to_jsonb(r) || jsonb_build_object('id', gen_random_uuid()))).*
       FROM attribution_run r WHERE r.id = $1::uuid
     RETURNING id::text AS id`,
    [runId],
  );
  return row!.id;
}

interface StoredRow {
  opportunity_id: string;
  partner_key: string | null;
  lane: Lane;
  role: string;
  share: string;
  amount: string;
  currency: string;
  touches: string[];
  own: AllocationRow['explanation'];
  excluded: unknown;
  lanes: unknown;
  override_id: string | null;
}

async function readRows(run: string): Promise<StoredRow[]> {
  return db.sql.query<StoredRow>(
    `SELECT ca.opportunity_id::text AS opportunity_id, p.key AS partner_key, ca.lane::text AS lane, ca.role,
            ca.share::text AS share, ca.amount::text AS amount, ca.currency,
            ca.contributing_touchpoint_ids::text[] AS touches, ca.explanation AS own, ce.excluded, ce.lanes,
            ca.override_id::text AS override_id
       FROM credit_allocation ca LEFT JOIN partner p ON p.id = ca.partner_id
       LEFT JOIN credit_explanation ce ON ce.run_id = ca.run_id AND ce.opportunity_id = ca.opportunity_id
      WHERE ca.run_id = $1::uuid
      ORDER BY ca.opportunity_id, ca.lane, p.key NULLS FIRST, ca.role, ca.share`,
    [run],
  );
}

/** Every stored column but the ids, with the whole explanation as rendered, in a stable order. */
async function snapshot(run: string): Promise<string[]> {
  const rows = await db.sql.query<{ line: string }>(
    `SELECT concat_ws(' | ', ca.opportunity_id::text, coalesce(p.key, '-'), ca.lane::text, ca.role, ca.share::text,
                      ca.amount::text, ca.currency, ca.contributing_touchpoint_ids::text, ca.is_current::text,
                      coalesce(ca.override_id::text, '-'), ca.rule_version_id::text, coalesce(ca.rule_version_number::text, '-'),
                      ca.source_hash, ca.explanation::text, credit_explanation_of(ca)::text) AS line
       FROM credit_allocation ca LEFT JOIN partner p ON p.id = ca.partner_id
      WHERE ca.run_id = $1::uuid`,
    [run],
  );
  return rows.map((r) => r.line).sort();
}

const ROUGH = ' tab\there, line\nbreak, cr\r, back\\slash \\N, "quoted", ünïcödé €, emoji 🚀';

/** The rows as a run hands them to insertAllocations, with COPY's special characters in every explanation message. */
function asAllocationRows(stored: StoredRow[], suffix = ROUGH): AllocationRow[] {
  const seen = new Set<string>();
  const rough = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value), (k, v) => (k === 'message' && typeof v === 'string' ? v + suffix : v));
  return stored.map((r) => {
    const first = !seen.has(r.opportunity_id);
    seen.add(r.opportunity_id);
    return {
      opportunityId: r.opportunity_id,
      partnerKey: r.partner_key,
      lane: r.lane,
      role: r.role,
      share: r.share,
      amount: r.amount,
      currency: r.currency,
      contributingTouchpointIds: r.touches,
      explanation: rough(r.own) as AllocationRow['explanation'],
      overrideId: r.override_id,
      ...(first && r.excluded !== null ? { shared: rough({ excluded: r.excluded, lanes: r.lanes }) as SharedExplanation } : {}),
    };
  });
}

describePostgresOnly('allocation writes: COPY and INSERT store the same rows', 'COPY is the PostgreSQL write path', () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDatabase(db, { opportunities: 40, touchpointsPerOpportunity: 8, seed: 5 });
    const file = join(import.meta.dirname, '..', '..', 'dsl', 'two_lane.attr');
    if (!(await db.prisma.ruleSet.findUnique({ where: { key: 'two_lane' } }))) await createRuleSet(db, { key: 'two_lane', actor: 'test' });
    const { ruleVersion } = await saveDraft(db, { ruleSetKey: 'two_lane', source: readFileSync(file, 'utf8'), author: 'test', file });
    const { ruleVersion: version } = await publishRuleVersion(db, { ruleVersionId: ruleVersion.id, actor: 'test' });
    const run = await startRun(db, { ruleVersionId: version.id, kind: 'full', triggeredBy: 'test', asOf: '2026-10-31T00:00:00.000Z' });
    runId = run.runId;
  }, 180_000);
  afterAll(async () => {
    await db?.close();
  });

  /** Writes the run's rows roughened with `suffix` through both paths and compares what landed. */
  async function compareWrites(suffix: string) {
    const stored = await readRows(runId);
    expect(stored.length).toBeGreaterThan(40);
    expect(stored.some((r) => r.partner_key !== null)).toBe(true);
    const rows = asAllocationRows(stored, suffix);
    const [tag] = await db.sql.query<{ v: string; n: number | null; h: string }>(
      'SELECT rule_version_id::text AS v, rule_version_number AS n, source_hash AS h FROM credit_allocation WHERE run_id = $1::uuid LIMIT 1',
      [runId],
    );
    const written: Record<'copy' | 'insert', string> = { copy: await cloneRun(), insert: await cloneRun() };
    for (const path of ['copy', 'insert'] as const) {
      const tags: AllocationTags = { runId: written[path], ruleVersionId: tag!.v, ruleVersionNumber: tag!.n, sourceHash: tag!.h };
      const n = await insertAllocations(db.sql, tags, rows, new PartnerDirectory(db.sql), undefined, { copy: path === 'copy' });
      expect(n, path).toBe(rows.length);
    }
    const viaCopy = await snapshot(written.copy);
    const viaInsert = await snapshot(written.insert);
    expect(viaCopy.length).toBe(rows.length);
    expect(viaCopy).toEqual(viaInsert);
    // The characters arrived intact (not merely equally mangled).
    const messages = await db.sql.query<{ m: string }>(
      `SELECT credit_explanation_of(ca) #>> '{steps,0,message}' AS m FROM credit_allocation ca
        WHERE run_id = $1::uuid AND jsonb_array_length(credit_explanation_of(ca) -> 'steps') > 0 LIMIT 1`,
      [written.copy],
    );
    expect(messages[0]!.m.endsWith(suffix)).toBe(true);
  }

  it('byte for byte, escaping included', async () => {
    await compareWrites(ROUGH);
  }, 120_000);

  it('byte for byte when lines straddle COPY chunks or outgrow one (multi-byte characters at the edges)', async () => {
    // ~24,000 characters per message: rows of hundreds of KB, around and above a chunk's 256 KB.
    await compareWrites(ROUGH.repeat(300));
  }, 180_000);
});
