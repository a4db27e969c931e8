// The spotlight over real HTTP: the GraphQL answer is the report the CLI
// prints (same function, same figures), internal roles only, typed errors.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { computeSpotlight } from '../../src/reports/spotlight.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { buildScorecardFixture, type ScorecardFixture } from '../reports/fixture.js';
import { describeDatabase } from '../support/describe-database.js';
import { startTestServer, type TestServer } from './harness.js';

const QUERY = `query($input: SpotlightInput!) { spotlight(input: $input) { __typename
  ... on SpotlightReport { ruleSetKey lane model by currency resamples seed laneTotal
    sample { journeys conversions value } excluded { untouched untouchedWon untouchedWonValue }
    ruleVersions { number hash } rows { unit ruleCredit modelCredit difference low high journeys conversions diverges }
    deals { opportunityId opportunityKey credit disagreement units { unit ruleCredit modelCredit difference } } }
  ... on UserError { code message } } }`;

let t: TestServer;
let fx: ScorecardFixture;
beforeAll(async () => {
  t = await startTestServer();
  fx = await buildScorecardFixture(t.db.prisma);
});
afterAll(async () => {
  await t?.close();
});

describeDatabase('spotlight over GraphQL', () => {
  it('answers an analyst with the same figures as the report function', async () => {
    const input = { ruleSetKey: 'default', model: 'markov', order: 2, by: 'partner', resamples: 30, seed: 3, deals: 1 };
    const res = await t.gql(QUERY, { input }, t.keys.analyst);
    expect(res.errors).toBeUndefined();
    const direct = await computeSpotlight(t.db, { ...input, model: 'markov', by: 'partner' });
    const { ruleVersions, from: _f, to: _t, ...rest } = direct;
    expect(res.data!.spotlight).toEqual({
      __typename: 'SpotlightReport',
      ...rest,
      ruleVersions: ruleVersions.map((v) => ({ number: v.number, hash: v.hash })),
    });
    expect(res.data!.spotlight.model).toBe('markov order 2');
    expect(res.data!.spotlight.deals).toHaveLength(1);
  });

  it("lists the hygiene review's spotlight disagreements with node ids, splits and gaps", async () => {
    const HYGIENE = `query($d: HygieneDisagreementsInput) { hygieneReport(asOf: "2026-06-30", disagreements: $d) { __typename
      ... on HygieneReport { disagreements { status reason ruleSetKey candidates model by lane currency closedBy limit
        sample { journeys conversions value }
        deals { nodeId opportunityId opportunityKey credit disagreement units { unit ruleCredit modelCredit difference } } } }
      ... on UserError { code message } } }`;
    const several = await t.gql(HYGIENE, {}, t.keys.analyst);
    expect(several.errors).toBeUndefined();
    expect(several.data!.hygieneReport.disagreements).toMatchObject({
      status: 'several_rule_sets',
      candidates: ['alt', 'default'],
      deals: [],
    });
    const res = await t.gql(HYGIENE, { d: { ruleSetKey: 'default', limit: 1 } }, t.keys.governance);
    expect(res.errors).toBeUndefined();
    const d = res.data!.hygieneReport.disagreements;
    expect(d).toMatchObject({
      status: 'compared',
      reason: null,
      ruleSetKey: 'default',
      model: 'markov order 1',
      by: 'partner',
      lane: 'influence',
      currency: 'USD',
      closedBy: '2026-06-30',
      limit: 1,
      sample: { journeys: 4, conversions: 3, value: '210000.00' },
    });
    expect(d.deals).toEqual([
      {
        nodeId: encodeGlobalID('Opportunity', fx.opps.O8!),
        opportunityId: fx.opps.O8,
        opportunityKey: 'O8',
        credit: '15000.00',
        disagreement: '7139.24',
        units: [
          { unit: 'acme', ruleCredit: '15000.00', modelCredit: '7860.76', difference: '7139.24' },
          { unit: 'beta', ruleCredit: '0.00', modelCredit: '7139.24', difference: '-7139.24' },
        ],
      },
    ]);
    const node = await t.gql(`query($id: ID!) { node(id: $id) { ... on Opportunity { key } } }`, { id: d.deals[0].nodeId }, t.keys.analyst);
    expect(node.data!.node).toEqual({ key: 'O8' });
    const bad = await t.gql(HYGIENE, { d: { limit: 500 } }, t.keys.analyst);
    expect(bad.data!.hygieneReport).toMatchObject({ __typename: 'DomainRuleError', code: 'INVALID_INPUT' });
    const partner = await t.gql(HYGIENE, {}, t.keys.partnerAcme);
    expect(partner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses partner keys and answers bad input with a typed error', async () => {
    const partner = await t.gql(QUERY, { input: { ruleSetKey: 'default' } }, t.keys.partnerAcme);
    expect(partner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(partner.data?.spotlight ?? null).toBeNull();
    const badOrder = await t.gql(QUERY, { input: { ruleSetKey: 'default', order: 7 } }, t.keys.analyst);
    expect(badOrder.data!.spotlight).toMatchObject({ __typename: 'DomainRuleError', code: 'INVALID_INPUT' });
    expect(badOrder.data!.spotlight.message).toMatch(/order must be 1, 2, 3 or 4/);
    const unknown = await t.gql(QUERY, { input: { ruleSetKey: 'missing' } }, t.keys.governance);
    expect(unknown.data!.spotlight).toMatchObject({ __typename: 'DomainRuleError', code: 'RULE_SET_NOT_FOUND' });
  });
});
