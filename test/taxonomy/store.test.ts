// The taxonomy as data: defaults, add and retire (audited), the guards the
// database keeps (no delete, no outcome change, stage outcome on opportunities).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_TAXONOMY } from '../../src/domain/taxonomy.js';
import { addTaxonomyEntry, listTaxonomy, loadVocabulary, retireTaxonomyEntry, TaxonomyError } from '../../src/taxonomy/index.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';

describeDatabase('taxonomy store', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('a new database starts with exactly the default entries (migration and src/domain/taxonomy.ts agree)', async () => {
    const entries = await listTaxonomy(db.sql);
    const sort = (es: readonly { kind: string; key: string }[]) =>
      [...es].sort((a, b) => a.kind.localeCompare(b.kind) || a.key.localeCompare(b.key));
    expect(sort(entries)).toEqual(sort(DEFAULT_TAXONOMY));
  });

  it('adds an entry at the end of its kind, with a default label, and audits it', async () => {
    const added = await addTaxonomyEntry(db, { kind: 'partner-tier', key: 'bronze' }, 'test:gov');
    expect(added).toMatchObject({ kind: 'partner-tier', key: 'bronze', label: 'Bronze', active: true, outcome: null });
    const tiers = await listTaxonomy(db.sql, 'partner-tier');
    expect(tiers.at(-1)!.key).toBe('bronze');
    const [audit] = await db.sql.query<{ actor: string; entity_id: string }>(
      `SELECT actor, entity_id FROM audit_event WHERE action = 'taxonomy.add' ORDER BY at DESC LIMIT 1`,
    );
    expect(audit).toEqual({ actor: 'test:gov', entity_id: 'partner-tier/bronze' });
    expect((await loadVocabulary(db.sql)).isActive('partner-tier', 'bronze')).toBe(true);
  });

  it.each([
    [{ kind: 'partner-tier', key: 'bronze' }, 'TAXONOMY_ENTRY_EXISTS', /already a partner tier/],
    [{ kind: 'partner-tier', key: 'Gold Plus' }, 'TAXONOMY_INVALID', /not a valid taxonomy key.*e\.g\. gold_plus/],
    [{ kind: 'partner-tiers', key: 'x' }, 'TAXONOMY_INVALID', /did you mean partner-tier\?/],
    [{ kind: 'opportunity-stage', key: 'closed_won_partner' }, 'TAXONOMY_INVALID', /needs an outcome: open, won or lost/],
    [{ kind: 'channel', key: 'events', outcome: 'won' }, 'TAXONOMY_INVALID', /only opportunity stages have an outcome/],
  ])('refuses %j with %s', async (input, code, message) => {
    const err = await addTaxonomyEntry(db, input, 'test').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaxonomyError);
    expect((err as TaxonomyError).code).toBe(code);
    expect((err as Error).message).toMatch(message);
  });

  it('retires an entry: still listed and readable, no longer active; retiring twice changes nothing', async () => {
    await addTaxonomyEntry(db, { kind: 'channel', key: 'events', label: 'Events & field marketing' }, 'test');
    const retired = await retireTaxonomyEntry(db, { kind: 'channel', key: 'events' }, 'test');
    expect(retired).toMatchObject({ key: 'events', active: false, label: 'Events & field marketing' });
    expect(await retireTaxonomyEntry(db, { kind: 'channel', key: 'events' }, 'test')).toMatchObject({ active: false });
    const v = await loadVocabulary(db.sql);
    expect(v.entry('channel', 'events')?.active).toBe(false);
    expect(v.keys('channel')).not.toContain('events');
    expect(v.keys('channel', { includeRetired: true })).toContain('events');
    const err = await addTaxonomyEntry(db, { kind: 'channel', key: 'events' }, 'test').catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/retired channel/);
  });

  it('never retires the last won (or lost) stage, and names unknown entries with a suggestion', async () => {
    const last = await retireTaxonomyEntry(db, { kind: 'opportunity-stage', key: 'closed_won' }, 'test').catch((e: unknown) => e);
    expect((last as Error).message).toMatch(/last active stage with outcome won/);
    const unknown = await retireTaxonomyEntry(db, { kind: 'action-type', key: 'webinars' }, 'test').catch((e: unknown) => e);
    expect((unknown as TaxonomyError).code).toBe('TAXONOMY_ENTRY_NOT_FOUND');
    expect((unknown as Error).message).toMatch(/did you mean webinar\?/);
  });

  it('the database refuses deleting an entry and changing a stage outcome', async () => {
    await expect(db.sql.query(`DELETE FROM taxonomy_entry WHERE kind = 'channel' AND key = 'content'`)).rejects.toThrow(
      /cannot be deleted; retire it instead/,
    );
    await expect(
      db.sql.query(`UPDATE taxonomy_entry SET outcome = 'open' WHERE kind = 'opportunity-stage' AND key = 'closed_won'`),
    ).rejects.toThrow(/cannot change/);
  });

  it('an opportunity takes the outcome of its stage, and an unknown stage is refused like a foreign key', async () => {
    await addTaxonomyEntry(
      db,
      { kind: 'opportunity-stage', key: 'closed_won_partner', label: 'Closed Won - Partner', outcome: 'won' },
      'test',
    );
    await db.sql.query(`INSERT INTO account (id, key, name, updated_at) VALUES (gen_random_uuid(), 'A-T', 'Acme', now())`);
    const insert = (key: string, stage: string, closed: string | null) =>
      db.sql.query(
        `INSERT INTO opportunity (id, key, account_id, name, type, amount, currency, stage, created_at, closed_at, updated_at)
       SELECT gen_random_uuid(), $1, id, $1, 'new_business', 1000, 'USD', $2, '2026-01-01', $3::timestamptz, now() FROM account WHERE key = 'A-T'`,
        [key, stage, closed],
      );
    await insert('O-1', 'closed_won_partner', '2026-02-01');
    await insert('O-2', 'proposal', null);
    const rows = await db.sql.query<{ key: string; outcome: string }>(
      `SELECT key, outcome FROM opportunity WHERE key IN ('O-1', 'O-2') ORDER BY key`,
    );
    expect(rows).toEqual([
      { key: 'O-1', outcome: 'won' },
      { key: 'O-2', outcome: 'open' },
    ]);
    await db.sql.query(`UPDATE opportunity SET stage = 'closed_lost', closed_at = '2026-03-01' WHERE key = 'O-2'`);
    expect((await db.sql.query<{ outcome: string }>(`SELECT outcome FROM opportunity WHERE key = 'O-2'`))[0]!.outcome).toBe('lost');
    // A write cannot set the outcome by hand: it follows the stage.
    await db.sql.query(`UPDATE opportunity SET outcome = 'won' WHERE key = 'O-2'`);
    expect((await db.sql.query<{ outcome: string }>(`SELECT outcome FROM opportunity WHERE key = 'O-2'`))[0]!.outcome).toBe('lost');
    await expect(insert('O-3', 'won_big', '2026-02-01')).rejects.toThrow(/opportunity_stage_fkey/);
  });
});
