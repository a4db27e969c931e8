// The database itself refuses data that would corrupt attribution, whoever
// writes it: published rule versions are immutable, the audit trail is
// append-only, and amounts, shares and depths stay in range.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeDatabase, truncateAllTables, type TestDatabase } from '../support/db.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await truncateAllTables(db);
});

async function ruleSetWithDraft() {
  const ruleSet = await db.prisma.ruleSet.create({ data: { key: 'default', name: 'Default rules' } });
  const draft = await db.prisma.ruleVersion.create({
    data: { ruleSetId: ruleSet.id, source: 'rule a {}', sourceHash: 'h1', author: 'ana@example.com' },
  });
  return { ruleSet, draft };
}

async function publish(id: string) {
  return db.prisma.ruleVersion.update({
    where: { id },
    data: {
      status: 'published',
      version: 1,
      publishedBy: 'gov@example.com',
      publishedAt: new Date(),
      effectiveFrom: new Date('2026-01-01'),
    },
  });
}

describeDatabase('integrity guards: rule versions', () => {
  it('lets a draft change freely and be published', async () => {
    const { draft } = await ruleSetWithDraft();
    await db.prisma.ruleVersion.update({ where: { id: draft.id }, data: { source: 'rule b {}', sourceHash: 'h2' } });
    const published = await publish(draft.id);
    expect(published.status).toBe('published');
    expect(published.source).toBe('rule b {}');
  });

  it('refuses any change to the rules of a published version, through Prisma and raw SQL', async () => {
    const { draft } = await ruleSetWithDraft();
    await publish(draft.id);
    await expect(db.prisma.ruleVersion.update({ where: { id: draft.id }, data: { source: 'rule evil {}' } })).rejects.toThrow(
      /is published and immutable/,
    );
    await expect(db.sql.query(`UPDATE rule_version SET source_hash = 'x' WHERE id = $1`, [draft.id])).rejects.toMatchObject({
      code: 'AT001',
      message: expect.stringMatching(/rule version .* is published and immutable/),
    });
    await expect(db.sql.query(`UPDATE rule_version SET version = 7 WHERE id = $1`, [draft.id])).rejects.toMatchObject({ code: 'AT001' });
    await expect(db.sql.query(`UPDATE rule_version SET status = 'draft' WHERE id = $1`, [draft.id])).rejects.toThrow(
      /cannot go back to draft/,
    );
    const [row] = await db.sql.query<{ source: string; version: number; status: string }>(
      'SELECT source, version, status FROM rule_version WHERE id = $1',
      [draft.id],
    );
    expect(row).toEqual({ source: 'rule a {}', version: 1, status: 'published' });
  });

  it('allows closing the effective window of a published version and retiring it, then freezes it', async () => {
    const { draft } = await ruleSetWithDraft();
    await publish(draft.id);
    await db.prisma.ruleVersion.update({ where: { id: draft.id }, data: { effectiveTo: new Date('2026-06-30') } });
    const retired = await db.prisma.ruleVersion.update({ where: { id: draft.id }, data: { status: 'retired', retiredAt: new Date() } });
    expect(retired.status).toBe('retired');
    await expect(db.prisma.ruleVersion.update({ where: { id: draft.id }, data: { effectiveTo: new Date('2026-12-31') } })).rejects.toThrow(
      /is retired and immutable/,
    );
    await expect(db.sql.query(`UPDATE rule_version SET status = 'published' WHERE id = $1`, [draft.id])).rejects.toMatchObject({
      code: 'AT001',
    });
  });

  it('refuses to delete published or retired versions but deletes drafts', async () => {
    const { ruleSet, draft } = await ruleSetWithDraft();
    await publish(draft.id);
    await expect(db.prisma.ruleVersion.delete({ where: { id: draft.id } })).rejects.toThrow(/cannot be deleted/);
    const other = await db.prisma.ruleVersion.create({ data: { ruleSetId: ruleSet.id, source: 's', sourceHash: 'h3', author: 'a' } });
    await db.prisma.ruleVersion.delete({ where: { id: other.id } });
    expect(await db.prisma.ruleVersion.count()).toBe(1);
  });

  it('requires a version number and publication time to publish, and retired_at to retire', async () => {
    const { draft } = await ruleSetWithDraft();
    await expect(db.sql.query(`UPDATE rule_version SET status = 'published' WHERE id = $1`, [draft.id])).rejects.toThrow(
      /rule_version_published_has_version/,
    );
    await expect(db.sql.query(`UPDATE rule_version SET status = 'retired' WHERE id = $1`, [draft.id])).rejects.toThrow(
      /rule_version_retired_has_retired_at/,
    );
    // An abandoned draft can be retired for the record without ever being published.
    await db.sql.query(`UPDATE rule_version SET status = 'retired', retired_at = now() WHERE id = $1`, [draft.id]);
  });
});

describeDatabase('integrity guards: audit trail and value ranges', () => {
  it('keeps the audit trail append-only', async () => {
    const event = await db.prisma.auditEvent.create({ data: { actor: 'ana', action: 'partner.create', entityType: 'Partner' } });
    await expect(db.sql.query(`UPDATE audit_event SET actor = 'mallory' WHERE id = $1`, [event.id])).rejects.toMatchObject({
      code: 'AT002',
      message: expect.stringContaining('append-only'),
    });
    await expect(db.prisma.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
    expect((await db.prisma.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).actor).toBe('ana');
  });

  it('keeps amounts non-negative, currencies ISO, shares in [0, 1] and engagement depth in 1..5', async () => {
    const partner = await db.prisma.partner.create({ data: { key: 'p1', name: 'P1', type: 'reseller' } });
    const account = await db.prisma.account.create({ data: { key: 'a1', name: 'A1' } });
    const opp = (over: Record<string, unknown>) =>
      db.prisma.opportunity.create({
        data: {
          key: `o-${Math.random()}`,
          accountId: account.id,
          name: 'Deal',
          type: 'new_business',
          amount: '100.00',
          stage: 'prospecting',
          createdAt: new Date(),
          ...over,
        },
      });
    await expect(opp({ amount: '-1.00' })).rejects.toThrow(/opportunity_amount_non_negative/);
    await expect(opp({ currency: 'usd' })).rejects.toThrow(/opportunity_currency_iso/);
    const o = await opp({});

    const touch = (over: Record<string, unknown>) =>
      db.prisma.touchpoint.create({
        data: {
          source: 'prm',
          externalId: `t-${Math.random()}`,
          opportunityId: o.id,
          partnerId: partner.id,
          action: 'referral',
          channel: 'referral',
          occurredAt: new Date(),
          ...over,
        },
      });
    await expect(touch({ engagementDepth: 6 })).rejects.toThrow(/touchpoint_engagement_depth_range/);
    await expect(touch({ engagementDepth: 0 })).rejects.toThrow(/touchpoint_engagement_depth_range/);
    await expect(touch({ opportunityId: null })).rejects.toThrow(/touchpoint_has_subject/);
    expect((await touch({ engagementDepth: 5 })).engagementDepth).toBe(5);
    expect(
      (await touch({ opportunityId: null, accountId: account.id, action: 'integration_usage', channel: 'integration' })).accountId,
    ).toBe(account.id);

    await expect(
      db.prisma.partnerInvestment.create({
        data: {
          partnerId: partner.id,
          periodStart: new Date('2026-04-01'),
          periodEnd: new Date('2026-03-31'),
          amount: '10',
          category: 'mdf',
        },
      }),
    ).rejects.toThrow(/partner_investment_period_order/);
    await expect(
      db.prisma.override.create({
        data: { opportunityId: o.id, partnerId: partner.id, lane: 'source', role: 'sourced', share: '1.5', reason: 'r', approvedBy: 'gov' },
      }),
    ).rejects.toThrow(/override_share_range/);
  });
});
