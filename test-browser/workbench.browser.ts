// The rules workbench in a real browser: a governance key edits a draft of
// the demo methodology, sees the checker's diagnostic appear at the right
// line, fixes it, runs the in-file tests, previews the impact (the figures
// are the API's own preview of the same draft), publishes with a change note,
// and finds the new version in the history, in force, and on the dashboard.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRules } from '../src/dsl/index.js';
import { newPage, ROOT, screenshot, signIn, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const PUBLISHED = readFileSync(`${ROOT}/dsl/two_lane.attr`, 'utf8');
// A real change of meaning (a wider late-stage window) that keeps the in-file tests passing…
const CHANGED = PUBLISHED.replace(
  'late_stage_motion and within 90 days before close',
  'late_stage_motion and within 120 days before close',
);
// …typed first with a typo in a taxonomy value.
const TYPO = CHANGED.replace(
  'define defined_influence as action in [validated_intro, joint_discovery,',
  'define defined_influence as action in [validated_intro, joint_discovry,',
);

describe('rules workbench', () => {
  it('edits, checks, tests, previews and publishes a draft; the new version is in the history and on the dashboard', async () => {
    expect(CHANGED).not.toBe(PUBLISHED);
    expect(TYPO).not.toBe(CHANGED);
    const typoLine = TYPO.split('\n').findIndex((l) => l.includes('joint_discovry')) + 1;
    const typoColumn = TYPO.split('\n')[typoLine - 1]!.indexOf('joint_discovry') + 1;
    const [checked] = checkRules(TYPO).diagnostics.filter((d) => d.severity === 'error');
    expect([checked!.range.start.line, checked!.range.start.column]).toEqual([typoLine, typoColumn]);

    const page = await newPage(h);
    await signIn(page, h.origin, h.keys.governance, '/app/workbench/two_lane');
    await page.getByRole('heading', { name: 'Rules workbench' }).waitFor();
    const editor = page.getByRole('textbox', { name: 'Rule source' });
    await editor.waitFor();
    await expect(editor.textContent()).resolves.toContain('ruleset two_lane');
    await page.getByText('No errors: the file checks clean.').waitFor();

    // Replace the text as a person pasting would, with the typo.
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(TYPO);
    const problem = page.locator(`.wb-diagnostics li[data-line="${typoLine}"]`);
    await problem.waitFor();
    const problemText = await problem.textContent();
    expect(problemText).toContain(`${typoLine}:${typoColumn}`);
    expect(problemText).toContain(checked!.message);
    expect(problemText).toContain('hint: did you mean `joint_discovery`?');
    // The editor underlines the word itself, on that line.
    const underlined = page.locator('.cm-lintRange-error').first();
    await expect(underlined.textContent()).resolves.toBe('joint_discovry');
    await expect(page.getByRole('button', { name: 'Run tests' }).isDisabled()).resolves.toBe(true);
    await screenshot(page, 'workbench-diagnostic');

    // Fix it where it is: put the cursor after "discov", type the missing "e".
    await page.locator(`.wb-diagnostics li[data-line="${typoLine}"] button`).click();
    for (let i = 0; i < 'joint_discov'.length; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.type('e');
    await page.getByText('No errors: the file checks clean.').waitFor();
    await expect(editor.textContent()).resolves.toContain('joint_discovery, buyer_recommendation');

    // In-file tests (saves the draft first).
    await page.getByRole('button', { name: 'Run tests' }).click();
    await page.getByText('11 of 11 tests passed.').waitFor();
    await page.getByRole('heading', { name: /In-file tests: 11 passed, 0 failed/ }).waitFor();

    // The saved draft holds exactly the text in the editor.
    const drafts = await h.gql<any>(`{ ruleSet(key: "two_lane") { versions(first: 20, status: [draft]) { nodes { id source } } } }`);
    const draft = drafts.ruleSet.versions.nodes.find((v: { source: string }) => v.source === CHANGED);
    expect(draft, 'the draft saved by the workbench').toBeDefined();

    // Impact preview: the same figures as the API's preview of that draft.
    await page.getByRole('button', { name: 'Preview impact' }).click();
    await page.getByRole('heading', { name: /Impact against the credit in force/ }).waitFor({ timeout: 120_000 });
    const api = await h.gql<any>(
      `mutation($id: ID!) { previewRuleVersion(input: { ruleVersionId: $id, ignoreEffectiveWindow: true }) {
      ... on PreviewRuleVersionPayload { impact { hasChanges opportunities { evaluated changed added unchanged } totals { before { influence } after { influence } delta { influence } } partners { key } } } } }`,
      { id: draft.id },
    );
    const impact = api.previewRuleVersion.impact;
    expect(impact.hasChanges).toBe(true);
    const o = impact.opportunities;
    await page
      .getByText(`${o.evaluated} opportunities evaluated: ${o.changed} changed, ${o.added} gain credit, ${o.unchanged} unchanged.`)
      .waitFor();
    const influenceRow = page.getByRole('table', { name: 'Per lane' }).getByRole('row', { name: /^influence/ });
    await expect(influenceRow.textContent()).resolves.toBe(
      `influence${impact.totals.before.influence}${impact.totals.after.influence}${impact.totals.delta.influence}`,
    );
    const partnerRows = page.getByRole('table', { name: 'Per partner' }).locator('tbody tr');
    await expect(partnerRows.count()).resolves.toBe(impact.partners.length);
    await screenshot(page, 'workbench', 'workbench');

    // Explain one changed opportunity: the same before/after explanations as the API's preview.
    const examples = await h.gql<any>(
      `mutation($id: ID!) { previewRuleVersion(input: { ruleVersionId: $id, ignoreEffectiveWindow: true, examples: 1 }) {
      ... on PreviewRuleVersionPayload { impact { examples { opportunityKey before after } } } } }`,
      { id: draft.id },
    );
    const example = examples.previewRuleVersion.impact.examples[0];
    await page.getByLabel('Opportunity key').fill(example.opportunityKey);
    await page.getByRole('button', { name: 'Explain', exact: true }).click();
    const withDraft = page.getByLabel(`${example.opportunityKey} with this draft`);
    await expect(withDraft.textContent()).resolves.toBe(example.after);
    const now = page.getByLabel(`${example.opportunityKey} in force now`);
    await expect(now.textContent()).resolves.toBe(example.before);

    // Publish with a change note (and run it).
    await page.getByRole('button', { name: 'Publish and run' }).click();
    await page.getByRole('alert').filter({ hasText: 'Write a change note' }).waitFor();
    await page.getByLabel('Change note').fill('Late-stage motions count within 120 days of the close');
    await page.getByRole('button', { name: 'Publish and run' }).click();
    await page.getByText(/Published as version 2; run/).waitFor({ timeout: 60_000 });
    const history = page.getByRole('region', { name: 'Version history' });
    await history.getByRole('button', { name: 'Open v2' }).waitFor();
    const v2 = history.locator('li', { has: page.getByRole('button', { name: 'Open v2' }) });
    await expect(v2.textContent()).resolves.toMatch(/published.*in force.*Late-stage motions count within 120 days of the close/s);

    // The diff between v1 and v2 shows the one changed line.
    await history.getByLabel('Compare from version').selectOption({ label: 'v1' });
    await history.getByLabel('Compare to version').selectOption({ label: 'v2' });
    const diff = history.getByLabel('Differences from v1 to v2');
    await expect(diff.locator('.wb-diff-removed').allTextContents()).resolves.toEqual([
      `- ${PUBLISHED.split('\n').find((l) => l.includes('within 90 days before close'))}`,
    ]);
    await expect(diff.locator('.wb-diff-added').allTextContents()).resolves.toEqual([
      `+ ${CHANGED.split('\n').find((l) => l.includes('within 120 days before close'))}`,
    ]);

    // Completion offers the taxonomy values of the field being compared.
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\ndefine x as channel is ');
    const options = page.locator('.cm-tooltip-autocomplete li');
    await options.first().waitFor();
    const channels = await h.gql<any>(`{ taxonomy(kind: channel, includeRetired: false) { key } }`);
    await expect(options.allTextContents()).resolves.toEqual(channels.taxonomy.map((e: { key: string }) => expect.stringContaining(e.key)));

    // Once its run has finished, the dashboard shows figures of version 2.
    const deadline = Date.now() + 180_000;
    for (;;) {
      const r = await h.gql<any>(`{ ruleSet(key: "two_lane") { currentVersion { version runs(first: 5) { nodes { status } } } } }`);
      expect(r.ruleSet.currentVersion.version).toBe(2);
      const statuses: string[] = r.ruleSet.currentVersion.runs.nodes.map((n: { status: string }) => n.status);
      if (statuses.includes('succeeded')) break;
      expect(statuses).not.toContain('failed');
      if (Date.now() > deadline) throw new Error(`the run of version 2 did not finish: ${statuses.join(', ')}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    await page.goto(`${h.origin}/app/dashboard?ruleSet=two_lane&from=2026-01-01&to=2026-09-30&groupBy=partner&period=quarter`);
    await page.locator('[data-rule-version="2"]').first().waitFor({ timeout: 60_000 });
    await page.context().close();
  });
});
