import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MappingError, mappingSyntaxOf, parseMapping, type MappingIssue } from '../../src/import/mapping/schema.js';
import { TARGETS, type MappedEntity } from '../../src/import/mapping/targets.js';
import { IMPORT_FORMAT } from '../../src/domain/import-format.js';
import { DEFAULT_VOCABULARY } from '../../src/domain/taxonomy.js';
import { accountsImporter } from '../../src/import/entities/accounts.js';
import { opportunitiesImporter } from '../../src/import/entities/opportunities.js';
import { partnersImporter } from '../../src/import/entities/partners.js';
import { touchpointsImporter } from '../../src/import/entities/touchpoints.js';

const ROOT = join(import.meta.dirname, '../..');

function issuesOf(text: string, syntax: 'json' | 'yaml' = 'yaml'): MappingIssue[] {
  try {
    parseMapping(text, syntax, 'm.yaml');
  } catch (err) {
    if (err instanceof MappingError) return err.issues;
    throw err;
  }
  throw new Error('the mapping was accepted');
}

const PARTNERS = `partners:
  file: Partner Accounts.csv
  columns: { key: Account ID, name: Account Name, type: Partner Type }
`;

describe('the import format', () => {
  it('has the published headers, letter by letter', () => {
    const headers = Object.fromEntries(Object.values(IMPORT_FORMAT).map((f) => [f.file, f.header.join(',')]));
    expect(headers).toEqual({
      'partners.csv': 'key,name,type,tier',
      'accounts.csv': 'key,name,domain',
      'opportunities.csv': 'key,account,name,type,amount,currency,stage,created_at,closed_at',
      'touchpoints.csv':
        'external_id,source,opportunity,partner,action,channel,occurred_at,proof,owner,next_step,engagement_depth,declared_role',
    });
    expect(IMPORT_FORMAT.touchpoints.omittable).toEqual(['declared_role']);
  });

  it('is what the importers read and the mapping targets map onto', () => {
    const vocabulary = DEFAULT_VOCABULARY;
    const now = new Date();
    const importers = [
      partnersImporter(vocabulary),
      accountsImporter,
      opportunitiesImporter(now, vocabulary),
      touchpointsImporter(now, vocabulary),
    ];
    for (const [entity, format] of Object.entries(IMPORT_FORMAT)) {
      const importer = importers.find((i) => i.file === format.file)!;
      expect([importer.header, importer.omittable ?? []]).toEqual([format.header, 'omittable' in format ? format.omittable : []]);
      expect([TARGETS[entity as MappedEntity].file, TARGETS[entity as MappedEntity].columns]).toEqual([format.file, format.header]);
    }
  });
});

describe('mapping file validation', () => {
  it("maps onto exactly the headers of today's format (the example files, which the import reads as is)", async () => {
    for (const target of Object.values(TARGETS)) {
      const first = (await readFile(join(ROOT, 'examples/csv', target.file), 'utf8')).split('\n')[0]!;
      expect(target.columns.join(',')).toBe(first);
      for (const c of [...target.optional, ...target.dates, ...target.amounts, ...Object.keys(target.vocabulary)])
        expect(target.columns).toContain(c);
    }
  });

  it('accepts a partial mapping, merges top-level dates and numbers and lets a section override them', () => {
    const m = parseMapping(
      `${PARTNERS}dates: { format: M/d/yyyy h:mm a, timezone: UTC }
numbers: { thousandsSeparator: ",", decimalSeparator: "." }
opportunities:
  file: Opps.csv
  columns: { key: Id, account: Account, name: Name, type: Type, amount: Amount, currency: Cur, stage: Stage, created_at: Created }
  numbers: { thousandsSeparator: ".", decimalSeparator: "," }
  dates: { timezone: Europe/Berlin }
  values: { stage: { Closed Won: closed_won } }
`,
      'yaml',
      'm.yaml',
    );
    expect(Object.keys(m.entities)).toEqual(['partners', 'opportunities']);
    expect(m.entities.partners!.columns).toEqual({ key: 'Account ID', name: 'Account Name', type: 'Partner Type' });
    expect(m.entities.opportunities).toMatchObject({
      file: 'Opps.csv',
      numbers: { thousandsSeparator: '.', decimalSeparator: ',' },
      dates: { format: 'M/d/yyyy h:mm a', timezone: 'Europe/Berlin' },
      values: { stage: { 'Closed Won': 'closed_won' } },
    });
    expect(m.entities.opportunities!.columns.closed_at).toBeUndefined();
  });

  it('reports an unknown key with did-you-mean, its JSON path and its line:column in YAML', () => {
    const issues = issuesOf('partners:\n  file: P.csv\n  colums: { key: Id }\n');
    const issue = issues.find((i) => i.path === 'partners.colums');
    expect(issue).toMatchObject({ path: 'partners.colums', line: 3, column: 3, message: 'unknown key "colums" (did you mean "columns"?)' });
    expect(issue!.hint).toMatch(/file, columns, values, dates, numbers/);
    // The section also lacks its columns.
    expect(issues).toContainEqual(expect.objectContaining({ path: 'partners.columns', message: 'is missing' }));
  });

  it('reports unknown target columns and value fields with did-you-mean', () => {
    const issues = issuesOf(
      `${PARTNERS}  values: { teir: { Gold: gold } }\naccounts:\n  columns: { key: Id, name: Name, domian: Website }\n`,
    );
    expect(issues.map((i) => [i.path, i.line, i.message])).toEqual([
      ['partners.values.teir', 4, 'unknown key "teir" (did you mean "tier"?)'],
      ['accounts.columns.domian', 6, 'unknown key "domian" (did you mean "domain"?)'],
    ]);
  });

  it('names a required column that is not mapped, and says which may be left out', () => {
    const issues = issuesOf('accounts:\n  columns: { key: Id }\n');
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'accounts.columns',
        line: 2,
        message: 'the required column "name" is not mapped',
        hint: expect.stringContaining('only domain may be left out'),
      }),
    ]);
  });

  it('refuses an unknown time zone with a suggestion, bad formats, equal separators and a format without a zone', () => {
    expect(issuesOf('dates: { format: M/d/yyyy, timezone: America/New_Yrok }\n')).toEqual([
      expect.objectContaining({
        path: 'dates.timezone',
        line: 1,
        message: '"America/New_Yrok" is not an IANA time zone (did you mean "America/New_York"?)',
      }),
    ]);
    expect(issuesOf('dates: { timezone: EST5 }\n')[0]!.message).toMatch(/not an IANA time zone/);
    expect(issuesOf('dates: { format: [M/d/yyyy, MM/DD/YYYY], timezone: UTC }\n')[0]).toMatchObject({
      path: 'dates.format[1]',
      message: expect.stringMatching(/week-numbering year/),
    });
    expect(issuesOf('numbers: { thousandsSeparator: ";" }\n')[0]).toMatchObject({
      path: 'numbers.thousandsSeparator',
      message: expect.stringMatching(/must be one of/),
    });
    expect(issuesOf(`${PARTNERS}  numbers: { thousandsSeparator: "." }\n`)[0]).toMatchObject({
      path: 'partners.numbers',
      message: expect.stringMatching(/both "\."/),
    });
    const opp =
      'opportunities:\n  dates: { format: M/d/yyyy }\n  columns: { key: a, account: b, name: c, type: d, amount: e, currency: f, stage: g, created_at: h }\n';
    expect(issuesOf(opp)[0]).toMatchObject({
      path: 'opportunities.dates',
      message: expect.stringMatching(/no UTC offset, and no timezone/),
    });
  });

  it('reports JSON paths and positions for JSON files too, and syntax errors', () => {
    const issues = issuesOf('{\n  "partners": {\n    "columns": { "key": "Id", "name": 5, "type": "T" }\n  }\n}\n', 'json');
    expect(issues).toEqual([expect.objectContaining({ path: 'partners.columns.name', line: 3, message: 'must be a string' })]);
    expect(issuesOf('{ "partners": { "columns": {}, } }', 'json')[0]!.message).toMatch(/not valid JSON/);
    expect(issuesOf('partners:\n  columns: [\n')[0]).toMatchObject({
      message: expect.stringMatching(/not valid YAML/),
      line: expect.any(Number),
    });
    expect(issuesOf('')[0]!.message).toMatch(/empty/);
    expect(issuesOf('"Closed Won": closed_won\n')[0]!.message).toMatch(/unknown key "Closed Won"/);
  });

  it('refuses two entities reading one file', () => {
    expect(issuesOf(`${PARTNERS}accounts:\n  file: Partner Accounts.csv\n  columns: { key: a, name: b }\n`)[0]).toMatchObject({
      path: 'accounts.file',
      message: 'partners and accounts both read "Partner Accounts.csv"',
    });
    expect(issuesOf('accounts:\n  file: partners.csv\n  columns: { key: a, name: b }\n')[0]).toMatchObject({
      path: 'accounts.file',
      line: 2,
      message: expect.stringMatching(/today's file for partners/),
    });
  });

  it('knows the syntax by extension', () => {
    expect(mappingSyntaxOf('a/b.YAML')).toBe('yaml');
    expect(mappingSyntaxOf('b.yml')).toBe('yaml');
    expect(mappingSyntaxOf('b.json')).toBe('json');
    expect(() => mappingSyntaxOf('b.txt')).toThrow(/\.json, \*\.yaml or \*\.yml/);
  });
});
