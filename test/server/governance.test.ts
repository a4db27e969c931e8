// Governance flow over HTTP: draft (with diagnostics) → test → preview → publish
// → run (progress over SSE) → explained credit → dispute → override → retire,
// with an audit event for every step.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel } from '../support/db.js';
import { startTestServer, touchpoint, type TestServer } from './harness.js';
import { subscribeSse } from './sse.js';

const SOURCE = readFileSync(new URL('../../dsl/two_lane.attr', import.meta.url), 'utf8');

const SAVE = `mutation($input: SaveRuleDraftInput!) { saveRuleDraft(input: $input) { __typename
  ... on SaveRuleDraftPayload { ok created ruleVersion { id status version } diagnostics { code severity message range { start { line column } } }
        testResults { ok total passed } }
  ... on UserError { code message } } }`;

describe(`governance flow over HTTP ${backendLabel}`, () => {
  let t: TestServer;
  let draftId: string;
  let runId: string;
  beforeAll(async () => {
    t = await startTestServer();
    const ingest = await t.gql(
      `mutation($input: IngestTouchpointsInput!) { ingestTouchpoints(input: $input) { __typename ... on IngestTouchpointsPayload { created } } }`,
      {
        input: {
          touchpoints: [
            touchpoint({
              externalId: 'G-1',
              partnerKey: 'P-ACME',
              opportunityKey: 'O-1',
              action: 'referral',
              occurredAt: '2026-01-12T10:00:00Z',
            }),
            touchpoint({
              externalId: 'G-2',
              partnerKey: 'P-GLOBEX',
              opportunityKey: 'O-1',
              action: 'joint_discovery',
              channel: 'co_sell',
              occurredAt: '2026-02-10T10:00:00Z',
            }),
          ],
        },
      },
      t.keys.integrator,
    );
    expect(ingest.data!.ingestTouchpoints.created).toBe(2);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('saves a broken draft with line:column diagnostics, and a clean one with passing tests', async () => {
    const broken = await t.gql(
      SAVE,
      { input: { ruleSetKey: 'two_lane', source: SOURCE.replace('hit policy first {', 'hit policy firstt {'), createRuleSet: true } },
      t.keys.governance,
    );
    const b = broken.data!.saveRuleDraft;
    expect(b.__typename).toBe('SaveRuleDraftPayload');
    expect(b.ok).toBe(false);
    expect(b.diagnostics[0].severity).toBe('error');
    expect(b.diagnostics[0].range.start.line).toBeGreaterThan(1);

    const publishBroken = await t.gql(
      `mutation($id: ID!) { publishRuleVersion(input: { ruleVersionId: $id }) { __typename ... on UserError { code message } } }`,
      { id: b.ruleVersion.id },
      t.keys.governance,
    );
    expect(publishBroken.data!.publishRuleVersion).toMatchObject({ __typename: 'DomainRuleError', code: 'RULES_INVALID' });

    const clean = await t.gql(SAVE, { input: { ruleSetKey: 'two_lane', source: SOURCE, changeNote: 'first version' } }, t.keys.governance);
    const c = clean.data!.saveRuleDraft;
    expect(c).toMatchObject({ ok: true, created: true, ruleVersion: { status: 'draft', version: null }, testResults: { ok: true } });
    expect(c.testResults.total).toBeGreaterThan(0);
    draftId = c.ruleVersion.id;

    const tested = await t.gql(
      `mutation($id: ID!) { testRuleVersion(input: { ruleVersionId: $id }) { __typename ... on TestRuleVersionPayload { results { ok total failed } } } }`,
      { id: draftId },
      t.keys.governance,
    );
    expect(tested.data!.testRuleVersion.results).toMatchObject({ ok: true, failed: 0 });
  });

  it('previews the impact before publishing, then publishes version 1', async () => {
    const preview = await t.gql(
      `mutation($id: ID!) { previewRuleVersion(input: { ruleVersionId: $id }) { __typename
      ... on PreviewRuleVersionPayload { impact { hasChanges opportunities { evaluated changed } totals { after { source influence } } partners { key after { source influence } } } }
      ... on UserError { code message } } }`,
      { id: draftId },
      t.keys.governance,
    );
    const impact = preview.data!.previewRuleVersion.impact;
    expect(impact.hasChanges).toBe(true);
    expect(impact.totals.after.source).toBe('120000.00');
    expect(impact.partners.find((p: any) => p.key === 'P-ACME').after.source).toBe('120000.00');
    const current = await t.gql(`{ allocations { totalCount } }`, {}, t.keys.analyst);
    expect(current.data!.allocations.totalCount).toBe(0);

    const published = await t.gql(
      `mutation($id: ID!) { publishRuleVersion(input: { ruleVersionId: $id }) { __typename
      ... on PublishRuleVersionPayload { ruleVersion { status version publishedBy } } ... on UserError { code message } } }`,
      { id: draftId },
      t.keys.governance,
    );
    expect(published.data!.publishRuleVersion.ruleVersion).toMatchObject({ status: 'published', version: 1 });
    expect(published.data!.publishRuleVersion.ruleVersion.publishedBy).toMatch(/^key:/);
  });

  it('starts a run and streams its progress over SSE until it succeeds', async () => {
    const started = await t.gql(
      `mutation($id: ID!) { startRun(input: { ruleVersionId: $id }) { __typename
      ... on StartRunPayload { run { id status kind } } ... on UserError { code message } } }`,
      { id: draftId },
      t.keys.governance,
    );
    expect(started.data!.startRun.__typename).toBe('StartRunPayload');
    runId = started.data!.startRun.run.id;
    const statuses: string[] = [];
    for await (const event of subscribeSse(
      t.url,
      `subscription($id: ID!) { runProgress(runId: $id) { status opportunitiesDone opportunitiesTotal percentDone } }`,
      { id: runId },
      t.keys.governance,
    )) {
      expect(event.errors).toBeUndefined();
      statuses.push(event.data!.runProgress.status);
    }
    expect(statuses.at(-1)).toBe('succeeded');
  });

  it('serves explained, exact credit tagged with the rule version', async () => {
    const res = await t.gql(
      `{ allocations(filter: { opportunityKey: "O-1" }, orderBy: [{ field: AMOUNT, direction: DESC }]) { totalCount nodes {
      id lane role share amount partner { key } ruleVersion { number sourceHash } explanation { rule steps { kind message } text }
      contributingTouchpoints { externalId } } } }`,
      {},
      t.keys.analyst,
    );
    expect(res.errors).toBeUndefined();
    const source = res.data!.allocations.nodes.filter((n: any) => n.lane === 'source');
    expect(source).toHaveLength(1);
    expect(source[0]).toMatchObject({
      role: 'sourced',
      share: '1.000000',
      amount: '120000.00',
      partner: { key: 'P-ACME' },
      ruleVersion: { number: 1 },
    });
    expect(source[0].explanation.rule).toBe('Registered referral with proof');
    expect(source[0].contributingTouchpoints.map((tp: any) => tp.externalId)).toEqual(['G-1']);
    const laneTotal = res
      .data!.allocations.nodes.filter((n: any) => n.lane === 'influence')
      .reduce((cents: bigint, n: any) => cents + BigInt(n.amount.replace('.', '')), 0n);
    expect(laneTotal).toBe(12000000n);
  });

  it('lets a partner dispute its credit and governance approve it as an override', async () => {
    const mine = await t.gql(`{ allocations { nodes { id lane role partner { key } } } }`, {}, t.keys.partnerGlobex);
    expect(mine.data!.allocations.nodes.length).toBeGreaterThan(0);
    expect(mine.data!.allocations.nodes.every((n: any) => n.partner.key === 'P-GLOBEX')).toBe(true);
    const raised = await t.gql(
      `mutation($input: RaiseDisputeInput!) { raiseDispute(input: $input) { __typename
      ... on DisputePayload { dispute { id status raisedBy } } ... on UserError { code message } } }`,
      {
        input: {
          allocationId: mine.data!.allocations.nodes[0].id,
          reason: 'We introduced the buyer first',
          evidence: 'email 2026-01-02',
          requested: { lane: 'source', role: 'sourced', share: '0.5' },
        },
      },
      t.keys.partnerGlobex,
    );
    expect(raised.data!.raiseDispute.__typename).toBe('DisputePayload');
    const disputeId = raised.data!.raiseDispute.dispute.id;

    // Listen for credit changes (SSE) before approving.
    const controller = new AbortController();
    const events = subscribeSse(
      t.url,
      'subscription { allocationsChanged { reason opportunityIds at } }',
      {},
      t.keys.analyst,
      controller.signal,
    );
    const firstEvent = events.next();
    await new Promise((r) => setTimeout(r, 300));

    const approved = await t.gql(
      `mutation($input: ResolveDisputeInput!) { resolveDispute(input: $input) { __typename
      ... on ResolveDisputePayload { dispute { status resolvedBy } override { lane role share status } recomputeError } ... on UserError { code message } } }`,
      {
        input: {
          disputeId,
          decision: 'approved',
          resolution: 'Intro email verified',
          override: { lane: 'source', role: 'sourced', share: '0.5', partnerKey: 'P-GLOBEX' },
        },
      },
      t.keys.governance,
    );
    const payload = approved.data!.resolveDispute;
    expect(payload.__typename, JSON.stringify(payload)).toBe('ResolveDisputePayload');
    expect(payload.dispute.status).toBe('approved');
    expect(payload.override).toMatchObject({ lane: 'source', share: '0.500000', status: 'active' });
    const event = await Promise.race([
      firstEvent,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no allocationsChanged event within 10 s')), 10_000)),
    ]);
    expect(event.value!.data!.allocationsChanged.reason).toBe('dispute.approve');
    expect(event.value!.data!.allocationsChanged.opportunityIds).toHaveLength(1);
    controller.abort();
    await events.return(undefined).catch(() => undefined);
  });

  it('retires the version and records every governance step in the audit trail', async () => {
    const retired = await t.gql(
      `mutation($id: ID!) { retireRuleVersion(input: { ruleVersionId: $id, reason: "replaced" }) { __typename ... on RetireRuleVersionPayload { ruleVersion { status retiredAt } } } }`,
      { id: draftId },
      t.keys.governance,
    );
    expect(retired.data!.retireRuleVersion.ruleVersion.status).toBe('retired');
    const audit = await t.gql(`{ auditEvents(first: 200) { nodes { actor action } } }`, {}, t.keys.analyst);
    const actions = new Set(audit.data!.auditEvents.nodes.map((e: any) => e.action));
    for (const a of [
      'ruleSet.create',
      'ruleVersion.saveDraft',
      'ruleVersion.test',
      'ruleVersion.preview',
      'ruleVersion.publish',
      'ruleVersion.retire',
      'touchpoint.ingest',
      'run.start',
      'dispute.raise',
      'dispute.resolve',
      'override.create',
    ]) {
      expect(actions, a).toContain(a);
    }
  });
});
