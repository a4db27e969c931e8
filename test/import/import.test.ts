import { mkdtemp, readFile, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importDirectory, ImportInputError, type ImportSummary } from '../../src/import/import-directory.js';
import { formatIssue } from '../../src/import/issues.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';

const EXAMPLES = join(import.meta.dirname, '../../examples/csv');
const NOW = new Date('2026-10-01T00:00:00Z');
const dirs: string[] = [];

async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'attrib-import-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

function counts(summary: ImportSummary) {
  return Object.fromEntries(summary.files.map((f) => [f.file, [f.status, f.created, f.updated, f.unchanged, f.rejected]]));
}

/** 1-based column of `text` on 1-based `line` of `content`. */
function colOf(content: string, line: number, text: string): number {
  const col = content.split('\n')[line - 1]!.indexOf(text);
  if (col < 0) throw new Error(`"${text}" is not on line ${line}`);
  return col + 1;
}

async function tableCounts(db: TestDatabase) {
  const [row] = await db.sql.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM partner)::int AS partners, (SELECT count(*) FROM account)::int AS accounts,
            (SELECT count(*) FROM opportunity)::int AS opportunities, (SELECT count(*) FROM touchpoint)::int AS touchpoints`,
  );
  return row!;
}

describeDatabase('CSV import', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('imports the example files and stores every value exactly', async () => {
    const summary = await importDirectory(db, EXAMPLES, { now: NOW });
    expect(summary.ok).toBe(true);
    expect(counts(summary)).toEqual({
      'partners.csv': ['imported', 8, 0, 0, 0],
      'accounts.csv': ['imported', 6, 0, 0, 0],
      'opportunities.csv': ['imported', 8, 0, 0, 0],
      'touchpoints.csv': ['imported', 14, 0, 0, 0],
    });
    const [opp] = await db.sql.query<Record<string, unknown>>(
      `SELECT o.amount, o.currency, o.stage, o.created_at, o.closed_at, a.key AS account FROM opportunity o JOIN account a ON a.id = o.account_id WHERE o.key = '006A000003'`,
    );
    expect(opp).toEqual({
      amount: '96000.50',
      currency: 'EUR',
      stage: 'closed_lost',
      account: 'ACC-1002',
      created_at: new Date('2025-06-01T06:00:00Z'),
      closed_at: new Date('2025-11-20T15:30:00Z'),
    });
    const [open] = await db.sql.query<{ amount: string; closed_at: Date | null }>(
      `SELECT amount, closed_at FROM opportunity WHERE key = '006A000002'`,
    );
    expect(open).toEqual({ amount: '42500.00', closed_at: null });
    const partners = await db.sql.query<{ key: string; name: string; tier: string }>(
      `SELECT key, name, tier FROM partner WHERE key IN ('silverline-consulting', 'stonegate-alliance') ORDER BY key`,
    );
    expect(partners).toEqual([
      { key: 'silverline-consulting', name: 'Silverline Consulting, LLP', tier: 'strategic' },
      { key: 'stonegate-alliance', name: 'Stonegate Alliance', tier: 'registered' },
    ]);
    const touches = await db.sql.query<Record<string, unknown>>(
      `SELECT t.external_id, t.next_joint_step, t.stage_at_touch, t.proof, t.engagement_depth, t.account_id, p.key AS partner
         FROM touchpoint t JOIN partner p ON p.id = t.partner_id WHERE t.external_id IN ('00T-9002', '00T-9008', 'REF-7001') ORDER BY t.external_id`,
    );
    expect(touches).toEqual([
      {
        external_id: '00T-9002',
        next_joint_step: 'Scope implementation statement of work\n(two phases: pilot, then global rollout)',
        stage_at_touch: null,
        proof: 'https://crm.example.com/lightning/r/Task/00T-9002/view',
        engagement_depth: 5,
        account_id: null,
        partner: 'silverline-consulting',
      },
      // After the deal closed: the stage at touch is known for sure.
      {
        external_id: '00T-9008',
        next_joint_step: 'Kick off phase two',
        stage_at_touch: 'closed_won',
        proof: 'https://crm.example.com/lightning/r/Task/00T-9008/view',
        engagement_depth: 5,
        account_id: null,
        partner: 'silverline-consulting',
      },
      {
        external_id: 'REF-7001',
        next_joint_step: null,
        stage_at_touch: null,
        proof: null,
        engagement_depth: 3,
        account_id: null,
        partner: 'bluepeak-connect',
      },
    ]);
    const audit = await db.sql.query<{ entity_id: string; after: { created: number } }>(
      `SELECT entity_id, after FROM audit_event WHERE action = 'import.csv' ORDER BY at, entity_id`,
    );
    expect(audit.map((a) => [a.entity_id, a.after.created]).sort()).toEqual([
      ['accounts.csv', 6],
      ['opportunities.csv', 8],
      ['partners.csv', 8],
      ['touchpoints.csv', 14],
    ]);
  });

  it('changes nothing when the same files are imported again', async () => {
    const before = await db.sql.query(`SELECT id, updated_at FROM touchpoint ORDER BY id`);
    const summary = await importDirectory(db, EXAMPLES, { now: NOW });
    expect(counts(summary)).toEqual({
      'partners.csv': ['imported', 0, 0, 8, 0],
      'accounts.csv': ['imported', 0, 0, 6, 0],
      'opportunities.csv': ['imported', 0, 0, 8, 0],
      'touchpoints.csv': ['imported', 0, 0, 14, 0],
    });
    expect(await db.sql.query(`SELECT id, updated_at FROM touchpoint ORDER BY id`)).toEqual(before);
  });

  it('compares decimals and dates by value, and updates what really changed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'attrib-import-'));
    dirs.push(dir);
    await cp(EXAMPLES, dir, { recursive: true, filter: (src) => !src.includes('/bad') });
    const opps = (await readFile(join(dir, 'opportunities.csv'), 'utf8'))
      .replace(',42500,USD,', ',42500.00,USD,') // same amount, other spelling
      .replace('2025-06-01T08:00:00+02:00', '2025-06-01T06:00:00.000Z') // same instant, other zone
      .replace(',185000.00,USD,', ',185000.01,USD,'); // one cent more
    await writeFile(join(dir, 'opportunities.csv'), opps);
    const partners = (await readFile(join(dir, 'partners.csv'), 'utf8')).replace(
      'bluepeak-connect,Bluepeak Connect,referral,silver',
      'bluepeak-connect,Bluepeak Connect,referral,gold',
    );
    await writeFile(join(dir, 'partners.csv'), partners);
    const summary = await importDirectory(db, dir, { now: NOW });
    expect(counts(summary)['opportunities.csv']).toEqual(['imported', 0, 1, 7, 0]);
    expect(counts(summary)['partners.csv']).toEqual(['imported', 0, 1, 7, 0]);
    const [row] = await db.sql.query<{ amount: string }>(`SELECT amount FROM opportunity WHERE key = '006A000001'`);
    expect(row!.amount).toBe('185000.01');
  });

  it('writes nothing in a dry run but reports what would change', async () => {
    const dir = await dirWith({ 'partners.csv': 'key,name,type,tier\nnewco-labs,Newco Labs,technology,silver\n' });
    const before = await tableCounts(db);
    const summary = await importDirectory(db, dir, { now: NOW, dryRun: true });
    expect(summary.dryRun).toBe(true);
    expect(counts(summary)['partners.csv']).toEqual(['imported', 1, 0, 0, 0]);
    expect(await tableCounts(db)).toEqual(before);
  });

  const NEW_PARTNER = 'fresh-partner,Fresh Partner,referral,silver';
  const NEW_OPP = 'NEW-OPP-1,ACC-1001,New deal,new_business,1000.00,USD,prospecting,2026-01-05T00:00:00Z,';
  const NEW_TOUCH = 'NEW-T-1,salesforce,006A000001,northwind-solutions,referral,referral,2025-04-01T00:00:00Z,,,,';
  const cases: { name: string; file: string; content: string; line: number; at: string; message: RegExp }[] = [
    {
      name: 'an unknown enum value, with a did-you-mean hint',
      file: 'partners.csv',
      content: `key,name,type,tier\n${NEW_PARTNER}\nother-one,Other One,Resseller,gold\n`,
      line: 3,
      at: 'Resseller',
      message:
        /"Resseller" is not a partner type — did you mean reseller\? add it with `attrib taxonomy add partner-type resseller`, or map it in the import mapping/,
    },
    {
      name: 'an amount with three decimal places',
      file: 'opportunities.csv',
      content: `key,account,name,type,amount,currency,stage,created_at,closed_at\n${NEW_OPP}\nNEW-OPP-2,ACC-1001,Bad,new_business,12.345,USD,prospecting,2026-01-05T00:00:00Z,\n`,
      line: 3,
      at: '12.345',
      message: /"12\.345" has 3 decimal places/,
    },
    {
      name: 'an amount in scientific notation',
      file: 'opportunities.csv',
      content: `key,account,name,type,amount,currency,stage,created_at,closed_at\n${NEW_OPP}\nNEW-OPP-2,ACC-1001,Bad,new_business,1e5,USD,prospecting,2026-01-05T00:00:00Z,\n`,
      line: 3,
      at: '1e5',
      message: /scientific notation/,
    },
    {
      name: 'a date that does not exist',
      file: 'opportunities.csv',
      content: `key,account,name,type,amount,currency,stage,created_at,closed_at\n${NEW_OPP}\nNEW-OPP-2,ACC-1001,Bad,new_business,10.00,USD,closed_won,2026-01-05T00:00:00Z,2026-02-30T10:00:00Z\n`,
      line: 3,
      at: '2026-02-30',
      message: /not a real date/,
    },
    {
      name: 'an unknown reference',
      file: 'touchpoints.csv',
      content: `external_id,source,opportunity,partner,action,channel,occurred_at,proof,owner,next_step,engagement_depth\n${NEW_TOUCH}\nNEW-T-2,salesforce,006A000001,no-such-partner,referral,referral,2025-04-01T00:00:00Z,,,,\n`,
      line: 3,
      at: 'no-such-partner',
      message: /no partner with key "no-such-partner"/,
    },
    {
      name: 'a misspelled reference, with the nearest key',
      file: 'touchpoints.csv',
      content: `external_id,source,opportunity,partner,action,channel,occurred_at,proof,owner,next_step,engagement_depth\n${NEW_TOUCH}\nNEW-T-2,salesforce,006A000001,northwind-solution,referral,referral,2025-04-01T00:00:00Z,,,,\n`,
      line: 3,
      at: 'northwind-solution,',
      message: /no partner with key "northwind-solution" — did you mean "northwind-solutions"\?/,
    },
    {
      name: 'a misspelled header',
      file: 'accounts.csv',
      content: 'key,name,domian\nACC-NEW,New Account,new.example.com\n',
      line: 1,
      at: 'domian',
      message: /unknown header column "domian" \(did you mean "domain"\?\).*key,name,domain/,
    },
    {
      name: 'a missing header column',
      file: 'partners.csv',
      content: 'key,name,type\nfresh-partner,Fresh Partner,referral\n',
      line: 1,
      at: 'type',
      message: /missing column "tier".*key,name,type,tier/,
    },
    {
      name: 'an unterminated quote',
      file: 'partners.csv',
      content: `key,name,type,tier\n${NEW_PARTNER}\nquoted,"Never closed,referral,silver\n`,
      line: 3,
      at: '"Never',
      message: /quoted field is never closed/,
    },
    {
      name: 'a duplicate key',
      file: 'partners.csv',
      content: `key,name,type,tier\n${NEW_PARTNER}\n${NEW_PARTNER}\n`,
      line: 3,
      at: 'fresh-partner',
      message: /already on line 2/,
    },
  ];

  it.each(cases)('rejects the whole file on $name and reports file:line:column', async ({ file, content, line, at, message }) => {
    const dir = await dirWith({ [file]: content });
    const before = await tableCounts(db);
    const summary = await importDirectory(db, dir, { now: NOW });
    const result = summary.files.find((f) => f.file === file)!;
    expect(summary.ok).toBe(false);
    expect(result.status).toBe('rejected');
    expect(result.created + result.updated + result.unchanged).toBe(0);
    expect(result.rejected).toBeGreaterThanOrEqual(1);
    const issue = result.issues[0]!;
    expect({ line: issue.line, column: issue.column }).toEqual({ line, column: colOf(content, line, at) });
    expect(formatIssue(issue)).toMatch(new RegExp(`^${file.replace('.', '\\.')}:${line}:${colOf(content, line, at)}: `));
    expect(formatIssue(issue)).toMatch(message);
    // The valid rows of the same file were not written either.
    expect(await tableCounts(db)).toEqual(before);
  });

  it('imports the good files of a directory and rejects only the bad one', async () => {
    const dir = await dirWith({
      'partners.csv': 'key,name,type,tier\nsolo-partner,Solo Partner,agency,silver\n',
      'accounts.csv': 'key,name,domain\nACC-X,Bad Domain Inc,https://www.bad.example.com/\n',
      'notes.csv': 'whatever\n',
    });
    const summary = await importDirectory(db, dir, { now: NOW });
    expect(counts(summary)).toMatchObject({
      'partners.csv': ['imported', 1, 0, 0, 0],
      'accounts.csv': ['rejected', 0, 0, 0, 1],
      'opportunities.csv': ['absent', 0, 0, 0, 0],
    });
    expect(summary.warnings).toEqual([expect.stringContaining('ignored notes.csv')]);
    expect(await db.sql.query(`SELECT key FROM partner WHERE key = 'solo-partner'`)).toHaveLength(1);
    expect(await db.sql.query(`SELECT key FROM account WHERE key = 'ACC-X'`)).toHaveLength(0);
    const [audit] = await db.sql.query<{ after: { rejected: number } }>(
      `SELECT after FROM audit_event WHERE action = 'import.csv.rejected' AND entity_id = 'accounts.csv' ORDER BY at DESC LIMIT 1`,
    );
    expect(audit?.after.rejected).toBe(1);
  });

  it('reports every problem of the broken example files, and writes none of them', async () => {
    const before = await tableCounts(db);
    const summary = await importDirectory(db, join(EXAMPLES, 'bad'), { now: NOW });
    expect(summary.files.map((f) => f.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    const text = summary.files.flatMap((f) => f.issues.map(formatIssue)).join('\n');
    expect(text).toContain('opportunities.csv:3:');
    expect(text).toMatch(/opportunities\.csv:\d+:\d+: "1\.5E\+05" is in scientific notation/);
    expect(text).toMatch(/touchpoints\.csv:4:\d+: this quoted field is never closed/);
    expect(await tableCounts(db)).toEqual(before);
  });

  it('refuses a directory without import files', async () => {
    const dir = await dirWith({ 'partner.csv': 'key,name,type,tier\n' });
    await expect(importDirectory(db, dir)).rejects.toThrow(ImportInputError);
    await expect(importDirectory(db, dir)).rejects.toThrow(/did you mean partners\.csv\?/);
    await expect(importDirectory(db, join(dir, 'missing'))).rejects.toThrow(/cannot read the directory/);
  });
});
