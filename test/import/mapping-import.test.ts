// `importDirectory(db, dir, { mapping })`: CRM exports through a mapping, end to end on a real database.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDirectory, ImportInputError, type ImportSummary } from '../../src/import/import-directory.js';
import { formatIssue } from '../../src/import/issues.js';
import { loadMapping, parseMapping, type ImportMapping } from '../../src/import/mapping/schema.js';
import { resolveRunTarget } from '../../src/rules/targets.js';
import { startRun } from '../../src/engine/run.js';
import { addTaxonomyEntry } from '../../src/taxonomy/index.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';

const ROOT = join(import.meta.dirname, '../..');
const HUBSPOT = join(ROOT, 'examples/csv/hubspot');
const SALESFORCE = join(ROOT, 'examples/csv/salesforce');
const NOW = new Date('2026-10-01T00:00:00Z');
const dirs: string[] = [];

async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'attrib-mapping-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

function counts(summary: ImportSummary) {
  return Object.fromEntries(summary.files.map((f) => [f.file, [f.status, f.created, f.updated, f.unchanged, f.rejected]]));
}

/** 1-based column of `text` on 1-based `line` of `content`. */
function colOf(content: string, line: number, text: string): number {
  const col = content.split(/\r?\n/)[line - 1]!.indexOf(text);
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

/** Every stored fact the import writes, by natural keys (no ids, no timestamps of the write). */
async function storedRows(db: TestDatabase) {
  return {
    partners: await db.sql.query(`SELECT key, name, type::text, tier::text FROM partner ORDER BY key`),
    accounts: await db.sql.query(`SELECT key, name, domain FROM account ORDER BY key`),
    opportunities: await db.sql.query(
      `SELECT o.key, a.key AS account, o.name, o.type::text, o.amount::text, o.currency, o.stage::text, o.created_at, o.closed_at
         FROM opportunity o JOIN account a ON a.id = o.account_id ORDER BY o.key`,
    ),
    touchpoints: await db.sql.query(
      `SELECT t.source, t.external_id, o.key AS opportunity, p.key AS partner, t.action::text, t.channel::text, t.occurred_at,
              t.proof, t.owner, t.next_joint_step, t.engagement_depth, t.stage_at_touch::text
         FROM touchpoint t JOIN opportunity o ON o.id = t.opportunity_id JOIN partner p ON p.id = t.partner_id
        ORDER BY t.source, t.external_id`,
    ),
  };
}

/** Publishes a standard model file, runs it over everything, and lists the credit by natural keys. */
async function creditOf(db: TestDatabase, file: string) {
  const { ruleSetKey, versions } = await resolveRunTarget(db, file, { actor: 'test' });
  for (const v of versions) await startRun(db, { ruleVersionId: v.id, kind: 'full', triggeredBy: 'test', asOf: '2026-10-01T00:00:00Z' });
  return db.sql.query(
    `SELECT o.key AS opportunity, p.key AS partner, c.lane::text AS lane, c.share::text AS share, c.amount::text AS amount, c.currency
       FROM credit_allocation c JOIN opportunity o ON o.id = c.opportunity_id JOIN partner p ON p.id = c.partner_id
       JOIN rule_version rv ON rv.id = c.rule_version_id JOIN rule_set rs ON rs.id = rv.rule_set_id
      WHERE c.is_current AND rs.key = $1 ORDER BY 1, 2, 3`,
    [ruleSetKey],
  );
}

// The HubSpot example's facts, written in today's format (times converted from Europe/Berlin by hand).
const HUBSPOT_CANONICAL = {
  'partners.csv': `key,name,type,tier
31000000001,Northwind Solutions,reseller,gold
31000000002,Ironbridge Cloud,technology,platinum
31000000003,Brightpath Growth Agency,agency,
31000000004,"Clearwater Managed Services, Inc.",msp,silver
`,
  'accounts.csv': `key,name,domain
21000000001,Acme Logistics Inc,acmelogistics.com
21000000002,Helix Biotech AG,helixbio.de
21000000003,"Pioneer Foods, Ltd",pioneerfoods.co.uk
`,
  'opportunities.csv': `key,account,name,type,amount,currency,stage,created_at,closed_at
41000000001,21000000001,Acme Logistics — Platform rollout,new_business,185000.00,USD,closed_won,2025-04-14T09:30:00Z,2025-09-26T17:00:00Z
41000000002,21000000001,Acme Logistics — Seat expansion,expansion,42500,USD,negotiation,2026-05-02T10:00:00Z,
41000000003,21000000002,Helix Biotech — Security modernisation,new_business,96000.50,EUR,closed_lost,2025-06-01T08:00:00+02:00,2025-11-20T16:30:00+01:00
41000000004,21000000003,"Pioneer Foods — Pilot to production, phase 2",new_business,1058000.00,GBP,evaluation,2026-07-21T11:15:00Z,
41000000005,21000000003,Pioneer Foods — Annual renewal,renewal,12000,GBP,prospecting,2026-08-03T07:00:00Z,
`,
  'touchpoints.csv': `external_id,source,opportunity,partner,action,channel,occurred_at,proof,owner,next_step,engagement_depth
51000000001,hubspot,41000000001,31000000001,deal_registration,co_sell,2025-04-10T15:00:00Z,https://partners.example.com/deal-registrations/DR-5001,Avery Chen,Schedule joint discovery call with the buyer,3
51000000002,hubspot,41000000001,31000000001,joint_discovery,co_sell,2025-05-06T16:00:00Z,https://app.hubspot.com/contacts/0000000/record/2-0000000/51000000002,Avery Chen,"Send mutual action plan to champion; confirm ""must-have"" integrations",4
51000000003,partner_portal,41000000003,31000000002,security_review,services,2025-07-15T11:00:00Z,,Riley Okafor,"Complete the security questionnaire, together",4
51000000004,hubspot,41000000004,31000000003,webinar,content,2026-07-09T16:00:00Z,https://events.example.com/webinars/1201,Taylor Nakamura,,
51000000005,hubspot,41000000002,31000000004,referral,referral,2026-04-28T12:00:00Z,,Quinn Dubois,,2
`,
};

/** A small mapping for hand-written exports (JSON, as a user may script it). */
function opportunitiesMapping(extra: object = {}): ImportMapping {
  return parseMapping(
    JSON.stringify({
      dates: { format: 'dd.MM.yyyy HH:mm', timezone: 'Europe/Berlin' },
      numbers: { thousandsSeparator: '.', decimalSeparator: ',' },
      opportunities: {
        file: 'Opportunities.csv',
        columns: {
          key: 'Id',
          account: 'Account',
          name: 'Name',
          type: 'Type',
          amount: 'Amount',
          currency: 'Currency',
          stage: 'Stage',
          created_at: 'Created',
          closed_at: 'Closed',
        },
        values: { stage: { Gewonnen: 'closed_won', Angebot: 'proposal', Verloren: 'lost' }, type: { Neukunde: 'new_business' } },
      },
      ...extra,
    }),
    'json',
    'opps.json',
  );
}
const OPP_HEADER = 'Id,Account,Name,Type,Amount,Currency,Stage,Created,Closed,Region';

describeDatabase('import through a mapping', () => {
  let db: TestDatabase;
  let hubspot: ImportMapping;
  beforeAll(async () => {
    db = await createTestDatabase();
    hubspot = await loadMapping(join(ROOT, 'examples/mappings/hubspot.yaml'));
  });
  afterAll(async () => {
    await db?.close();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('imports the HubSpot example (BOM, CRLF, quoted commas, grouped amounts, Berlin times) and stores values exactly', async () => {
    const summary = await importDirectory(db, HUBSPOT, { now: NOW, mapping: hubspot });
    expect(summary.ok).toBe(true);
    expect(counts(summary)).toEqual({
      'partner-companies.csv': ['imported', 4, 0, 0, 0],
      'companies.csv': ['imported', 3, 0, 0, 0],
      'deals.csv': ['imported', 5, 0, 0, 0],
      'partner-touches.csv': ['imported', 5, 0, 0, 0],
    });
    expect(summary.warnings).toEqual([]);
    const [opp] = await db.sql.query<Record<string, unknown>>(
      `SELECT amount::text, currency, stage::text, type::text, created_at, closed_at FROM opportunity WHERE key = '41000000001'`,
    );
    expect(opp).toEqual({
      amount: '185000.00',
      currency: 'USD',
      stage: 'closed_won',
      type: 'new_business',
      created_at: new Date('2025-04-14T09:30:00Z'),
      closed_at: new Date('2025-09-26T17:00:00Z'),
    });
    const [big] = await db.sql.query<{ amount: string }>(`SELECT amount::text FROM opportunity WHERE key = '41000000004'`);
    expect(big!.amount).toBe('1058000.00');
    const [partner] = await db.sql.query(`SELECT name, type::text, tier::text FROM partner WHERE key = '31000000003'`);
    expect(partner).toEqual({ name: 'Brightpath Growth Agency', type: 'agency', tier: 'registered' });
    const audit = await db.sql.query<{ entity_id: string }>(
      `SELECT entity_id FROM audit_event WHERE action = 'import.csv' ORDER BY entity_id`,
    );
    expect(audit.map((a) => a.entity_id)).toEqual(['companies.csv', 'deals.csv', 'partner-companies.csv', 'partner-touches.csv']);
  });

  it('changes nothing when the same exports are imported again', async () => {
    const before = await db.sql.query(`SELECT id, updated_at FROM touchpoint ORDER BY id`);
    const summary = await importDirectory(db, HUBSPOT, { now: NOW, mapping: hubspot });
    expect(counts(summary)).toEqual({
      'partner-companies.csv': ['imported', 0, 0, 4, 0],
      'companies.csv': ['imported', 0, 0, 3, 0],
      'deals.csv': ['imported', 0, 0, 5, 0],
      'partner-touches.csv': ['imported', 0, 0, 5, 0],
    });
    expect(await db.sql.query(`SELECT id, updated_at FROM touchpoint ORDER BY id`)).toEqual(before);
  });

  it("stores exactly the rows today's format stores for the same facts", async () => {
    const canonical = await createTestDatabase();
    try {
      const summary = await importDirectory(canonical, await dirWith(HUBSPOT_CANONICAL), { now: NOW });
      expect(summary.ok).toBe(true);
      const mapped = await storedRows(db);
      expect(mapped.touchpoints).toHaveLength(5);
      expect(await storedRows(canonical)).toEqual(mapped);
      // And so the standard models give the same credit, to the cent.
      for (const model of ['first_touch', 'last_touch', 'linear', 'time_decay', 'u_shaped', 'w_shaped']) {
        const fromMapped = await creditOf(db, join(ROOT, `dsl/models/${model}.attr`));
        expect(fromMapped.length, model).toBeGreaterThan(0);
        expect(await creditOf(canonical, join(ROOT, `dsl/models/${model}.attr`)), model).toEqual(fromMapped);
      }
    } finally {
      await canonical.close();
    }
  });

  it('writes nothing in a dry run with a mapping, and reports what would change', async () => {
    const content = `${OPP_HEADER}\nDRY-1,21000000001,Dry run deal,Neukunde,"1.250,00",EUR,Angebot,05.01.2026 09:00,,EMEA\n`;
    const dir = await dirWith({ 'Opportunities.csv': content });
    const before = await tableCounts(db);
    const summary = await importDirectory(db, dir, { now: NOW, mapping: opportunitiesMapping(), dryRun: true });
    expect(summary.dryRun).toBe(true);
    expect(counts(summary)['Opportunities.csv']).toEqual(['imported', 1, 0, 0, 0]);
    expect(await tableCounts(db)).toEqual(before);
    // And for real, the same file: European numbers, day-first dates, labels, an unmapped header ignored.
    const real = await importDirectory(db, dir, { now: NOW, mapping: opportunitiesMapping() });
    expect(counts(real)['Opportunities.csv']).toEqual(['imported', 1, 0, 0, 0]);
    const [row] = await db.sql.query(`SELECT amount::text, stage::text, type::text, created_at FROM opportunity WHERE key = 'DRY-1'`);
    expect(row).toEqual({ amount: '1250.00', stage: 'proposal', type: 'new_business', created_at: new Date('2026-01-05T08:00:00Z') });
  });

  const BAD: { name: string; content: string; line: number; at: string; message: RegExp }[] = [
    {
      name: 'malformed digit grouping',
      content: `${OPP_HEADER}\nOK-1,21000000001,Fine,Neukunde,"1.000,00",EUR,Angebot,05.01.2026 09:00,,\nBAD-1,21000000001,Bad,Neukunde,"12.5000,00",EUR,Angebot,05.01.2026 09:00,,\n`,
      line: 3,
      at: '"12.5000,00"',
      message: /"12\.5000,00" has malformed digit grouping/,
    },
    {
      name: 'a date that does not match the format',
      content: `${OPP_HEADER}\nBAD-2,21000000001,Bad,Neukunde,"1.000,00",EUR,Angebot,2026-01-05 09:00,,\n`,
      line: 2,
      at: '2026-01-05',
      message: /"2026-01-05 09:00" does not match the date format "dd\.MM\.yyyy HH:mm"/,
    },
    {
      name: 'a label that is neither mapped nor a key',
      content: `${OPP_HEADER}\nBAD-3,21000000001,Bad,Neukunde,"1.000,00",EUR,Verhandlung,05.01.2026 09:00,,\n`,
      line: 2,
      at: 'Verhandlung',
      message: /"Verhandlung" is not a.*stage/,
    },
    {
      name: "a mapped label whose key the entity refuses (the export's label is named)",
      content: `${OPP_HEADER}\nBAD-4,21000000001,Bad,Neukunde,"1.000,00",EUR,Verloren,05.01.2026 09:00,06.01.2026 09:00,\n`,
      line: 2,
      at: 'Verloren',
      message: /"lost" is not a.*stage.*\(the export has "Verloren", which opportunities\.values\.stage in opps\.json maps to "lost"\)/,
    },
    {
      name: 'a missing mapped header (named, with the closest present)',
      content: 'Id,Account,Name,Type,Amount,Currency,Stage,Created on,Closed\nX,Y,Z,Neukunde,1,EUR,Angebot,05.01.2026 09:00,\n',
      line: 1,
      at: 'Created on',
      message: /the header has no column "Created" \(mapped to created_at in opportunities\.columns\); the closest is "Created on"/,
    },
  ];

  it.each(BAD)("rejects the whole export on $name, at the source file's line:column", async ({ content, line, at, message }) => {
    const dir = await dirWith({ 'Opportunities.csv': content });
    const before = await tableCounts(db);
    const summary = await importDirectory(db, dir, { now: NOW, mapping: opportunitiesMapping() });
    const file = summary.files.find((f) => f.file === 'Opportunities.csv')!;
    expect(file.status).toBe('rejected');
    const issue = file.issues.find((i) => message.test(formatIssue(i)));
    expect(issue, file.issues.map(formatIssue).join('\n')).toBeDefined();
    expect(formatIssue(issue!)).toMatch(new RegExp(`^Opportunities\\.csv:${line}:${colOf(content, line, at)}: `));
    expect(issue!.hint).toBeTruthy();
    expect(await tableCounts(db)).toEqual(before);
  });

  it('reports a bad amount at its cell in a CRLF export with a byte-order mark and quoted commas', async () => {
    const content =
      '\uFEFF"Id","Account","Name","Type","Amount","Currency","Stage","Created","Closed"\r\n' +
      '"Q-1","21000000001","Deal, with comma","Neukunde","1.000,00","EUR","Angebot","05.01.2026 09:00",""\r\n' +
      '"Q-2","21000000001","Deal","Neukunde","1,2,3","EUR","Angebot","05.01.2026 09:00",""\r\n\r\n';
    const dir = await dirWith({ 'Opportunities.csv': content });
    const summary = await importDirectory(db, dir, { now: NOW, mapping: opportunitiesMapping() });
    const [issue] = summary.files.find((f) => f.file === 'Opportunities.csv')!.issues;
    // Line 3: "Q-2","21000000001","Deal","Neukunde", is 38 characters: the amount starts at column 39.
    expect(formatIssue(issue!)).toMatch(/^Opportunities\.csv:3:39: "1,2,3" has more than one decimal separator/);
  });

  it("reads entities the mapping leaves out in today's format, and optional columns left out as empty", async () => {
    const mapping = parseMapping(
      `partners:
  file: Partners Export.csv
  columns: { key: Id, name: Name, type: Kind }
  values: { type: { Technology Partner: technology } }
`,
      'yaml',
      'partial.yaml',
    );
    const dir = await dirWith({
      'Partners Export.csv': 'Id,Name,Kind,Tier\nmap-p1,Mapped One,Technology Partner,gold\n',
      'accounts.csv': 'key,name,domain\nMAP-ACC-1,Mapped Account,\n',
      'partners.csv': 'key,name,type,tier\nignored,Ignored,referral,\n',
    });
    const summary = await importDirectory(db, dir, { now: NOW, mapping });
    expect(counts(summary)).toMatchObject({ 'Partners Export.csv': ['imported', 1, 0, 0, 0], 'accounts.csv': ['imported', 1, 0, 0, 0] });
    expect(summary.warnings).toEqual([
      expect.stringMatching(/^ignored partners\.csv: not an import file; the import reads Partners Export\.csv, accounts\.csv/),
    ]);
    // tier is not mapped: empty, so the default tier (the export's Tier column is ignored).
    expect(await db.sql.query(`SELECT type::text, tier::text FROM partner WHERE key = 'map-p1'`)).toEqual([
      { type: 'technology', tier: 'registered' },
    ]);
    expect(await db.sql.query(`SELECT key FROM partner WHERE key = 'ignored'`)).toEqual([]);
  });

  it('names the export files when none is in the directory', async () => {
    const dir = await dirWith({ 'partners.csv': 'key,name,type,tier\n' });
    await expect(importDirectory(db, dir, { mapping: opportunitiesMapping() })).resolves.toMatchObject({ ok: true });
    const empty = await dirWith({ 'other.csv': 'a\n' });
    await expect(importDirectory(db, empty, { mapping: opportunitiesMapping() })).rejects.toThrow(ImportInputError);
    await expect(importDirectory(db, empty, { mapping: opportunitiesMapping() })).rejects.toThrow(
      /none of the import files partners\.csv, accounts\.csv, Opportunities\.csv, touchpoints\.csv/,
    );
  });
});

describeDatabase('the Salesforce example (tier "Bronze")', () => {
  let db: TestDatabase;
  let salesforce: ImportMapping;
  beforeAll(async () => {
    db = await createTestDatabase();
    salesforce = await loadMapping(join(ROOT, 'examples/mappings/salesforce.yaml'));
  });
  afterAll(async () => {
    await db?.close();
  });

  it('refuses the partners export while bronze is not a partner tier, at the cell, naming bronze', async () => {
    const summary = await importDirectory(db, SALESFORCE, { now: NOW, mapping: salesforce });
    const partners = summary.files.find((f) => f.file === 'Partner Accounts.csv')!;
    expect(partners.status).toBe('rejected');
    expect(partners.issues).toHaveLength(1);
    // Line 5 is Bluepeak Connect; its tier is the fourth field.
    expect(partners.issues[0]).toMatchObject({ file: 'Partner Accounts.csv', line: 5, column: 60, field: 'tier' });
    expect(formatIssue(partners.issues[0]!)).toMatch(/bronze/i);
    expect(counts(summary)).toMatchObject({ 'Accounts.csv': ['imported', 4, 0, 0, 0], 'Opportunities.csv': ['imported', 7, 0, 0, 0] });
    expect(await db.sql.query(`SELECT count(*)::int AS n FROM partner`)).toEqual([{ n: 0 }]);
    // The touches refer to the rejected partners; the hint names the export, not today's file name.
    const touches = summary.files.find((f) => f.file === 'Partner Touches.csv')!;
    expect(touches.status).toBe('rejected');
    expect(touches.issues[0]!.hint).toMatch(/Partner Accounts\.csv was rejected in this import/);
  });

  it('converts the US 12-hour New York times and grouped amounts of the opportunities export', async () => {
    const rows = await db.sql.query(
      `SELECT key, amount::text, currency, stage::text, type::text, created_at, closed_at FROM opportunity ORDER BY key`,
    );
    expect(rows.slice(0, 4)).toEqual([
      {
        key: '0065g00000OpP1AAA1',
        amount: '185000.00',
        currency: 'USD',
        stage: 'closed_won',
        type: 'new_business',
        created_at: new Date('2025-04-14T09:30:00Z'),
        closed_at: new Date('2025-09-26T04:00:00Z'),
      },
      {
        key: '0065g00000OpP2AAA2',
        amount: '42500.00',
        currency: 'USD',
        stage: 'negotiation',
        type: 'expansion',
        created_at: new Date('2026-05-02T10:00:00Z'),
        closed_at: null,
      },
      {
        key: '0065g00000OpP3AAA3',
        amount: '96000.50',
        currency: 'EUR',
        stage: 'closed_lost',
        type: 'new_business',
        created_at: new Date('2025-06-01T06:00:00Z'),
        closed_at: new Date('2025-11-20T05:00:00Z'),
      },
      {
        key: '0065g00000OpP4AAA4',
        amount: '1058000.00',
        currency: 'GBP',
        stage: 'proposal',
        type: 'new_business',
        created_at: new Date('2026-07-21T11:15:00Z'),
        closed_at: null,
      },
    ]);
    expect(rows.map((r) => (r as { stage: string }).stage)).toEqual([
      'closed_won',
      'negotiation',
      'closed_lost',
      'proposal',
      'evaluation',
      'discovery',
      'prospecting',
    ]);
  });
});

// What `attrib taxonomy add partner-tier bronze` does, then the same import.
describe('the Salesforce example after adding the tier bronze', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('imports every file', async () => {
    await addTaxonomyEntry(db, { kind: 'partner-tier', key: 'bronze', label: 'Bronze' }, 'test');
    const mapping = await loadMapping(join(ROOT, 'examples/mappings/salesforce.yaml'));
    const summary = await importDirectory(db, SALESFORCE, { now: NOW, mapping });
    expect(summary.files.flatMap((f) => f.issues.map(formatIssue))).toEqual([]);
    expect(counts(summary)).toEqual({
      'Partner Accounts.csv': ['imported', 5, 0, 0, 0],
      'Accounts.csv': ['imported', 4, 0, 0, 0],
      'Opportunities.csv': ['imported', 7, 0, 0, 0],
      'Partner Touches.csv': ['imported', 5, 0, 0, 0],
    });
    expect(await db.sql.query(`SELECT tier::text FROM partner WHERE key = '0015g00000PtNrAAA4'`)).toEqual([{ tier: 'bronze' }]);
    const again = await importDirectory(db, SALESFORCE, { now: NOW, mapping });
    expect(again.files.map((f) => f.unchanged)).toEqual([5, 4, 7, 5]);
  });
});
