// The spotlight view (/app/spotlight) in a real browser against the real
// server on a fresh embedded database with the demo data: its chart, table,
// sample line, rule version and deal list equal the `spotlight` query's answer
// for the same input (fetched over HTTP by the test), changing the model or
// the unit asks the API again, rows and deals lead to the dashboard's
// records, a rule set without current results shows what to do next, and a
// partner key reaches none of it, also through hand-edited URLs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, screenshot, signIn, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const REPORT = `
  query($input: SpotlightInput!) {
    spotlight(input: $input) {
      __typename
      ... on SpotlightReport {
        model by currency laneTotal resamples seed
        sample { journeys conversions value }
        ruleVersions { number hash }
        rows { unit ruleCredit modelCredit difference low high journeys conversions diverges }
        deals { opportunityKey credit disagreement }
      }
      ... on UserError { code message }
    }
  }`;

interface Row {
  unit: string;
  ruleCredit: string;
  modelCredit: string;
  difference: string;
  low: string;
  high: string;
  journeys: number;
  conversions: number;
  diverges: boolean;
}
interface Report {
  __typename: string;
  model: string;
  by: string;
  currency: string | null;
  laneTotal: string;
  resamples: number;
  seed: number;
  sample: { journeys: number; conversions: number; value: string };
  ruleVersions: Array<{ number: number | null; hash: string }>;
  rows: Row[];
  deals: Array<{ opportunityKey: string; credit: string; disagreement: string }>;
}

/** 50 resamples (the view offers it) keep the Markov fits short on a busy machine; the API's default is 200. */
const BASE = { ruleSetKey: 'two_lane', lane: 'influence', resamples: 50 };

async function apiReport(input: Record<string, unknown>): Promise<Report> {
  const r = await h.gql<{ spotlight: Report }>(REPORT, { input: { ...BASE, ...input } });
  expect(r.spotlight.__typename, JSON.stringify(r.spotlight)).toBe('SpotlightReport');
  return r.spotlight;
}

async function shownRows(page: Page) {
  return page.locator('[data-testid="spotlight-table"] tbody tr[data-unit]').evaluateAll((trs) =>
    trs.map((tr) => {
      const exact = (field: string, part?: string) =>
        tr.querySelector(`[data-field="${field}"] ${part ? `[data-part="${part}"] ` : ''}[data-exact]`)?.getAttribute('data-exact') ?? null;
      return {
        unit: tr.getAttribute('data-unit'),
        ruleCredit: exact('ruleCredit'),
        modelCredit: exact('modelCredit'),
        difference: exact('difference'),
        low: exact('interval', 'low'),
        high: exact('interval', 'high'),
        journeys: Number(tr.querySelector('[data-field="journeys"]')?.getAttribute('data-exact')),
        conversions: Number(tr.querySelector('[data-field="conversions"]')?.getAttribute('data-exact')),
        diverges: tr.getAttribute('data-diverges') === 'true',
        flagText: tr.querySelector('[data-field="diverges"]')?.textContent ?? '',
      };
    }),
  );
}

function expectRowsEqual(shown: Awaited<ReturnType<typeof shownRows>>, api: Report) {
  expect(shown.map(({ flagText: _f, ...r }) => r)).toEqual(api.rows);
  for (const r of shown)
    expect(r.flagText, r.unit!).toBe(r.diverges ? '⚑ diverges' : r.unit === '(no touch)' ? 'not compared' : 'within the interval');
}

/** Waits for the page's next spotlight request and its answer; returns the input it sent. */
function nextSpotlightRequest(page: Page, model?: string): Promise<Record<string, unknown>> {
  const wanted = (body: string) => body.includes('query WebSpotlight(') && (!model || body.includes(`"model":"${model}"`));
  return page
    .waitForResponse((r) => r.url().endsWith('/graphql') && wanted(r.request().postData() ?? ''), {
      timeout: 300_000,
    })
    .then((r) => (JSON.parse(r.request().postData()!) as { variables: { input: Record<string, unknown> } }).variables.input);
}

/** Waits until the table shows a report by this unit, and nothing is loading. */
async function tableFor(page: Page, by: string) {
  await page.getByRole('heading', { name: `Per ${by}`, exact: true }).waitFor({ timeout: 300_000 });
  await page.locator('[data-testid="spotlight-table"] tbody tr[data-unit]').first().waitFor({ timeout: 300_000 });
  await page.locator('[aria-busy="true"]').waitFor({ state: 'detached', timeout: 300_000 });
}

describe('spotlight', () => {
  it('shows the figures of the spotlight query: chart, table, sample, rule version, deals', async () => {
    const api = await apiReport({ model: 'markov', order: 1, by: 'partner' });
    expect(api.rows.length).toBeGreaterThan(10);
    expect(api.rows.some((r) => r.diverges)).toBe(true);
    expect(api.deals.length).toBeGreaterThan(0);

    const page = await newPage(h);
    const sent = nextSpotlightRequest(page);
    await signIn(
      page,
      h.origin,
      h.keys.governance,
      '/app/spotlight?ruleSet=two_lane&model=markov&order=1&by=partner&lane=influence&resamples=50',
    );
    expect(await sent).toEqual({ ...BASE, model: 'markov', order: 1, by: 'partner' });
    await tableFor(page, 'partner');

    // The table: every unit in the API's order with its exact figures and flag.
    expectRowsEqual(await shownRows(page), api);
    // Money on screen is the decimal string formatted, the exact value on hover.
    const first = page.locator('[data-testid="spotlight-table"] tbody tr[data-unit]').first();
    expect(await first.locator('[data-field="ruleCredit"] [data-exact]').getAttribute('title')).toBe(`${api.rows[0]!.ruleCredit} USD`);

    // The chart draws the rows listed first (at most 20) with their exact figures.
    const drawn = JSON.parse((await page.locator('#chart-spotlight').getAttribute('data-series'))!);
    const top = api.rows.slice(0, 20);
    expect(drawn).toEqual({
      units: top.map((r) => r.unit),
      ruleCredit: top.map((r) => r.ruleCredit),
      modelCredit: top.map((r) => r.modelCredit),
      low: top.map((r) => r.low),
      high: top.map((r) => r.high),
      diverges: top.map((r) => r.diverges),
    });
    expect(await page.locator('#chart-spotlight svg path').count()).toBeGreaterThan(top.length);

    // The sample, the model and the divergence count are on screen, and the rule version of the figures.
    const sample = page.getByTestId('spotlight-sample');
    expect(Number(await sample.getAttribute('data-journeys'))).toBe(api.sample.journeys);
    expect(Number(await sample.getAttribute('data-conversions'))).toBe(api.sample.conversions);
    expect(await sample.textContent()).toContain(api.sample.journeys.toLocaleString('en-US'));
    expect(await page.getByTestId('spotlight-model').textContent()).toBe(api.model);
    const diverging = api.rows.filter((r) => r.diverges).length;
    expect(await page.getByTestId('spotlight-summary').textContent()).toBe(
      `${diverging} of ${api.rows.length} partner rows diverge: the rules' credit lies outside the model's 95% interval.`,
    );
    const badge = page.getByTestId('rule-versions').locator('[data-source-hash]');
    expect(await badge.count()).toBe(api.ruleVersions.length);
    expect(await badge.first().getAttribute('data-source-hash')).toBe(api.ruleVersions[0]!.hash);
    expect(await badge.first().textContent()).toBe(`v${api.ruleVersions[0]!.number} · ${api.ruleVersions[0]!.hash.slice(0, 8)}`);

    // The deals where rule and model disagree most, in the API's order and figures.
    const deals = await page.locator('[data-testid="spotlight-deals"] tbody tr[data-opportunity]').evaluateAll((trs) =>
      trs.map((tr) => ({
        opportunityKey: tr.getAttribute('data-opportunity'),
        credit: tr.querySelector('[data-field="credit"] [data-exact]')?.getAttribute('data-exact'),
        disagreement: tr.querySelector('[data-field="disagreement"] [data-exact]')?.getAttribute('data-exact'),
      })),
    );
    expect(deals).toEqual(api.deals);
    await expect(page.getByTestId('spotlight-explainer').textContent()).resolves.toContain('spotlight, not a judge');
    await screenshot(page, 'spotlight', 'spotlight');

    // A deal leads to its credit explanation on the dashboard.
    const deal = api.deals[0]!.opportunityKey as string;
    await page.locator(`[data-testid="spotlight-deals"] tr[data-opportunity="${deal}"] a`).click();
    await page.waitForURL(new RegExp(`/app/dashboard/deal/${deal}\\?ruleSet=two_lane$`));
    await page.getByTestId('explanation').first().waitFor();
    // A partner row leads to the partner's deals under the rule set.
    await page.goBack();
    await tableFor(page, 'partner');
    const partner = api.rows.find((r) => r.unit !== '(no touch)')!.unit;
    await page.locator(`[data-testid="spotlight-table"] tr[data-unit="${partner}"] a`).click();
    await page.waitForURL(new RegExp(`/app/dashboard/partner/${partner}\\?ruleSet=two_lane$`));
    await page.getByTestId('partner-deals').locator('tbody tr[data-opportunity]').first().waitFor();

    // The methodology, from the explainer's link.
    await page.goBack();
    await page.getByRole('link', { name: 'How the spotlight works, and how to read it' }).click();
    await page.getByRole('heading', { name: 'The spotlight, in one page', level: 1 }).waitFor();
    await expect(page.getByTestId('spotlight-methodology').textContent()).resolves.toContain('It is a spotlight, not a judge');
    await page.context().close();
  }, 600_000);

  it('asks the API again when the model or the unit changes, and shows its answer', async () => {
    const page = await newPage(h);
    await signIn(page, h.origin, h.keys.analyst, '/app/dashboard?ruleSet=two_lane');
    // From the dashboard's link; the analyst's navigation has the view too.
    expect(await page.getByRole('navigation', { name: 'Views' }).getByRole('link').allTextContents()).toEqual([
      'Scorecard',
      'Spotlight',
      'Revenue hygiene',
    ]);
    await page.getByRole('link', { name: 'Compare these rules with the data-driven spotlight' }).click();
    await page.waitForURL(/\/app\/spotlight\?ruleSet=two_lane$/);
    await page.getByLabel('Model', { exact: true }).waitFor();

    for (const step of [
      { model: 'shapley', by: 'channel', label: 'channel' },
      { model: 'heuristic', heuristic: 'last', by: 'action', label: 'action type' },
    ]) {
      await page.getByLabel('Model', { exact: true }).selectOption(step.model);
      if (step.heuristic) await page.getByLabel('Heuristic', { exact: true }).selectOption(step.heuristic);
      await page.getByLabel('Credit per', { exact: true }).selectOption(step.by);
      await page.getByLabel('Resamples', { exact: true }).selectOption('50');
      // The view's first request (the defaults) may still be answering: wait for this model's.
      const sent = nextSpotlightRequest(page, step.model);
      await page.getByRole('button', { name: 'Apply' }).click();
      const input = await sent;
      const { label, ...expected } = step;
      expect(input).toEqual({ ...BASE, ...expected });
      await page.waitForURL(new RegExp(`model=${step.model}.*by=${step.by}`));
      await tableFor(page, label);
      const api = await apiReport(expected);
      expectRowsEqual(await shownRows(page), api);
      expect(await page.getByTestId('spotlight-model').textContent()).toBe(api.model);
      if (step.by === 'channel') {
        // A channel row leads to the scorecard grouped by channel.
        const unit = api.rows[0]!.unit as string;
        expect(await page.locator(`[data-testid="spotlight-table"] tr[data-unit="${unit}"] a`).getAttribute('href')).toBe(
          '/app/dashboard?ruleSet=two_lane&groupBy=channel',
        );
      }
    }
    // Action types have no record view of their own: no links.
    expect(await page.locator('[data-testid="spotlight-table"] tbody tr[data-unit] a').count()).toBe(0);
    await page.context().close();
  }, 600_000);

  it('says what to do when the rule set has no current results', async () => {
    const created = await h.gql<{ createRuleSet: { __typename: string } }>(
      `mutation { createRuleSet(input: { key: "spotlight_empty", name: "Unpublished methodology" }) { __typename } }`,
      {},
      h.keys.governance,
    );
    expect(created.createRuleSet.__typename).toBe('CreateRuleSetPayload');
    const api = await apiReport({ ruleSetKey: 'spotlight_empty', model: 'shapley', by: 'channel' });
    expect(api.ruleVersions).toEqual([]);

    const page = await newPage(h);
    await signIn(page, h.origin, h.keys.governance, '/app/spotlight?ruleSet=spotlight_empty&model=shapley&by=channel&resamples=50');
    const empty = page.getByTestId('spotlight-empty');
    await empty.waitFor({ timeout: 300_000 });
    expect(await empty.getByRole('heading').textContent()).toBe('No current results for Unpublished methodology');
    expect(await empty.textContent()).toContain('attrib run spotlight_empty');
    expect(await empty.getByRole('link', { name: 'rules workbench' }).getAttribute('href')).toBe('/app/workbench');
    // The sample stays visible; no table or chart of zeros.
    expect(Number(await page.getByTestId('spotlight-sample').getAttribute('data-journeys'))).toBe(api.sample.journeys);
    expect(await page.getByTestId('spotlight-table').count()).toBe(0);
    expect(await page.locator('#chart-spotlight').count()).toBe(0);
    await screenshot(page, 'spotlight-empty');
    await page.context().close();
  }, 600_000);

  it('is out of reach of a partner key: not in its navigation, not by URL, refused by the API', async () => {
    const page = await newPage(h);
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/graphql')) requests.push(r.postData() ?? '');
    });
    await signIn(page, h.origin, h.keys.partnerA);
    await page.waitForURL(/\/app\/portal$/);
    expect(await page.getByRole('navigation', { name: 'Views' }).getByRole('link').allTextContents()).toEqual(['Partner portal']);
    for (const path of [
      '/app/spotlight',
      '/app/spotlight?ruleSet=two_lane&model=markov&order=1&by=partner',
      '/app/spotlight/methodology',
      `/app/spotlight/partner/${h.partners[1]!.key}`,
    ]) {
      await page.goto(h.origin + path);
      await page.getByRole('heading', { name: 'Not available' }).waitFor();
    }
    expect(requests.length).toBeGreaterThan(0);
    for (const body of requests) expect(body).not.toContain('spotlight');
    const refused = await fetch(`${h.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${h.keys.partnerA}` },
      body: JSON.stringify({ query: REPORT, variables: { input: { ...BASE, model: 'shapley' } } }),
    }).then((r) => r.json() as Promise<{ data?: { spotlight: unknown } | null; errors?: Array<{ extensions?: { code?: string } }> }>);
    expect(refused.data?.spotlight ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await page.context().close();
  });
});
