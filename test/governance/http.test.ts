// End to end through HTTP: a partner raises a dispute, governance approves it,
// the override is applied by a real recompute (dsl/two_lane.attr), the audit
// trail shows before/after, and the scorecard, its CSV download and the
// hygiene report reflect it — all over the real Yoga server with API keys.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createApiKey } from '../../src/auth/store.js';
import { SCORECARD_CSV_HEADER } from '../../src/reports/csv.js';
import { createServer, type RunningServer } from '../../src/server/app.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';
import { createGovernanceWorld } from './fixture.js';

let db: TestDatabase;
let server: RunningServer;
let oppId: string;
let versionId: string;
const keys: Record<'partner' | 'governance' | 'analyst', string> = { partner: '', governance: '', analyst: '' };

async function gql(key: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: Record<string, any>; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

beforeAll(async () => {
  db = await createTestDatabase();
  const p = db.prisma;
  ({ oppId, versionId } = await createGovernanceWorld(db, (ids) => [
    {
      source: 'crm',
      externalId: 'r1',
      opportunityId: ids.oppId,
      partnerId: ids.acme,
      action: 'referral',
      channel: 'referral',
      occurredAt: new Date('2026-01-05T00:00:00Z'),
      proof: 'intro email',
      owner: 'pm',
      ingestedAt: new Date('2026-02-03T00:00:00Z'),
    },
    {
      source: 'crm',
      externalId: 'j1',
      opportunityId: ids.oppId,
      partnerId: ids.globex,
      action: 'joint_discovery',
      channel: 'co_sell',
      occurredAt: new Date('2026-02-01T00:00:00Z'),
      proof: 'notes',
      owner: 'pm',
      ingestedAt: new Date('2026-02-03T00:00:00Z'),
    },
    {
      source: 'prm',
      externalId: 'j1-copy',
      opportunityId: ids.oppId,
      partnerId: ids.globex,
      action: 'joint_discovery',
      channel: 'co_sell',
      occurredAt: new Date('2026-02-02T00:00:00Z'),
      proof: 'notes',
      owner: null,
      ingestedAt: new Date('2026-02-03T00:00:00Z'),
    },
  ]));
  keys.partner = (await createApiKey(p, { role: 'partner', partnerKey: 'globex', name: 'globex portal', actor: 'test' })).key;
  keys.governance = (await createApiKey(p, { role: 'governance', name: 'finance', actor: 'test' })).key;
  keys.analyst = (await createApiKey(p, { role: 'analyst', name: 'bi', actor: 'test' })).key;
  server = await createServer(db, { nodeEnv: 'test', port: 0 });
});

afterAll(async () => {
  await server?.close(1000);
  await db?.close();
});

const ARGS = '$ruleSetKey: String!, $groupBy: ScorecardGroupBy, $period: PeriodUnit, $from: Date!, $to: Date!';
const PASS = 'ruleSetKey: $ruleSetKey, groupBy: $groupBy, period: $period, from: $from, to: $to';
const SCORECARD = `query(${ARGS}) { scorecard(${PASS}) {
  __typename
  ... on Scorecard { ruleVersions { number status }
    rows { groupKey period sourcedRevenue influencedRevenue involvedRevenue winRateInvolved { rate } ruleVersions { number } } }
  ... on UserError { code message }
} }`;
const Q1 = { ruleSetKey: 'two_lane', groupBy: 'partner', period: 'quarter', from: '2026-01-01', to: '2026-06-30' };

describeDatabase('disputes, scorecards and hygiene over HTTP', () => {
  it('dispute → approval → override → recompute → audit, and the scorecard follows', async () => {
    const before = await gql(keys.analyst, SCORECARD, Q1);
    expect(before.errors).toBeUndefined();
    const acmeQ2 = before.data!.scorecard.rows.find((r: any) => r.groupKey === 'acme' && r.period === '2026-Q2');
    expect(acmeQ2).toMatchObject({ sourcedRevenue: '120000.00', involvedRevenue: '120000.00', ruleVersions: [{ number: 1 }] });

    const bad = await gql(
      keys.partner,
      `mutation { raiseDispute(input: { opportunityKey: "E2E-1", reason: "x", requested: { lane: source, role: "sourced", share: "1.5" } }) {
      __typename ... on UserError { code message } } }`,
    );
    expect(bad.data!.raiseDispute).toMatchObject({ __typename: 'DomainRuleError', code: 'INVALID_SHARE' });

    const raised = await gql(
      keys.partner,
      `mutation($input: RaiseDisputeInput!) { raiseDispute(input: $input) {
      __typename ... on DisputePayload { dispute { id status } } ... on UserError { code message } } }`,
      {
        input: {
          opportunityKey: 'E2E-1',
          reason: 'Globex ran discovery before the referral',
          evidence: 'calendar invite',
          requested: { lane: 'source', role: 'sourced', share: '1' },
        },
      },
    );
    expect(raised.errors).toBeUndefined();
    expect(raised.data!.raiseDispute.__typename).toBe('DisputePayload');
    const disputeId = raised.data!.raiseDispute.dispute.id as string;

    const forbidden = await gql(
      keys.partner,
      `mutation { resolveDispute(input: { disputeId: "${disputeId}", decision: approved, resolution: "mine" }) { __typename } }`,
    );
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const resolved = await gql(
      keys.governance,
      `mutation($input: ResolveDisputeInput!) { resolveDispute(input: $input) {
      __typename ... on ResolveDisputePayload { dispute { status resolution } override { id lane role share status } recomputeError }
      ... on UserError { code message } } }`,
      { input: { disputeId, decision: 'approved', resolution: 'Calendar evidence accepted' } },
    );
    expect(resolved.errors).toBeUndefined();
    const payload = resolved.data!.resolveDispute;
    expect(payload).toMatchObject({
      __typename: 'ResolveDisputePayload',
      dispute: { status: 'approved', resolution: 'Calendar evidence accepted' },
      override: { lane: 'source', role: 'sourced', share: '1.000000', status: 'active' },
      recomputeError: null,
    });

    // The recompute applied the override to the current allocation.
    const rows = await db.sql.query<{ partner: string; amount: string; override_id: string | null }>(
      `SELECT p.key AS partner, ca.amount::text AS amount, ca.override_id::text AS override_id FROM credit_allocation ca
         JOIN partner p ON p.id = ca.partner_id WHERE ca.is_current AND ca.lane = 'source' AND ca.opportunity_id = $1::uuid ORDER BY p.key`,
      [oppId],
    );
    expect(rows.map((r) => [r.partner, r.amount, r.override_id !== null])).toEqual([
      ['acme', '0.00', false],
      ['globex', '120000.00', true],
    ]);

    const audit = await gql(keys.analyst, `{ auditEvents(filter: { entityType: "Dispute" }) { nodes { action actor before after } } }`);
    expect(audit.errors).toBeUndefined();
    const events = audit.data!.auditEvents.nodes as { action: string; actor: string; before: any; after: any }[];
    expect(events.map((e) => e.action)).toEqual(['dispute.resolve', 'dispute.raise']);
    expect(events[0]!.before).toMatchObject({ status: 'open' });
    expect(events[0]!.after).toMatchObject({ status: 'approved', resolvedBy: events[0]!.actor });

    const after = await gql(keys.analyst, SCORECARD, Q1);
    const byKey = (k: string) => after.data!.scorecard.rows.find((r: any) => r.groupKey === k && r.period === '2026-Q2');
    expect(byKey('globex').sourcedRevenue).toBe('120000.00');
    expect(byKey('acme').sourcedRevenue).toBe('0.00');
  });

  it('downloads the scorecard as CSV and serves the hygiene queue', async () => {
    const csv = await gql(
      keys.analyst,
      `query(${ARGS}) { scorecardCsv(${PASS}) {
      __typename ... on CsvDownload { filename contentType header rows content } ... on UserError { code message } } }`,
      { ...Q1, groupBy: 'period' },
    );
    expect(csv.errors).toBeUndefined();
    const file = csv.data!.scorecardCsv;
    expect(file.filename).toBe('scorecard-two_lane-period-quarter-2026-01-01-2026-06-30.csv');
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(file.header).toEqual([...SCORECARD_CSV_HEADER]);
    expect(file.rows).toBe(2);
    expect(file.content.split('\r\n')[0]).toBe(SCORECARD_CSV_HEADER.join(','));

    const hygiene = await gql(
      keys.analyst,
      `{ hygieneReport(asOf: "2026-04-10") { __typename ... on HygieneReport { week { key } totals { count previousCount }
      checks(keys: [suspected_duplicate, missing_proof_or_owner]) { key count items { nodeId partnerKey opportunityKey relatedId detail } } } } }`,
    );
    expect(hygiene.errors).toBeUndefined();
    const checks = hygiene.data!.hygieneReport.checks as { key: string; count: number; items: any[] }[];
    expect(hygiene.data!.hygieneReport.week.key).toBe('2026-W15');
    expect(checks.map((c) => [c.key, c.count])).toEqual([
      ['missing_proof_or_owner', 1],
      ['suspected_duplicate', 1],
    ]);
    expect(checks[1]!.items[0]).toMatchObject({ partnerKey: 'globex', opportunityKey: 'E2E-1' });
    expect(checks[1]!.items[0].relatedId).toEqual(expect.any(String));
  });

  it('compares scorecards across rule versions', async () => {
    const cmp = await gql(
      keys.analyst,
      `query(${ARGS}, $v: ID) { scorecardComparison(${PASS}, candidateRuleVersionId: $v) {
      __typename ... on ScorecardComparison { base { kind } candidate { kind ruleVersionId } candidateRuleVersions { number }
      all: rows { groupKey period sourcedRevenue { base candidate delta } changed } changed: rows(changedOnly: true) { groupKey } } } }`,
      { ...Q1, v: encodeGlobalID('RuleVersion', versionId) },
    );
    expect(cmp.errors).toBeUndefined();
    const c = cmp.data!.scorecardComparison;
    expect(c.base.kind).toBe('current');
    expect(c.candidate).toEqual({ kind: 'rule_version', ruleVersionId: encodeGlobalID('RuleVersion', versionId) });
    expect(c.candidateRuleVersions).toEqual([{ number: 1 }]);
    expect(c.all.length).toBeGreaterThan(0);
    expect(c.changed).toEqual([]); // the published version is what is current
    const wrongType = await gql(
      keys.analyst,
      `query(${ARGS}, $run: ID) { scorecardCsv(${PASS}, runId: $run) {
      __typename ... on ValidationError { issues { path message } } } }`,
      { ...Q1, run: encodeGlobalID('Partner', versionId) },
    );
    expect(wrongType.data!.scorecardCsv.__typename).toBe('ValidationError');
    expect(wrongType.data!.scorecardCsv.issues[0].message).toContain('expected the id of a AttributionRun');
    const noCandidate = await gql(
      keys.analyst,
      `query(${ARGS}) { scorecardComparison(${PASS}) { __typename ... on UserError { code } } }`,
      Q1,
    );
    expect(noCandidate.data!.scorecardComparison).toEqual({ __typename: 'DomainRuleError', code: 'INVALID_INPUT' });
  });

  it('returns typed errors and refuses partner keys', async () => {
    const missing = await gql(keys.analyst, SCORECARD, { ...Q1, ruleSetKey: 'nope' });
    expect(missing.data!.scorecard).toMatchObject({ __typename: 'DomainRuleError', code: 'RULE_SET_NOT_FOUND' });
    expect(missing.data!.scorecard.message).toContain('rule set "nope" does not exist');
    const hygiene = await gql(
      keys.analyst,
      `{ hygieneReport(asOf: "2026-04-10", ruleSetKey: "nope") { __typename ... on UserError { code } } }`,
    );
    expect(hygiene.data!.hygieneReport).toEqual({ __typename: 'DomainRuleError', code: 'RULE_SET_NOT_FOUND' });
    const badWindow = await gql(
      keys.analyst,
      `{ hygieneReport(asOf: "2026-04-10", inactiveDays: 0) { __typename ... on UserError { code } } }`,
    );
    expect(badWindow.data!.hygieneReport).toEqual({ __typename: 'DomainRuleError', code: 'INVALID_INPUT' });
    const partner = await gql(keys.partner, SCORECARD, Q1);
    expect(partner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const partnerHygiene = await gql(keys.partner, `{ hygieneReport(asOf: "2026-04-10") { __typename } }`);
    expect(partnerHygiene.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
