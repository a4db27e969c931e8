// The web app in a real browser (Debian's chromium through playwright-core)
// against the real server on a fresh embedded database with the demo data.
// Every figure the tests check is compared with the API's own answer,
// fetched over HTTP with the same filters.
import { readFileSync } from 'node:fs';
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

const FILTERS = { ruleSetKey: 'two_lane', from: '2025-04-01', to: '2026-09-30' };
const DASHBOARD = `/app/dashboard?ruleSet=two_lane&from=${FILTERS.from}&to=${FILTERS.to}&groupBy=partner&period=quarter`;

async function navLinks(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Views' }).getByRole('link').allTextContents();
}

describe('sign-in per role', () => {
  it('shows each role its views, and a partner key the portal only', async () => {
    const expected: Record<string, string[]> = {
      admin: ['Scorecard', 'Spotlight', 'Revenue hygiene', 'Rules workbench'],
      governance: ['Scorecard', 'Spotlight', 'Revenue hygiene', 'Rules workbench'],
      analyst: ['Scorecard', 'Spotlight', 'Revenue hygiene'],
      partnerA: ['Partner portal'],
      integrator: [],
    };
    for (const [role, views] of Object.entries(expected)) {
      const page = await newPage(h);
      await signIn(page, h.origin, h.keys[role as keyof Harness['keys']]);
      expect(await navLinks(page), role).toEqual(views);
      if (views.length === 0) await expect(page.getByRole('heading', { name: 'No views for this key' }).isVisible()).resolves.toBe(true);
      // The key lives in session storage only, and a reload keeps the session.
      expect(await page.evaluate(() => sessionStorage.getItem('attrib.apiKey'))).toBe(h.keys[role as keyof Harness['keys']]);
      expect(await page.evaluate(() => localStorage.length)).toBe(0);
      await page.reload();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      expect(await navLinks(page), `${role} after reload`).toEqual(views);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('API key').waitFor();
      expect(await page.evaluate(() => sessionStorage.getItem('attrib.apiKey'))).toBeNull();
      await page.context().close();
    }
  });

  it('refuses a wrong key with the server message', async () => {
    const page = await newPage(h);
    await page.goto(`${h.origin}/app/`);
    await screenshot(page, 'sign-in');
    await page.getByLabel('API key').fill('attrib_000000000000_not-a-real-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Invalid or revoked API key/);
    expect(await page.evaluate(() => sessionStorage.getItem('attrib.apiKey'))).toBeNull();
    await page.context().close();
  });

  it('keeps a governance key out of nothing it may not see, and a partner key out of the internal views', async () => {
    const page = await newPage(h);
    await signIn(page, h.origin, h.keys.analyst);
    await page.goto(`${h.origin}/app/workbench`);
    await page.getByRole('heading', { name: 'Not available' }).waitFor();
    await page.context().close();
  });
});

describe('scorecard dashboard', () => {
  it('draws the charts and the table with the figures of the scorecard query', async () => {
    const api = await h.gql<any>(
      `query($ruleSetKey: String!, $from: Date!, $to: Date!) {
      totals: scorecard(ruleSetKey: $ruleSetKey, from: $from, to: $to, groupBy: period) { ... on Scorecard { periods rows { period sourcedPipeline influencedPipeline sourcedRevenue influencedRevenue } } }
      table: scorecard(ruleSetKey: $ruleSetKey, from: $from, to: $to, groupBy: partner) { ... on Scorecard { periods ruleVersions { number sourceHash } rows { groupKey period sourcedPipeline influencedPipeline sourcedRevenue influencedRevenue winRateInvolved { rate } coverageRate } } }
    }`,
      FILTERS,
    );
    const periods: string[] = api.totals.periods;
    expect(periods.length).toBeGreaterThan(3);

    const page = await newPage(h);
    await signIn(page, h.origin, h.keys.admin, DASHBOARD);
    await page.getByTestId('scorecard-table').locator('tbody tr[data-group]').first().waitFor();

    // Charts: the exact series the chart draws are the scorecard's, period by period.
    for (const [id, fields] of [
      ['chart-pipeline', ['sourcedPipeline', 'influencedPipeline']],
      ['chart-revenue', ['sourcedRevenue', 'influencedRevenue']],
    ] as const) {
      const drawn = JSON.parse((await page.locator(`#${id}`).getAttribute('data-series'))!) as {
        periods: string[];
        series: Record<string, string[]>;
      };
      expect(drawn.periods).toEqual(periods);
      const values = Object.values(drawn.series);
      for (const [i, field] of fields.entries()) {
        expect(values[i], `${id} ${field}`).toEqual(periods.map((p) => api.totals.rows.find((r: any) => r.period === p)[field]));
      }
      // ECharts rendered bars (SVG paths), not an empty box.
      expect(await page.locator(`#${id} svg path`).count()).toBeGreaterThan(periods.length);
    }
    // The accessible table beside the revenue chart shows the same exact figures.
    const tableCells = await page
      .locator('table[data-chart-table="chart-revenue"] tbody td')
      .evaluateAll((tds) => tds.map((td) => td.getAttribute('data-exact')));
    expect(tableCells).toEqual(
      periods.flatMap((p) => {
        const r = api.totals.rows.find((x: any) => x.period === p);
        return [r.sourcedRevenue, r.influencedRevenue];
      }),
    );

    // Table: the latest period by default, one row per partner, exact figures in data-exact and title.
    const latest = periods[periods.length - 1]!;
    const rows = await page.locator('[data-testid="scorecard-table"] tbody tr[data-group]').evaluateAll((trs) =>
      trs.map((tr) => ({
        group: tr.getAttribute('data-group'),
        period: tr.getAttribute('data-period'),
        sourcedRevenue: tr.querySelector('[data-field="sourcedRevenue"] [data-exact]')?.getAttribute('data-exact'),
        influencedRevenue: tr.querySelector('[data-field="influencedRevenue"] [data-exact]')?.getAttribute('data-exact'),
        sourcedPipeline: tr.querySelector('[data-field="sourcedPipeline"] [data-exact]')?.getAttribute('data-exact'),
        influencedPipeline: tr.querySelector('[data-field="influencedPipeline"] [data-exact]')?.getAttribute('data-exact'),
        winRate: tr.querySelector('[data-field="winRate"] [data-part="involved"] [data-exact]')?.getAttribute('data-exact') ?? null,
        coverage: tr.querySelector('[data-field="coverage"] [data-exact]')?.getAttribute('data-exact') ?? null,
        title: tr.querySelector('[data-field="sourcedRevenue"] [data-exact]')?.getAttribute('title'),
      })),
    );
    const expectedRows = api.table.rows.filter((r: any) => r.period === latest);
    expect(rows.length).toBe(expectedRows.length);
    for (const row of rows) {
      const r = expectedRows.find((x: any) => x.groupKey === row.group);
      expect(r, row.group!).toBeTruthy();
      expect(row).toMatchObject({
        period: latest,
        sourcedRevenue: r.sourcedRevenue,
        influencedRevenue: r.influencedRevenue,
        sourcedPipeline: r.sourcedPipeline,
        influencedPipeline: r.influencedPipeline,
        winRate: r.winRateInvolved.rate,
        coverage: r.coverageRate,
      });
      expect(row.title).toBe(`${r.sourcedRevenue} USD`);
    }
    // Sorted by sourced revenue, largest first.
    const sorted = [...rows].map((r) => BigInt(r.sourcedRevenue!.replace('.', '')));
    expect(sorted).toEqual([...sorted].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));

    // The rule version (number + hash) of the figures is on screen.
    const badge = await page.getByTestId('rule-versions').locator('[data-source-hash]').first();
    expect(await badge.getAttribute('data-source-hash')).toBe(api.table.ruleVersions[0].sourceHash);
    expect(await badge.textContent()).toBe(`v${api.table.ruleVersions[0].number} · ${api.table.ruleVersions[0].sourceHash.slice(0, 8)}`);
    await screenshot(page, 'dashboard', 'dashboard');

    // Another grouping and period, through the filters: the URL follows, the table follows the API.
    await page.getByLabel('Group by').selectOption('channel');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/groupBy=channel/);
    await page.getByRole('heading', { name: 'By channel' }).waitFor();
    const byChannel = await h.gql<any>(
      `query($ruleSetKey: String!, $from: Date!, $to: Date!) { scorecard(ruleSetKey: $ruleSetKey, from: $from, to: $to, groupBy: channel) { ... on Scorecard { rows { groupKey period sourcedRevenue } } } }`,
      FILTERS,
    );
    await page.locator('[data-testid="scorecard-table"] tbody tr[data-group]').first().waitFor();
    const channelGroups = await page
      .locator('[data-testid="scorecard-table"] tbody tr[data-group]')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-group')).sort());
    expect(channelGroups).toEqual(
      byChannel.scorecard.rows
        .filter((r: any) => r.period === latest)
        .map((r: any) => r.groupKey)
        .sort(),
    );
    await page.context().close();
  });

  it('downloads the table on screen as CSV (scorecardCsv, the period shown)', async () => {
    const page = await newPage(h);
    await signIn(page, h.origin, h.keys.analyst, DASHBOARD);
    await page.getByTestId('scorecard-table').locator('tbody tr[data-group]').first().waitFor();
    const shownRows = await page.locator('[data-testid="scorecard-table"] tbody tr[data-group]').count();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download CSV/ }).click()]);
    const content = readFileSync((await download.path())!, 'utf8');
    const lines = content.trim().split(/\r?\n/);
    const api = await h.gql<any>(
      `query($ruleSetKey: String!, $from: Date!, $to: Date!) { scorecardCsv(ruleSetKey: $ruleSetKey, from: $from, to: $to, groupBy: partner) { ... on CsvDownload { header content } } }`,
      FILTERS,
    );
    expect(lines[0]).toBe(api.scorecardCsv.header.join(','));
    expect(lines.length - 1).toBe(shownRows);
    const periodIndex = api.scorecardCsv.header.indexOf('period');
    const shown = await page.getByLabel('Period', { exact: true }).inputValue();
    for (const line of lines.slice(1)) {
      expect(line.split(',')[periodIndex]).toBe(shown);
      expect(api.scorecardCsv.content).toContain(line);
    }
    expect(download.suggestedFilename()).toMatch(/^scorecard-two_lane-partner-quarter-.*\.csv$/);
    await page.context().close();
  });

  it('drills down from a partner to its deals and from a deal to its credit explanation', async () => {
    const page = await newPage(h);
    await signIn(page, h.origin, h.keys.governance, DASHBOARD);
    const firstPartner = page.locator('[data-testid="scorecard-table"] tbody tr[data-group]').first();
    const partnerKey = (await firstPartner.getAttribute('data-group'))!;
    await firstPartner.getByRole('link').click();
    await page.waitForURL(new RegExp(`/app/dashboard/partner/${partnerKey}\\?`));
    await page.getByTestId('partner-deals').locator('tbody tr[data-opportunity]').first().waitFor();
    const api = await h.gql<any>(
      `query($p: String!) { allocations(first: 50, filter: { partnerKey: $p, ruleSetKey: "two_lane" }, orderBy: [{ field: AMOUNT, direction: DESC }]) { totalCount nodes { opportunity { key } } } }`,
      { p: partnerKey },
    );
    const deals = await page
      .locator('[data-testid="partner-deals"] tbody tr[data-opportunity]')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-opportunity')));
    expect(deals).toEqual(api.allocations.nodes.map((n: any) => n.opportunity.key));
    await screenshot(page, 'partner-deals');

    const deal = deals[0]!;
    await page.locator(`[data-testid="partner-deals"] tr[data-opportunity="${deal}"] a`).first().click();
    await page.waitForURL(new RegExp(`/app/dashboard/deal/${deal}\\?`));
    await page.getByTestId('explanation').first().waitFor();
    const credit = await h.gql<any>(
      `query($o: String!) { allocations(first: 100, filter: { opportunityKey: $o, ruleSetKey: "two_lane" }) { nodes { partner { key } explanation { rule laneRule steps { message } } } } }`,
      { o: deal },
    );
    const lines = await page.getByTestId('credit-line').evaluateAll((els) =>
      els.map((el) => ({
        partner: el.getAttribute('data-partner'),
        steps: [...el.querySelectorAll('[data-testid="explanation"] ol.steps li')].map((li) => li.textContent),
      })),
    );
    expect(lines.map((l) => l.partner).sort()).toEqual(credit.allocations.nodes.map((n: any) => n.partner?.key ?? '').sort());
    const mine = lines.find((l) => l.partner === partnerKey)!;
    const mineApi = credit.allocations.nodes.find((n: any) => n.partner?.key === partnerKey);
    expect(mine.steps.length).toBe(mineApi.explanation.steps.length);
    mineApi.explanation.steps.forEach((s: any, i: number) => {
      expect(mine.steps[i]).toContain(s.message);
    });
    await screenshot(page, 'deal-explanation');
    await page.context().close();
  });
});

describe('revenue hygiene', () => {
  it('shows every check with its count and trend as the hygieneReport query gives them, with links to the records', async () => {
    const asOf = '2026-09-30';
    const page = await newPage(h);
    // The hygiene report reads every touchpoint and takes long on a busy machine: the
    // figures on screen are compared with the API's answer to the page's own request
    // (its HTTP response), rather than asking the server for the same report twice.
    const answer = page.waitForResponse(
      (r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('query WebHygiene'),
      { timeout: 540_000 },
    );
    await signIn(page, h.origin, h.keys.governance, `/app/hygiene?asOf=${asOf}&ruleSet=two_lane&limit=10`);
    const api = ((await (await answer).json()) as any).data as { hygieneReport: any };
    expect(api.hygieneReport.asOf).toBe(asOf);
    expect(api.hygieneReport.ruleSetKey).toBe('two_lane');
    await page.getByTestId('hygiene-total').waitFor({ timeout: 60_000 });
    expect((await page.getByTestId('hygiene-total').textContent())!.replace(/\D/g, '')).toBe(String(api.hygieneReport.totals.count));
    const checks = await page
      .locator('section[data-check]')
      .evaluateAll((els) => els.map((el) => ({ key: el.getAttribute('data-check'), count: Number(el.getAttribute('data-count')) })));
    expect(checks).toEqual(api.hygieneReport.checks.map((c: any) => ({ key: c.key, count: c.count })));
    await screenshot(page, 'hygiene');
    // An item links to its deal.
    const dealLink = page.locator('section[data-check] a[href*="/app/dashboard/deal/"]').first();
    await dealLink.evaluate((a) => {
      (a.closest('details') as HTMLDetailsElement | null)?.setAttribute('open', '');
    });
    const href = (await dealLink.getAttribute('href'))!;
    await dealLink.click();
    await page.waitForURL(`${h.origin}${href}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).not.toBe('Deal not found');
    await page.context().close();
  }, 600_000);
});

describe('partner portal', () => {
  it('shows a partner only its own credit, and no URL reaches another partner’s data', async () => {
    const [own, other] = h.partners as [{ key: string; name: string }, { key: string; name: string }];
    const page = await newPage(h);
    const bodies: string[] = [];
    page.on('response', async (res) => {
      if (res.url().endsWith('/graphql')) bodies.push(await res.text().catch(() => ''));
    });
    await signIn(page, h.origin, h.keys.partnerA);
    await page.waitForURL(/\/app\/portal$/);
    await page.getByRole('heading', { name: own.name, level: 1 }).waitFor();
    await page.getByTestId('portal-lines').locator('tbody tr[data-partner]').first().waitFor();
    const partnersShown = await page
      .locator('[data-testid="portal-lines"] tbody tr[data-partner]')
      .evaluateAll((trs) => [...new Set(trs.map((tr) => tr.getAttribute('data-partner')))]);
    expect(partnersShown).toEqual([own.key]);
    const mine = await h.gql<any>(
      `{ allocations(first: 1, filter: { ruleSetKey: "ecosystem_channels" }) { totalCount } }`,
      {},
      h.keys.partnerA,
    );
    const adminCount = await h.gql<any>(
      `query($p: String!) { allocations(first: 1, filter: { partnerKey: $p, ruleSetKey: "ecosystem_channels" }) { totalCount } }`,
      { p: own.key },
    );
    expect(mine.allocations.totalCount).toBe(adminCount.allocations.totalCount);
    await expect(page.getByText(`${mine.allocations.totalCount} credit lines on your deals`).isVisible()).resolves.toBe(true);
    await screenshot(page, 'portal', 'portal');

    // A credit line: its explanation, then the methodology.
    await page.getByTestId('portal-lines').getByRole('link').first().click();
    await page.getByTestId('credit-line').waitFor();
    expect(await page.getByTestId('credit-line').getAttribute('data-partner')).toBe(own.key);
    await page.getByTestId('explanation').waitFor();
    await screenshot(page, 'portal-credit-line');
    await page.getByRole('link', { name: 'Methodology' }).click();
    await page.getByTestId('methodology').first().waitFor();
    const ruleSets = await h.gql<any>(
      `{ ruleSets(first: 10) { nodes { currentVersion { version sourceHash source } } } }`,
      {},
      h.keys.partnerA,
    );
    expect(await page.getByTestId('methodology').count()).toBe(ruleSets.ruleSets.nodes.length);
    await expect(page.getByText('Two-lane partner attribution').first().isVisible()).resolves.toBe(true);
    await screenshot(page, 'portal-methodology');

    // URL manipulation: another partner's credit line by id, the internal views, a partner in the query string.
    const theirs = await h.gql<any>(`query($p: String!) { allocations(first: 1, filter: { partnerKey: $p }) { nodes { id } } }`, {
      p: other.key,
    });
    const theirId = theirs.allocations.nodes[0].id as string;
    await page.goto(`${h.origin}/app/portal/credit/${encodeURIComponent(theirId)}`);
    await page.getByTestId('not-yours').waitFor();
    for (const path of [
      `/app/dashboard/partner/${other.key}`,
      `/app/dashboard/deal/OPP-0000001`,
      '/app/dashboard',
      '/app/hygiene',
      '/app/spotlight',
      '/app/workbench',
    ]) {
      await page.goto(h.origin + path);
      await page.getByRole('heading', { name: 'Not available' }).waitFor();
    }
    await page.goto(`${h.origin}/app/portal?partner=${other.key}&partnerKey=${other.key}`);
    await page.getByTestId('portal-lines').locator('tbody tr[data-partner]').first().waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(own.name);
    expect(
      await page
        .locator('[data-testid="portal-lines"] tbody tr[data-partner]')
        .evaluateAll((trs) => [...new Set(trs.map((tr) => tr.getAttribute('data-partner')))]),
    ).toEqual([own.key]);

    // Nothing the app received in this whole session names the other partner.
    expect(bodies.length).toBeGreaterThan(5);
    for (const body of bodies) {
      expect(body).not.toContain(other.key);
      expect(body).not.toContain(other.name);
    }
    await page.context().close();
  });

  it('lets a partner dispute a credit line (raiseDispute) and see it in its disputes', async () => {
    const page = await newPage(h);
    await signIn(page, h.origin, h.keys.partnerB, '/app/portal');
    await page.getByTestId('portal-lines').getByRole('link').first().click();
    await page.getByTestId('credit-line').waitFor();
    await page.getByRole('button', { name: 'Dispute this credit' }).click();
    await page.getByLabel('Reason (required)').fill('Our intro email of March started this deal; see the attached thread.');
    await page.getByRole('button', { name: 'Raise dispute' }).click();
    await page.getByText('Dispute raised (open).').waitFor();
    const disputes = await h.gql<any>(`{ disputes(first: 5) { totalCount nodes { status reason partner { key } } } }`, {}, h.keys.partnerB);
    expect(disputes.disputes.totalCount).toBe(1);
    expect(disputes.disputes.nodes[0]).toMatchObject({ status: 'open', partner: { key: h.partners[1]!.key } });
    await page.getByRole('link', { name: 'My disputes' }).click();
    await page.getByTestId('portal-disputes').getByText('Our intro email of March').waitFor();
    // Partner A does not see B's dispute.
    const aSees = await h.gql<any>(`{ disputes(first: 5) { totalCount } }`, {}, h.keys.partnerA);
    expect(aSees.disputes.totalCount).toBe(0);
    await page.context().close();
  });
});

describe('hygiene actions', () => {
  it('lets governance decide the partner’s open dispute from the weekly review (resolveDispute)', async () => {
    const open = await h.gql<any>(`{ disputes(first: 5, status: [open]) { totalCount nodes { id reason } } }`);
    expect(open.disputes.totalCount).toBe(1);
    const page = await newPage(h);
    await signIn(page, h.origin, h.keys.governance, '/app/hygiene?limit=5');
    await page.getByTestId('hygiene-total').waitFor({ timeout: 540_000 });
    const check = page.locator('section[data-check="open_dispute"]');
    expect(await check.getAttribute('data-count')).toBe('1');
    await check.getByRole('button', { name: 'Resolve dispute' }).click();
    await check.getByRole('heading', { name: 'Resolve dispute' }).waitFor();
    await screenshot(page, 'hygiene-resolve-dispute');
    await check.getByRole('radio', { name: /^Reject/ }).check();
    await check.getByRole('textbox', { name: /^Resolution/ }).fill('The registration came after the partner of record; the rules stand.');
    await check.getByRole('button', { name: 'Save decision' }).click();
    await page.getByText('Dispute rejected.').waitFor({ timeout: 60_000 });
    const after = await h.gql<any>(`query($id: ID!) { node(id: $id) { ... on Dispute { status resolution } } }`, {
      id: open.disputes.nodes[0].id,
    });
    expect(after.node).toEqual({ status: 'rejected', resolution: 'The registration came after the partner of record; the rules stand.' });
    await page.context().close();
  }, 600_000);
});

describe('rules workbench route', () => {
  it('opens for governance keys', async () => {
    const page = await newPage(h);
    await signIn(page, h.origin, h.keys.governance);
    await page.getByRole('link', { name: 'Rules workbench' }).click();
    await page.waitForURL(/\/app\/workbench$/);
    await page.getByRole('heading', { name: 'Rules workbench' }).waitFor();
    await page.context().close();
  });
});

describe('serving', () => {
  it('serves the app with its content types and long-lived hashed assets', async () => {
    const index = await fetch(`${h.origin}/app/dashboard`);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await index.text();
    const asset = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const js = await fetch(h.origin + asset);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
  });
});
