// The spotlight over real HTTP: the GraphQL answer is the report the CLI
// prints (same function, same figures), internal roles only, typed errors.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { computeSpotlight } from '../../src/reports/spotlight.js';
import { buildScorecardFixture } from '../reports/fixture.js';
import { describeDatabase } from '../support/describe-database.js';
import { startTestServer, type TestServer } from './harness.js';

const QUERY = `query($input: SpotlightInput!) { spotlight(input: $input) { __typename
  ... on SpotlightReport { ruleSetKey lane model by currency resamples seed laneTotal
    sample { journeys conversions value } excluded { untouched untouchedWon untouchedWonValue }
    ruleVersions { number hash } rows { unit ruleCredit modelCredit difference low high journeys conversions diverges }
    deals { opportunityId opportunityKey credit disagreement units { unit ruleCredit modelCredit } } }
  ... on UserError { code message } } }`;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await buildScorecardFixture(t.db.prisma);
});
afterAll(async () => { await t?.close(); });

describeDatabase('spotlight over GraphQL', () => {
  it('answers an analyst with the same figures as the report function', async () => {
    const input = { ruleSetKey: 'default', model: 'markov', order: 2, by: 'partner', resamples: 30, seed: 3, deals: 1 };
    const res = await t.gql(QUERY, { input }, t.keys.analyst);
    expect(res.errors).toBeUndefined();
    const direct = await computeSpotlight(t.db, { ...input, model: 'markov', by: 'partner' });
    const { ruleVersions, from: _f, to: _t, ...rest } = direct;
    expect(res.data!.spotlight).toEqual({
      __typename: 'SpotlightReport', ...rest, ruleVersions: ruleVersions.map((v) => ({ number: v.number, hash: v.hash })),
    });
    expect(res.data!.spotlight.model).toBe('markov order 2');
    expect(res.data!.spotlight.deals).toHaveLength(1);
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
