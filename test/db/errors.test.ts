// databaseError() recognises the same refusal whether it comes from Prisma or raw SQL.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseError, isCheckViolation, isImmutableRuleVersionError, isUniqueViolation, SQLSTATE } from '../../src/db/errors.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a database error');
    },
    (e: unknown) => e,
  );

describeDatabase('databaseError', () => {
  it('recognises an immutable rule version from Prisma and from raw SQL', async () => {
    const set = await db.prisma.ruleSet.create({ data: { key: 'rs', name: 'RS' } });
    const v = await db.prisma.ruleVersion.create({
      data: { ruleSetId: set.id, source: 's', sourceHash: 'h', author: 'a', status: 'published', version: 1, publishedAt: new Date() },
    });
    const viaPrisma = await failure(db.prisma.ruleVersion.update({ where: { id: v.id }, data: { source: 'changed' } }));
    const viaSql = await failure(db.sql.query('DELETE FROM rule_version WHERE id = $1', [v.id]));
    expect(isImmutableRuleVersionError(viaPrisma)).toBe(true);
    expect(isImmutableRuleVersionError(viaSql)).toBe(true);
    expect(databaseError(viaPrisma)).toMatchObject({
      sqlState: SQLSTATE.IMMUTABLE_RULE_VERSION,
      hint: expect.stringContaining('new draft'),
    });
    expect(databaseError(viaSql)).toMatchObject({
      sqlState: SQLSTATE.IMMUTABLE_RULE_VERSION,
      message: expect.stringContaining('cannot be deleted'),
    });
  });

  it('names the CHECK constraint and the unique index that refused a row', async () => {
    const partner = await db.prisma.partner.create({ data: { key: 'dup', name: 'P', type: 'agency' } });
    const account = await db.prisma.account.create({ data: { key: 'acc', name: 'A' } });
    const check = await failure(
      db.prisma.opportunity.create({
        data: { key: 'o', accountId: account.id, name: 'n', type: 'renewal', amount: '-5', stage: 'discovery', createdAt: new Date() },
      }),
    );
    expect(isCheckViolation(check, 'opportunity_amount_non_negative')).toBe(true);
    expect(isCheckViolation(check, 'some_other_check')).toBe(false);
    const rawCheck = await failure(db.sql.query(`UPDATE partner SET key = key WHERE id = $1 AND 1 / 0 = 1`, [partner.id]));
    expect(databaseError(rawCheck)?.sqlState).toBe('22012');

    const unique = await failure(db.prisma.partner.create({ data: { key: 'dup', name: 'P2', type: 'agency' } }));
    expect(isUniqueViolation(unique)).toBe(true);
    const rawUnique = await failure(
      db.sql.query(`INSERT INTO partner (id, key, name, type, updated_at) VALUES (gen_random_uuid(), 'dup', 'x', 'agency', now())`),
    );
    expect(isUniqueViolation(rawUnique, 'partner_key_key')).toBe(true);
  });

  it('returns undefined for errors that are not from the database', () => {
    expect(databaseError(new Error('plain'))).toBeUndefined();
    expect(databaseError('text')).toBeUndefined();
    expect(isImmutableRuleVersionError(undefined)).toBe(false);
  });
});
