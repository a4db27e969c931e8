// Exchange rates in: `attrib fx import FILE.csv` (the import pipeline: every
// problem at file:line:column, all or nothing, idempotent, audited), the
// rate parser (exact text, never a float) and the service the API uses.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runFxImport, runFxList } from '../../src/cli/commands/fx.js';
import { main } from '../../src/cli/main.js';
import { FxError, importFxRates, listFxRates, parseRate } from '../../src/fx/rates.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';

let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'attrib-fx-'));
});
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
    out.push(`${a.join(' ')}\n`);
  });
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => {
    err.push(`${a.join(' ')}\n`);
  });
  try {
    return { code: await fn(), out: out.join(''), err: err.join('') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const stored = async () => (await listFxRates(db.sql)).map((r) => `${r.currency} ${r.date} ${r.rate}`);
const auditOf = (action: string) => db.prisma.auditEvent.findMany({ where: { action }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });

describe('parseRate', () => {
  it('keeps the exact decimal text and refuses what is not a positive plain decimal', () => {
    expect(parseRate('1.0842')).toEqual({ ok: true, value: '1.0842' });
    expect(parseRate(' 0001.2500 ')).toEqual({ ok: true, value: '1.25' });
    expect(parseRate('.5')).toEqual({ ok: true, value: '0.5' });
    expect(parseRate('0.1234567891')).toEqual({ ok: true, value: '0.1234567891' });
    // 0.1 + 0.2 style float artefacts never arise: the text is the value.
    expect(parseRate('0.3000000000')).toEqual({ ok: true, value: '0.3' });
    for (const [raw, reason] of [
      ['', 'empty'],
      ['0', 'zero'],
      ['0.000', 'zero'],
      ['-1.1', 'negative'],
      ['1e3', 'scientific'],
      ['1,08', 'decimal comma'],
      ['1.12345678901', '11 decimal places'],
      ['12345678901', 'too large'],
      ['abc', 'not a decimal'],
      ['$1.10', 'not a decimal'],
    ] as const) {
      const r = parseRate(raw);
      expect(r.ok, raw).toBe(false);
      if (!r.ok) expect(r.reason, raw).toContain(reason);
    }
  });
});

describeDatabase('attrib fx import', () => {
  it('reports every bad cell at file:line:column and writes nothing of a bad file', async () => {
    const path = file(
      'bad.csv',
      [
        'currency,date,rate',
        'EUR,2026-03-01,1.0842',
        'eur,2026-03-02,1.09',
        'GBP,2026-02-30,1.27',
        'GBP,2026-03-01,1.2e0',
        '"JPY",2026-03-01,-0.0067',
        'EUR,2026-03-01,1.0843',
      ].join('\n'),
    );
    const r = await capture(() => runFxImport(db.sql, path, {}));
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad.csv:3:1: "eur" must be upper case — write EUR');
    expect(r.err).toContain('bad.csv:4:5: "2026-02-30" is not a real date: 2026-02 has 28 days');
    expect(r.err).toContain('bad.csv:5:16: "1.2e0" is in scientific notation');
    expect(r.err).toContain('bad.csv:6:18: "-0.0067" is negative; a rate is positive');
    expect(r.err).toContain('bad.csv:7:5: duplicate rate: the same key is already on line 2');
    expect(r.err).toContain('bad.csv was rejected: nothing of it was written');
    expect(await stored()).toEqual([]);
    const rejected = await auditOf('import.csv.rejected');
    expect(rejected.map((e) => e.entityId)).toEqual(['bad.csv']);
  });

  it('points at a wrong header', async () => {
    const r = await capture(() => runFxImport(db.sql, file('header.csv', 'currency,day,rate\nEUR,2026-03-01,1.08\n'), {}));
    expect(r.code).toBe(1);
    expect(r.err).toContain('header.csv:1:10:');
    expect(r.err).toContain('the first line of header.csv must be exactly: currency,date,rate');
  });

  it('imports a file with a BOM, CRLF and quoted cells; re-importing it changes nothing; a changed rate updates; each import is audited', async () => {
    const path = file(
      'rates.csv',
      '\uFEFFcurrency,date,rate\r\nEUR,2026-03-01,1.0842\r\n"GBP","2026-03-01","1.2650"\r\nEUR,2026-03-02,1.0900\r\n',
    );
    const first = await capture(() => runFxImport(db.sql, path, {}));
    expect(first.code).toBe(0);
    expect(first.out).toContain('Imported rates.csv: 3 rates: 3 created, 0 updated, 0 unchanged.');
    expect(await stored()).toEqual(['EUR 2026-03-01 1.0842', 'EUR 2026-03-02 1.09', 'GBP 2026-03-01 1.265']);

    const again = await capture(() => runFxImport(db.sql, path, {}));
    expect(again.out).toContain('3 rates: 0 created, 0 updated, 3 unchanged.');

    const changed = await capture(() =>
      runFxImport(db.sql, file('rates.csv', 'currency,date,rate\nEUR,2026-03-01,1.0850\nGBP,2026-03-01,1.265\n'), {}),
    );
    expect(changed.out).toContain('2 rates: 0 created, 1 updated, 1 unchanged.');
    expect(await stored()).toEqual(['EUR 2026-03-01 1.085', 'EUR 2026-03-02 1.09', 'GBP 2026-03-01 1.265']);

    const events = (await auditOf('import.csv')).filter((e) => e.entityId === 'rates.csv');
    expect(events.map((e) => e.after)).toEqual([
      { rows: 3, created: 3, updated: 0, unchanged: 0, rejected: 0 },
      { rows: 3, created: 0, updated: 0, unchanged: 3, rejected: 0 },
      { rows: 2, created: 0, updated: 1, unchanged: 1, rejected: 0 },
    ]);
  });

  it('a dry run validates and writes nothing', async () => {
    const before = await stored();
    const r = await capture(() => runFxImport(db.sql, file('dry.csv', 'currency,date,rate\nCHF,2026-03-01,1.13\n'), { dryRun: true }));
    expect(r.out).toContain('Dry run: dry.csv is valid (1 rates: 1 created');
    expect(await stored()).toEqual(before);
  });

  it('lists rates, filtered by currency and days', async () => {
    const r = await capture(() => runFxList(db.sql, { currency: 'EUR', from: '2026-03-02' }, { reportingCurrency: 'USD' }));
    expect(r.out).toContain('Rates in USD');
    expect(r.out).toMatch(/EUR\s+2026-03-02\s+1\.09/);
    expect(r.out).not.toContain('2026-03-01');
    await expect(runFxList(db.sql, { currency: 'euro' }, { reportingCurrency: 'USD' })).rejects.toThrow(
      'is not a 3-letter ISO 4217 currency code',
    );
  });

  it('the CLI refuses a missing file or action before opening a database', async () => {
    expect((await capture(() => main(['fx', 'import']))).err).toContain('which file? Usage: attrib fx import FILE.csv');
    expect((await capture(() => main(['fx', 'import', join(dir, 'nope.csv')]))).err).toContain('is not a file');
    expect((await capture(() => main(['fx', 'convert']))).err).toContain('unknown action "convert"');
  });

  it('the service behind the API validates every item, writes all or nothing and audits fx_rate.import', async () => {
    const before = await stored();
    let error: unknown;
    try {
      await importFxRates(
        db.sql,
        [
          { currency: 'SEK', date: '2026-03-01', rate: '0.095' },
          { currency: 'SEK', date: '2026-03-01', rate: '0.096' },
          { currency: 'NOK', date: '2026-13-01', rate: '0' },
        ],
        'test',
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FxError);
    expect((error as FxError).issues.map((i) => `${i.index}.${i.field}`)).toEqual(['1.date', '2.date', '2.rate']);
    expect(await stored()).toEqual(before);

    const result = await importFxRates(
      db.sql,
      [
        { currency: 'SEK', date: '2026-03-01', rate: '0.0950' },
        { currency: 'NOK', date: '2026-03-01', rate: '0.0931' },
      ],
      'test:api',
    );
    expect(result).toEqual({ rates: 2, created: 2, updated: 0, unchanged: 0 });
    expect(await importFxRates(db.sql, [{ currency: 'SEK', date: '2026-03-01', rate: '0.095' }], 'test:api')).toEqual({
      rates: 1,
      created: 0,
      updated: 0,
      unchanged: 1,
    });
    const events = await auditOf('fx_rate.import');
    expect(events.map((e) => [e.actor, e.entityId, e.after])).toEqual([
      [
        'test:api',
        'NOK,SEK',
        { created: 2, updated: 0, unchanged: 0, rates: 2, currencies: ['NOK', 'SEK'], from: '2026-03-01', to: '2026-03-01' },
      ],
      ['test:api', 'SEK', { created: 0, updated: 0, unchanged: 1, rates: 1, currencies: ['SEK'], from: '2026-03-01', to: '2026-03-01' }],
    ]);
  });
});
