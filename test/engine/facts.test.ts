import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, backendLabel, type TestDatabase } from '../support/db.js';
import { loadOpportunityFacts } from '../../src/engine/facts.js';
import { insertOpportunities } from './support/data.js';

let db: TestDatabase;
let ids: Map<string, string>;

beforeAll(async () => {
  db = await createTestDatabase();
  ids = await insertOpportunities(db, [
    {
      key: 'F-1',
      account: 'acct-shared',
      amount: '1234567890123456.78',
      touches: [
        { partner: 'late', action: 'security_review', at: '2025-03-01T00:00:00Z', proof: 'ticket', depth: 5 },
        { partner: 'early', action: 'referral', at: '2025-01-01T00:00:00Z' },
        { partner: 'acct', action: 'co_marketing', at: '2025-02-01T00:00:00Z', accountLevel: true },
        { partner: 'deleted', action: 'webinar', at: '2025-02-02T00:00:00Z', deleted: true },
      ],
    },
    {
      key: 'F-2',
      account: 'acct-shared',
      amount: '0.10',
      closedAt: null,
      touches: [{ partner: 'other', action: 'webinar', at: '2025-02-05T00:00:00Z' }],
    },
  ]);
  await db.sql.query(
    `INSERT INTO account_partner (id, account_id, partner_id, since)
     SELECT gen_random_uuid(), a.id, p.id, '2024-06-01T00:00:00Z' FROM account a, partner p WHERE a.key = 'acct-shared' AND p.key = 'acct'`,
  );
});
afterAll(async () => {
  await db?.close();
});

describe(`loadOpportunityFacts ${backendLabel}`, () => {
  it('loads opportunities with exact amounts, live touches in time order, account-level touches and account partners', async () => {
    const [f1, f2] = await loadOpportunityFacts(db, [ids.get('F-1')!, ids.get('F-2')!]);
    expect(f1).toMatchObject({ key: 'F-1', amount: '1234567890123456.78', stage: 'closed_won', currency: 'USD' });
    expect(f1!.closedAt?.toISOString()).toBe('2025-03-15T12:00:00.000Z');
    expect(f1!.touchpoints.map((t) => [t.partner.key, t.action, t.accountLevel])).toEqual([
      ['early', 'referral', false],
      ['acct', 'co_marketing', true],
      ['late', 'security_review', false],
    ]);
    expect(f1!.touchpoints[2]).toMatchObject({ proof: 'ticket', engagementDepth: 5, partner: { type: 'referral', tier: 'registered' } });
    expect(f1!.account.partners.map((p) => [p.partner.key, p.since.toISOString(), p.until])).toEqual([
      ['acct', '2024-06-01T00:00:00.000Z', null],
    ]);
    // F-2 shares the account: it sees the account-level touch, not F-1's own touches.
    expect(f2).toMatchObject({ key: 'F-2', amount: '0.10', closedAt: null });
    expect(f2!.touchpoints.map((t) => t.partner.key)).toEqual(['acct', 'other']);
  });

  it('keeps the order of the ids asked for and skips unknown ones, with a bounded number of queries', async () => {
    const facts = await loadOpportunityFacts(db.sql, [ids.get('F-2')!, '00000000-0000-0000-0000-000000000000', ids.get('F-1')!]);
    expect(facts.map((f) => f.key)).toEqual(['F-2', 'F-1']);
    expect(await loadOpportunityFacts(db.sql, [])).toEqual([]);
    let queries = 0;
    const counting = {
      ...db.sql,
      query: ((text: string, params?: readonly unknown[]) => {
        queries++;
        return db.sql.query(text, params);
      }) as typeof db.sql.query,
    };
    const all = await db.sql.query<{ id: string }>('SELECT id::text AS id FROM opportunity');
    await loadOpportunityFacts(
      counting,
      all.map((r) => r.id),
    );
    expect(queries).toBe(3);
  });
});
