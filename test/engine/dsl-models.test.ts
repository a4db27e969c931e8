// The standard models (dsl/models/*.attr, dsl/two_lane.attr) run through the
// same lifecycle and engine: published with their in-file tests, run over
// data, inline and on worker threads with identical results.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, backendLabel, type TestDatabase } from '../support/db.js';
import { startRun } from '../../src/engine/run.js';
import { exportAllocationsCsv } from '../../src/engine/export.js';
import { currentAllocations, insertOpportunities } from './support/data.js';
import { parseShare, SHARE_ONE } from '../../src/domain/decimal.js';
import { publishStandardModels } from './support/standard-models.js';

const AS_OF = '2026-09-30T00:00:00.000Z';
let db: TestDatabase;
let versions = new Map<string, string>();

beforeAll(async () => {
  db = await createTestDatabase();
  await insertOpportunities(db, [
    {
      key: 'D-1',
      amount: '120000.00',
      createdAt: '2026-01-01T00:00:00Z',
      closedAt: '2026-04-01T00:00:00Z',
      touches: [
        { partner: 'acme', action: 'referral', channel: 'referral', at: '2026-01-05T00:00:00Z', proof: 'https://crm/1' },
        { partner: 'si-co', action: 'joint_discovery', at: '2026-02-01T00:00:00Z', proof: 'notes/2', depth: 4 },
        { partner: 'sec', action: 'security_review', channel: 'services', at: '2026-03-10T00:00:00Z', proof: 'ticket 9' },
        { partner: 'mkt', action: 'webinar', channel: 'content', at: '2026-02-15T00:00:00Z' },
      ],
    },
    {
      key: 'D-2',
      amount: '33333.33',
      createdAt: '2026-02-01T00:00:00Z',
      closedAt: '2026-06-30T00:00:00Z',
      touches: [
        { partner: 'acme', action: 'validated_intro', at: '2026-02-03T00:00:00Z', proof: 'x' },
        { partner: 'beta', action: 'buyer_recommendation', at: '2026-03-03T00:00:00Z', proof: 'y' },
        { partner: 'gamma', action: 'executive_alignment', at: '2026-06-01T00:00:00Z', proof: 'z' },
      ],
    },
    { key: 'D-3', amount: '999.99', createdAt: '2026-03-01T00:00:00Z', closedAt: null },
  ]);
  versions = await publishStandardModels(db);
}, 120_000);
afterAll(async () => {
  await db?.close();
});

describe(`standard models through the engine ${backendLabel}`, () => {
  it('publishes every standard model (clean check, passing in-file tests)', () => {
    expect([...versions.keys()].sort()).toEqual(['first_touch', 'last_touch', 'linear', 'time_decay', 'two_lane', 'u_shaped', 'w_shaped']);
  });

  it('runs every model; each lane of each opportunity sums exactly', async () => {
    for (const [key, id] of versions) {
      const run = await startRun(db, { ruleVersionId: id, kind: 'full', triggeredBy: 'test', asOf: AS_OF });
      expect(run.opportunities, key).toBe(3);
    }
    const lanes = await db.sql.query<{
      key: string;
      opp: string;
      lane: string;
      shares: string;
      amounts: string;
      granted: string;
      partners: number;
      rows: number;
    }>(
      `SELECT rs.key, o.key AS opp, ca.lane::text AS lane, sum(ca.share)::text AS shares, sum(ca.amount)::text AS amounts,
              min(credit_explanation_of(ca)->'lane'->>'grantedAmount') AS granted,
              count(DISTINCT ca.partner_id)::int AS partners, count(ca.partner_id)::int AS rows
         FROM credit_allocation ca JOIN opportunity o ON o.id = ca.opportunity_id
         JOIN rule_version rv ON rv.id = ca.rule_version_id JOIN rule_set rs ON rs.id = rv.rule_set_id
        WHERE ca.is_current GROUP BY rs.key, o.key, ca.lane`,
    );
    expect(lanes.length).toBeGreaterThan(10);
    for (const l of lanes) {
      expect(parseShare(l.shares) <= SHARE_ONE, `${l.key} ${l.opp} ${l.lane}`).toBe(true);
      expect(l.amounts, `${l.key} ${l.opp} ${l.lane}`).toBe(l.granted);
      expect(l.partners, `${l.key} ${l.opp} ${l.lane} partner twice`).toBe(l.rows);
    }
    const twoLane = (await currentAllocations(db, 'two_lane')).filter((r) => r.opportunity === 'D-1');
    expect(twoLane.find((r) => r.lane === 'source')).toMatchObject({ partner: 'acme', role: 'sourced', amount: '120000.00' });
  });

  it('worker threads give byte-identical allocations to inline evaluation', async () => {
    const id = versions.get('two_lane')!;
    const inline = await startRun(db, { ruleVersionId: id, kind: 'preview', triggeredBy: 'test', asOf: AS_OF });
    const threaded = await startRun(db, { ruleVersionId: id, kind: 'preview', triggeredBy: 'test', asOf: AS_OF, workers: 2, batchSize: 2 });
    const dump = (runId: string) =>
      db.sql.query<{ doc: string }>(
        `SELECT string_agg(opportunity_id::text || lane::text || COALESCE(partner_id::text, '') || role || share::text || amount::text
              || credit_explanation_of(credit_allocation)::text || array_to_string(contributing_touchpoint_ids, ','), '#' ORDER BY opportunity_id, lane, partner_id, role) AS doc
         FROM credit_allocation WHERE run_id = $1::uuid`,
        [runId],
      );
    const [a] = await dump(inline.runId);
    const [b] = await dump(threaded.runId);
    expect(a!.doc.length).toBeGreaterThan(100);
    expect(b!.doc).toBe(a!.doc);
  }, 90_000);

  it('exports current allocations as CSV with keys, in a stable order', async () => {
    let csv = '';
    const n = await exportAllocationsCsv(
      db.sql,
      'two_lane',
      (c) => {
        csv += c;
      },
      1,
    );
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('opportunity,partner,lane,role,share,amount,rule_version,source_hash');
    expect(lines).toHaveLength(n + 1);
    const rv = await db.prisma.ruleVersion.findUniqueOrThrow({ where: { id: versions.get('two_lane')! } });
    expect(lines).toContain(`D-1,acme,source,sourced,1.000000,120000.00,1,${rv.sourceHash}`);
    const keys = lines.slice(1).map((l) => l.split(',')[0]!);
    expect(keys).toEqual([...keys].sort());
    let again = '';
    await exportAllocationsCsv(db.sql, 'two_lane', (c) => {
      again += c;
    });
    expect(again).toBe(csv);
  });
});
