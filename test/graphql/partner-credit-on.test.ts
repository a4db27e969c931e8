// Which allocations:changed events concern a partner-confined subscriber:
// each confined subscriber asks which of the event's opportunities it has or
// had credit on (opportunitiesCreditedTo), and hears of those only, rather
// than the server working out the partners of every drain, which would read
// every allocation ever written for those opportunities.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { opportunitiesCreditedTo } from '../../src/recompute-queue/credited.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';

let db: TestDatabase;
const ids = { acme: '', globex: '', idle: '', o1: '', o2: '', o3: '' };

beforeAll(async () => {
  db = await createTestDatabase();
  const one = async (sql: string, params: unknown[] = []) => (await db.sql.query<{ id: string }>(sql, params))[0]!.id;
  for (const k of ['acme', 'globex', 'idle'] as const) {
    ids[k] = await one(
      `INSERT INTO partner (id, key, name, type, updated_at) VALUES (gen_random_uuid(), $1, $1, 'reseller', now()) RETURNING id::text`,
      [k],
    );
  }
  const account = await one(
    `INSERT INTO account (id, key, name, updated_at) VALUES (gen_random_uuid(), 'a', 'A', now()) RETURNING id::text`,
  );
  for (const k of ['o1', 'o2', 'o3'] as const) {
    ids[k] = await one(
      `INSERT INTO opportunity (id, key, account_id, name, type, amount, stage, created_at, updated_at)
      VALUES (gen_random_uuid(), $1, $2, $1, 'new_business', 100, 'closed_won', now(), now()) RETURNING id::text`,
      [k, account],
    );
  }
  const ruleSet = await one(
    `INSERT INTO rule_set (id, key, name, updated_at) VALUES (gen_random_uuid(), 'rs', 'RS', now()) RETURNING id::text`,
  );
  const version = await one(
    `INSERT INTO rule_version (id, rule_set_id, source, source_hash, author, updated_at) VALUES (gen_random_uuid(), $1, 'x', 'h', 't', now()) RETURNING id::text`,
    [ruleSet],
  );
  const run = await one(
    `INSERT INTO attribution_run (id, rule_version_id, kind, status, triggered_by) VALUES (gen_random_uuid(), $1, 'full', 'succeeded', 't') RETURNING id::text`,
    [version],
  );
  // acme: current credit on o1, superseded credit on o2; globex: current credit on o3; idle: none.
  for (const [partner, opp, current] of [
    [ids.acme, ids.o1, true],
    [ids.acme, ids.o2, false],
    [ids.globex, ids.o3, true],
  ] as const) {
    await db.sql.query(
      `INSERT INTO credit_allocation (id, run_id, rule_version_id, rule_version_number, source_hash, opportunity_id, partner_id, lane, role, share, amount, currency, contributing_touchpoint_ids, explanation, is_current)
      VALUES (gen_random_uuid(), $1, $2, 1, 'h', $3, $4, 'source', 'sourced', 1, 100, 'USD', '{}', '{}', $5)`,
      [run, version, opp, partner, current],
    );
  }
});
afterAll(async () => {
  await db?.close();
});

describeDatabase('opportunitiesCreditedTo: which opportunities of a credit change concern a partner', () => {
  const credited = async (partner: string, opps: string[]) => [...(await opportunitiesCreditedTo(db, partner, opps))].sort();
  it('lists the opportunities where the partner has current or superseded credit, and no other', async () => {
    expect(await credited(ids.acme, [ids.o3, ids.o1])).toEqual([ids.o1]);
    expect(await credited(ids.acme, [ids.o1, ids.o2, ids.o3])).toEqual([ids.o1, ids.o2].sort()); // it lost o2's credit: still its business
    expect(await credited(ids.acme, [ids.o3])).toEqual([]);
    expect(await credited(ids.globex, [ids.o1, ids.o2])).toEqual([]);
    expect(await credited(ids.globex, [ids.o3])).toEqual([ids.o3]);
    expect(await credited(ids.idle, [ids.o1, ids.o2, ids.o3])).toEqual([]);
  });

  it('answers "*" for an event naming no opportunity (a full run) when the partner has any credit', async () => {
    expect(await credited(ids.acme, [])).toEqual(['*']);
    expect(await credited(ids.idle, [])).toEqual([]);
  });
});
