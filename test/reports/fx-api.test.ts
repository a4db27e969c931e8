// Exchange rates and the reporting currency over real HTTP: importFxRates
// (admin and governance; a partner key is refused and writes nothing), the
// fxRates query, and the scorecard's currency, conversions and typed refusal.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, type RunningServer } from '../../src/server/app.js';
import { startTestServer, type TestServer } from '../server/harness.js';
import { describeDatabase } from '../support/db.js';
import { buildFxWorld, type FxWorld } from './fx-fixture.js';

let t: TestServer;
let world: FxWorld;

beforeAll(async () => {
  t = await startTestServer({ recompute: { start: false } });
  world = await buildFxWorld(t.db.prisma);
  await world.deal({
    key: 'E1',
    amount: '1000.00',
    currency: 'EUR',
    stage: 'closed_won',
    created: '2026-01-05',
    closed: '2026-02-20',
    credits: [{ partner: 'acme', lane: 'source', amount: '1000.00' }],
  });
});
afterAll(async () => {
  await t?.close();
});

const IMPORT = `mutation($input: ImportFxRatesInput!) { importFxRates(input: $input) { __typename
  ... on ImportFxRatesPayload { rates created updated unchanged }
  ... on ValidationError { code message issues { path message } } } }`;
const LIST = `query($currency: String, $from: Date, $to: Date) { fxRates(currency: $currency, from: $from, to: $to) { __typename
  ... on QueryFxRatesSuccess { data { currency date rate } } ... on ValidationError { code message } } }`;
const SCORECARD = `query { scorecard(ruleSetKey: "fx", from: "2026-01-01", to: "2026-03-31") { __typename
  ... on Scorecard { currency fiscalYearStart periods fxConversions { currency opportunities investments firstRateDate lastRateDate }
    rows { groupKey period sourcedRevenue } }
  ... on DomainRuleError { code message details } } }`;

const rates = (list: { currency: string; date: string; rate: string }[]) => ({ input: { rates: list } });

describeDatabase('fx over HTTP', () => {
  it('a partner key, an analyst and an integrator may not import rates; nothing is written', async () => {
    for (const key of [t.keys.partnerAcme, t.keys.analyst, t.keys.integrator]) {
      const res = await t.gql(IMPORT, rates([{ currency: 'EUR', date: '2026-02-15', rate: '1.0845' }]), key);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.data?.importFxRates ?? null).toBeNull();
    }
    expect(await t.db.prisma.fxRate.count()).toBe(0);
    const list = await t.gql(LIST, {}, t.keys.partnerAcme);
    expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the scorecard refuses with FX_RATE_MISSING naming the currency and day, with the list in details', async () => {
    const res = await t.gql(SCORECARD, {}, t.keys.analyst);
    expect(res.errors).toBeUndefined();
    const card = res.data!.scorecard;
    expect(card.__typename).toBe('DomainRuleError');
    expect(card.code).toBe('FX_RATE_MISSING');
    expect(card.message).toContain('EUR on or before 2026-02-20');
    expect(card.message).toContain('attrib fx import FILE.csv');
    expect(card.details).toEqual({ missingRates: [{ currency: 'EUR', date: '2026-02-20', opportunities: 1, investments: 0 }] });
  });

  it('admin and governance import rates: validated item by item, all or nothing, idempotent, audited', async () => {
    const bad = await t.gql(
      IMPORT,
      rates([
        { currency: 'EUR', date: '2026-02-15', rate: '1.0845' },
        { currency: 'eur', date: '2026-02-16', rate: '-1' },
      ]),
      t.keys.admin,
    );
    expect(bad.data!.importFxRates.__typename).toBe('ValidationError');
    expect(bad.data!.importFxRates.issues.map((i: { path: string }) => i.path)).toEqual(['input.rates.1.currency', 'input.rates.1.rate']);
    expect(await t.db.prisma.fxRate.count()).toBe(0);
    // A float is refused by the Decimal scalar before anything runs.
    const float = await t.gql(IMPORT, { input: { rates: [{ currency: 'EUR', date: '2026-02-15', rate: 1.0845 }] } }, t.keys.admin);
    expect(float.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const list = [
      { currency: 'EUR', date: '2026-02-15', rate: '1.0845' },
      { currency: 'EUR', date: '2026-03-31', rate: '1.1' },
    ];
    const first = await t.gql(IMPORT, rates(list), t.keys.admin);
    expect(first.data!.importFxRates).toEqual({ __typename: 'ImportFxRatesPayload', rates: 2, created: 2, updated: 0, unchanged: 0 });
    const again = await t.gql(IMPORT, rates(list), t.keys.governance);
    expect(again.data!.importFxRates).toMatchObject({ rates: 2, created: 0, updated: 0, unchanged: 2 });
    const events = await t.db.prisma.auditEvent.findMany({ where: { action: 'fx_rate.import' }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    expect(events).toHaveLength(2);
    expect(events[0]!.actor).toMatch(/^key:/);
    expect(events[0]!.after).toMatchObject({ created: 2, currencies: ['EUR'], from: '2026-02-15', to: '2026-03-31' });

    const read = await t.gql(LIST, { currency: 'EUR', to: '2026-03-01' }, t.keys.analyst);
    expect(read.data!.fxRates.data).toEqual([{ currency: 'EUR', date: '2026-02-15', rate: '1.0845' }]);
  });

  it('the scorecard reports in the reporting currency with its conversions', async () => {
    const res = await t.gql(SCORECARD, {}, t.keys.analyst);
    const card = res.data!.scorecard;
    expect(card.__typename).toBe('Scorecard');
    expect(card.currency).toBe('USD');
    expect(card.fiscalYearStart).toBe(1);
    // E1: 1000.00 EUR won 2026-02-20 at the 2026-02-15 rate 1.0845 = 1084.50.
    expect(
      card.rows.find((r: { groupKey: string; period: string }) => r.groupKey === 'acme' && r.period === '2026-Q1').sourcedRevenue,
    ).toBe('1084.50');
    expect(card.fxConversions).toEqual([
      { currency: 'EUR', opportunities: 1, investments: 0, firstRateDate: '2026-02-15', lastRateDate: '2026-02-15' },
    ]);
  });

  it('a server configured for EUR and a February fiscal year reports in them', async () => {
    let server: RunningServer | undefined;
    try {
      server = await createServer(
        t.db,
        { nodeEnv: 'test', port: 0, reportingCurrency: 'EUR', fiscalYearStart: 2 },
        { recompute: { start: false } },
      );
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t.keys.analyst}` },
        body: JSON.stringify({ query: SCORECARD }),
      });
      const card = ((await res.json()) as { data: { scorecard: Record<string, any> } }).data.scorecard;
      expect(card.currency).toBe('EUR');
      expect(card.fiscalYearStart).toBe(2);
      // 2026-01-01 … 2026-03-31 in February fiscal quarters: FY2026-Q4 (Nov–Jan) and FY2027-Q1 (Feb–Apr).
      expect(card.periods).toEqual(['FY2026-Q4', 'FY2027-Q1']);
      // EUR deals in EUR: exactly 1, no rate needed.
      expect(
        card.rows.find((r: { groupKey: string; period: string }) => r.groupKey === 'acme' && r.period === 'FY2027-Q1').sourcedRevenue,
      ).toBe('1000.00');
      expect(card.fxConversions).toEqual([]);
    } finally {
      await server?.close();
    }
  });
});
