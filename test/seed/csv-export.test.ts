import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importDirectory } from '../../src/import/import-directory.js';
import { parseCsvText } from '../../src/import/csv.js';
import { writeSeedCsv } from '../../src/seed/csv-export.js';
import { csvField } from '../../src/domain/csv.js';
import { generatePartners, opportunityAt, planSeed } from '../../src/seed/generate.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';

describeDatabase('seed as CSV', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'attrib-seed-csv-'));
  });
  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('quotes fields only when RFC 4180 needs it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, "b"\nc')).toBe('"a, ""b""\nc"');
    expect(csvField(null)).toBe('');
    expect(parseCsvText(`${csvField('x,"y"')},${csvField(' pad ')}\n`)[0]).toMatchObject({ record: { fields: ['x,"y"', ' pad '] } });
  });

  it('writes files that import cleanly and carry the generated values exactly', async () => {
    const options = { seed: 9, opportunities: 150, touchpointsPerOpportunity: 3 };
    const counts = await writeSeedCsv(dir, options);
    const summary = await importDirectory(db, dir, { now: new Date('2026-10-01T00:00:00Z') });
    expect(summary.ok).toBe(true);
    expect(summary.files.map((f) => [f.file, f.created])).toEqual([
      ['partners.csv', counts.partners],
      ['accounts.csv', counts.accounts],
      ['opportunities.csv', counts.opportunities],
      ['touchpoints.csv', counts.touchpoints],
    ]);
    const plan = planSeed(options);
    const partners = generatePartners(plan);
    const generated = opportunityAt(plan, partners, 3);
    const [stored] = await db.sql.query<{ amount: string; stage: string; created_at: Date; closed_at: Date | null }>(
      'SELECT amount, stage, created_at, closed_at FROM opportunity WHERE key = $1',
      [generated.opportunity.key],
    );
    expect(stored).toEqual({
      amount: generated.opportunity.amount,
      stage: generated.opportunity.stage,
      created_at: generated.opportunity.createdAt,
      closed_at: generated.opportunity.closedAt,
    });
    expect((await readFile(join(dir, 'touchpoints.csv'), 'utf8')).split('\n')[0]).toBe(
      'external_id,source,opportunity,partner,action,channel,occurred_at,proof,owner,next_step,engagement_depth,declared_role',
    );
  });
});
