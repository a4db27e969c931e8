// `attrib mapping check`: the analysis (no database) and the command.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_TAXONOMY, Vocabulary } from '../../src/domain/taxonomy.js';
import { checkMappingDirectory, formatMappingCheck, keyForLabel, suggestKey } from '../../src/import/mapping/check.js';
import { loadMapping, parseMapping } from '../../src/import/mapping/schema.js';

const ROOT = join(import.meta.dirname, '../..');
const dirs: string[] = [];

async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'attrib-mapping-check-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const MAPPING = `dates: { format: M/d/yyyy h:mm a, timezone: America/New_York }
numbers: { thousandsSeparator: ",", decimalSeparator: "." }
partners:
  file: Partner Accounts.csv
  columns: { key: Account ID, name: Account Name, type: Partner Type, tier: Partner Tier }
  values:
    type: { Technology Partner: technology }
    tier: { Gold: gold, Bronze: bronze }
opportunities:
  file: Opportunities.csv
  columns: { key: Opportunity ID, account: Account ID, name: Opportunity Name, type: Type, amount: Amount, currency: Currency, stage: Stage, created_at: Created Date, closed_at: Close Date }
  values:
    stage: { Closed Won: closed_won }
    type: { New Business: new_business }
touchpoints:
  file: Partner Touches.csv
  columns: { external_id: Touch ID, source: Source, opportunity: Opportunity ID, partner: Partner ID, action: Touch Type, channel: Motion, occurred_at: Touch Date }
`;

// A dirty export: an unmapped header, unmapped labels (repeated), a tier mapped to a key that does not exist,
// a bad amount, a bad date, a missing file.
const PARTNERS =
  'Account ID,Account Name,Partner Type,Partner Tier,Billing Country\n' +
  'P1,One,Technology Partner,Gold,US\n' +
  'P2,Two,Resseller,Bronze,US\n' +
  'P3,Three,Resseller,,US\n' +
  'P4,Four,Distributor,Gold,US\n';
const OPPS =
  'Opportunity ID,Account ID,Opportunity Name,Type,Amount,Currency,Stage,Created Date,Close Date\n' +
  'O1,A1,Deal,New Business,"12,5000.00",USD,Closed Won,1/5/2026 9:00 AM,2/5/2026 9:00 AM\n' +
  'O2,A1,Deal,Upsell,"1,000.00",USD,Needs Analysis,2026-01-05,\n' +
  'O3,A1,Deal,New Business,"2,000.00",USD,Needs Analysis,1/5/2026 9:00 AM,\n' +
  'O4,A1,Deal,New Business,"-5.00",USD,Closd Won,1/5/2026 9:00 AM,2/5/2026 9:00 AM\n';

describe('mapping check', () => {
  it('reports unmapped headers, unknown labels with counts and fixes, unparseable cells and missing files', async () => {
    const dir = await dirWith({ 'Partner Accounts.csv': PARTNERS, 'Opportunities.csv': OPPS, 'notes.csv': 'x\n' });
    const mapping = parseMapping(MAPPING, 'yaml', 'crm.yaml');
    const report = await checkMappingDirectory(mapping, dir);
    expect(report.ok).toBe(false);
    const [partners, accounts, opps, touches] = report.files;
    expect(partners).toMatchObject({
      file: 'Partner Accounts.csv',
      found: true,
      rows: 4,
      unmappedHeaders: ['Billing Country'],
      missingHeaders: [],
    });
    expect(
      partners!.unknownValues.map((u) => [u.field, u.value, u.mappedTo, u.count, u.first.line, u.valuesEntry?.key, u.command]),
    ).toEqual([
      ['type', 'Resseller', undefined, 2, 3, 'reseller', undefined],
      ['tier', 'Bronze', 'bronze', 1, 3, undefined, 'attrib taxonomy add partner-tier bronze'],
      ['type', 'Distributor', undefined, 1, 5, 'distributor', 'attrib taxonomy add partner-type distributor'],
    ]);
    expect(partners!.unknownValues[0]!.suggestion).toBe('did you mean reseller? Add to partners.values.type: "Resseller": reseller');
    expect(partners!.problems).toBe(3);
    // Not in the mapping and not in the directory: today's accounts.csv, nothing to fix.
    expect(accounts).toMatchObject({ file: 'accounts.csv', mapped: false, found: false, problems: 0 });
    expect(opps!.unknownValues.map((u) => [u.field, u.value, u.count, u.valuesEntry?.key ?? null, u.command ?? null])).toEqual([
      ['type', 'Upsell', 1, null, null],
      ['stage', 'Needs Analysis', 2, 'needs_analysis', 'attrib taxonomy add opportunity-stage needs_analysis --outcome open|won|lost'],
      ['stage', 'Closd Won', 1, 'closed_won', null],
    ]);
    expect(opps!.unknownValues[0]!.suggestion).toMatch(/map it in opportunities\.values\.type to one of new_business, expansion, renewal/);
    expect(opps!.badCells).toEqual([
      {
        field: 'amount',
        what: 'amount',
        count: 2,
        first: expect.objectContaining({
          line: 2,
          column: 25,
          value: '12,5000.00',
          message: expect.stringMatching(/malformed digit grouping/),
        }),
      },
      {
        field: 'created_at',
        what: 'date',
        count: 1,
        first: expect.objectContaining({ line: 3, value: '2026-01-05', message: expect.stringMatching(/does not match the date format/) }),
      },
    ]);
    expect(touches).toMatchObject({ file: 'Partner Touches.csv', mapped: true, found: false, problems: 1 });
    expect(report.ignoredFiles).toEqual(['notes.csv']);

    const text = formatMappingCheck(report);
    expect(text).toContain('unmapped headers (ignored by import): "Billing Country"');
    expect(text).toMatch(/type\s+"Resseller"\s+×2\s+line 3\s+did you mean reseller\?/);
    expect(text).toMatch(/tier\s+"Bronze" → bronze\s+×1\s+line 3\s+.*attrib taxonomy add partner-tier bronze/);
    expect(text).toContain('2 amount cells in amount that do not parse, first at Opportunities.csv:2:25');
    expect(text).toMatch(/touchpoints ← Partner Touches\.csv: missing/);
    expect(text).toMatch(/problems to fix before importing/);
  });

  it('names mapped headers missing from the file, with the closest present', async () => {
    const dir = await dirWith({ 'Partner Accounts.csv': 'Account ID,Account Nme,Partner Type\nP1,One,Reseller\n' });
    const report = await checkMappingDirectory(parseMapping(MAPPING, 'yaml', 'crm.yaml'), dir);
    expect(report.files[0]!.missingHeaders).toEqual([
      { column: 'name', header: 'Account Name', closest: 'Account Nme' },
      { column: 'tier', header: 'Partner Tier' },
    ]);
    expect(formatMappingCheck(report)).toContain('missing header "Account Name" (partners.columns.name) — did you mean "Account Nme"?');
  });

  it("checks files the mapping has no section for in today's format (exact header, vocabulary keys)", async () => {
    const dir = await dirWith({
      'accounts.csv': 'key,domain,name\nA1,a.example.com,A\n',
      'touchpoints.csv':
        'external_id,source,opportunity,partner,action,channel,occurred_at,proof,owner,next_step,engagement_depth\nT1,crm,O1,P1,Referral,referral,2025-01-01T00:00:00Z,,,,\n',
    });
    const mapping = parseMapping('partners:\n  columns: { key: Id, name: Name, type: Type }\n', 'yaml', 'p.yaml');
    const report = await checkMappingDirectory(mapping, dir);
    const accounts = report.files[1]!;
    expect(accounts).toMatchObject({ file: 'accounts.csv', mapped: false, found: true, problems: 1 });
    expect(accounts.readProblems.first?.message).toMatch(/right columns in the wrong order/);
    const [action] = report.files[3]!.unknownValues;
    expect(action).toMatchObject({ field: 'action', value: 'Referral', count: 1 });
    expect(action!.valuesEntry).toBeUndefined();
    expect(action!.suggestion).toMatch(/^did you mean referral\? touchpoints\.csv is in today's format, which takes keys only/);
  });

  it('uses the vocabulary it is given (a database taxonomy later)', async () => {
    const dir = await dirWith({
      'Partner Accounts.csv': 'Account ID,Account Name,Partner Type,Partner Tier\nP1,One,Technology Partner,Bronze\n',
    });
    const mapping = parseMapping(MAPPING, 'yaml', 'crm.yaml');
    expect((await checkMappingDirectory(mapping, dir)).files[0]!.problems).toBe(1);
    const withBronze = new Vocabulary([
      ...DEFAULT_TAXONOMY,
      { kind: 'partner-tier', key: 'bronze', label: 'Bronze', description: null, active: true, outcome: null, position: 9 },
    ]);
    expect((await checkMappingDirectory(mapping, dir, { vocabulary: withBronze })).files[0]!.problems).toBe(0);
  });

  it('finds the example exports clean apart from the Salesforce tier bronze', async () => {
    const hubspot = await checkMappingDirectory(
      await loadMapping(join(ROOT, 'examples/mappings/hubspot.yaml')),
      join(ROOT, 'examples/csv/hubspot'),
    );
    expect(hubspot.ok).toBe(true);
    expect(hubspot.files.map((f) => [f.file, f.rows, f.problems])).toEqual([
      ['partner-companies.csv', 4, 0],
      ['companies.csv', 3, 0],
      ['deals.csv', 5, 0],
      ['partner-touches.csv', 5, 0],
    ]);
    const salesforce = await checkMappingDirectory(
      await loadMapping(join(ROOT, 'examples/mappings/salesforce.yaml')),
      join(ROOT, 'examples/csv/salesforce'),
    );
    expect(salesforce.files.flatMap((f) => f.unknownValues.map((u) => u.command))).toEqual(['attrib taxonomy add partner-tier bronze']);
    expect(salesforce.files.reduce((n, f) => n + f.problems, 0)).toBe(1);
  });

  it('derives taxonomy keys from labels and suggests keys by spelling or by words', () => {
    expect(keyForLabel('Proposal/Price Quote')).toBe('proposal_price_quote');
    expect(keyForLabel(' Co-Sell ')).toBe('co_sell');
    expect(suggestKey('Closed Won', ['closed_won', 'closed_lost'])).toBe('closed_won');
    expect(suggestKey('Technology Partner', ['technology', 'reseller'])).toBe('technology');
    expect(suggestKey('Bronze', ['registered', 'silver', 'gold'])).toBeUndefined();
  });
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('attrib mapping check (CLI)', () => {
  it('exits 0 on a clean export, 1 with the report on a dirty one, and prints JSON with --json', async () => {
    const clean = await runCli(['mapping', 'check', 'examples/mappings/hubspot.yaml', 'examples/csv/hubspot']);
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/partners ← partner-companies\.csv: found, 4 rows, clean/);

    const dir = await dirWith({ 'Partner Accounts.csv': PARTNERS, 'Opportunities.csv': OPPS, 'crm.yaml': MAPPING });
    const dirty = await runCli(['mapping', 'check', join(dir, 'crm.yaml'), dir]);
    expect(dirty.code).toBe(1);
    expect(dirty.stdout).toMatch(/"Resseller"\s+×2/);
    expect(dirty.stdout).toContain('attrib taxonomy add partner-tier bronze');

    const json = await runCli(['mapping', 'check', join(dir, 'crm.yaml'), dir, '--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { ok: boolean; files: { file: string; unmappedHeaders: string[] }[] };
    expect(report.ok).toBe(false);
    expect(report.files[0]).toMatchObject({ file: 'Partner Accounts.csv', unmappedHeaders: ['Billing Country'] });

    await writeFile(join(dir, 'bad.yaml'), 'partners:\n  colums: {}\n');
    const bad = await runCli(['mapping', 'check', join(dir, 'bad.yaml'), dir]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/bad\.yaml:2:3: partners\.colums: unknown key "colums" \(did you mean "columns"\?\)/);
  }, 120_000);
});
