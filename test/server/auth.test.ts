// The auth matrix over HTTP: every role × a sample of queries and mutations,
// deny by default, revoked and malformed keys, and a partner key trying to
// read another partner's data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel } from '../support/db.js';
import { revokeApiKey, createApiKey } from '../../src/auth/store.js';
import { startTestServer, touchpoint, type Keys, type TestServer } from './harness.js';

type Role = keyof Keys | 'anonymous';
const ROLES: Role[] = ['admin', 'governance', 'integrator', 'analyst', 'partnerAcme', 'anonymous'];

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  allowed: Role[];
}

const CASES: Case[] = [
  { name: 'viewer', query: '{ viewer { role } }', allowed: ['admin', 'governance', 'integrator', 'analyst', 'partnerAcme'] },
  { name: 'partners', query: '{ partners { totalCount } }', allowed: ['admin', 'governance', 'integrator', 'analyst', 'partnerAcme'] },
  { name: 'opportunities', query: '{ opportunities { totalCount } }', allowed: ['admin', 'governance', 'integrator', 'analyst'] },
  { name: 'accounts', query: '{ accounts { totalCount } }', allowed: ['admin', 'governance', 'integrator', 'analyst'] },
  {
    name: 'touchpoints',
    query: '{ touchpoints { totalCount } }',
    allowed: ['admin', 'governance', 'integrator', 'analyst', 'partnerAcme'],
  },
  { name: 'allocations', query: '{ allocations { totalCount } }', allowed: ['admin', 'governance', 'analyst', 'partnerAcme'] },
  { name: 'attributionRuns', query: '{ attributionRuns { totalCount } }', allowed: ['admin', 'governance', 'analyst'] },
  { name: 'auditEvents', query: '{ auditEvents { totalCount } }', allowed: ['admin', 'governance', 'analyst'] },
  { name: 'overrides', query: '{ overrides { totalCount } }', allowed: ['admin', 'governance', 'analyst'] },
  { name: 'ruleSets', query: '{ ruleSets { totalCount } }', allowed: ['admin', 'governance', 'integrator', 'analyst', 'partnerAcme'] },
  {
    name: 'upsertPartner',
    query: 'mutation { upsertPartner(input: { key: "P-MATRIX", name: "Matrix", type: "other" }) { __typename } }',
    allowed: ['admin', 'integrator'],
  },
  {
    name: 'ingestTouchpoints',
    query: 'mutation($input: IngestTouchpointsInput!) { ingestTouchpoints(input: $input) { __typename } }',
    variables: { input: { touchpoints: [touchpoint({ externalId: 'M-1' })] } },
    allowed: ['admin', 'integrator'],
  },
  {
    name: 'createRuleSet',
    query: 'mutation($key: String!) { createRuleSet(input: { key: $key }) { __typename } }',
    allowed: ['admin', 'governance'],
  },
  {
    name: 'startRun',
    query:
      'mutation { startRun(input: { ruleVersionId: "UnVsZVZlcnNpb246MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw" }) { __typename } }',
    allowed: ['admin', 'governance'],
  },
  {
    name: 'resolveDispute',
    query:
      'mutation { resolveDispute(input: { disputeId: "RGlzcHV0ZTowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA=", decision: rejected, resolution: "no" }) { __typename } }',
    allowed: ['admin', 'governance'],
  },
];

describe(`auth matrix over HTTP ${backendLabel}`, () => {
  let t: TestServer;
  let counter = 0;
  beforeAll(async () => {
    t = await startTestServer();
    await t.gql(
      'mutation($input: IngestTouchpointsInput!) { ingestTouchpoints(input: $input) { __typename } }',
      {
        input: {
          touchpoints: [
            touchpoint({ externalId: 'ACME-1', partnerKey: 'P-ACME' }),
            touchpoint({ externalId: 'GLOBEX-1', partnerKey: 'P-GLOBEX' }),
          ],
        },
      },
      t.keys.integrator,
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  const keyOf = (role: Role) => (role === 'anonymous' ? null : t.keys[role]);

  for (const c of CASES) {
    it(`${c.name}: allowed for ${c.allowed.join(', ')}; denied for the others`, async () => {
      for (const role of ROLES) {
        const res = await t.gql(c.query, { ...c.variables, key: `rs_matrix_${counter++}` }, keyOf(role));
        const codes = (res.errors ?? []).map((e) => e.extensions?.code);
        if (c.allowed.includes(role)) {
          expect(codes, `${c.name} as ${role}: ${JSON.stringify(res.errors)}`).toEqual([]);
          expect(res.data, `${c.name} as ${role}`).toBeTruthy();
        } else {
          expect(codes, `${c.name} as ${role} must be denied`).toEqual([role === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN']);
          expect(res.data ?? null, `${c.name} as ${role} leaks no data`).toBeNull();
        }
      }
    });
  }

  it('a partner key sees only its own partner, touchpoints and the published methodology', async () => {
    const partners = await t.gql('{ partners { totalCount nodes { key } } }', {}, t.keys.partnerAcme);
    expect(partners.data!.partners).toEqual({ totalCount: 1, nodes: [{ key: 'P-ACME' }] });
    const other = await t.gql('{ partner(key: "P-GLOBEX") { key } }', {}, t.keys.partnerAcme);
    expect(other.data!.partner).toBeNull();
    const tps = await t.gql('{ touchpoints { totalCount nodes { externalId partner { key } } } }', {}, t.keys.partnerAcme);
    expect(tps.data!.touchpoints.nodes.map((n: any) => n.externalId)).toContain('ACME-1');
    expect(tps.data!.touchpoints.nodes.map((n: any) => n.externalId)).not.toContain('GLOBEX-1');
    expect(tps.data!.touchpoints.nodes.every((n: any) => n.partner.key === 'P-ACME')).toBe(true);
    const byFilter = await t.gql('{ touchpoints(filter: { partnerKey: "P-GLOBEX" }) { totalCount } }', {}, t.keys.partnerAcme);
    expect(byFilter.data!.touchpoints.totalCount).toBe(0);
    const direct = await t.gql('{ touchpoint(source: "crm", externalId: "GLOBEX-1") { externalId } }', {}, t.keys.partnerAcme);
    expect(direct.data!.touchpoint).toBeNull();

    // Global ids from an internal listing, fetched with node() by the other partner's key:
    // null without an error, as for a record that does not exist.
    const all = await t.gql('{ touchpoints { nodes { id externalId partner { id key } } } }', {}, t.keys.analyst);
    const globex = all.data!.touchpoints.nodes.find((n: any) => n.externalId === 'GLOBEX-1');
    const viaNode = await t.gql(
      'query($id: ID!) { node(id: $id) { id ... on Touchpoint { externalId proof } } }',
      { id: globex.id },
      t.keys.partnerAcme,
    );
    expect(viaNode.data?.node ?? null).toBeNull();
    expect(viaNode.errors).toBeUndefined();
    const partnerNode = await t.gql(
      'query($id: ID!) { node(id: $id) { ... on Partner { key name } } }',
      { id: globex.partner.id },
      t.keys.partnerAcme,
    );
    expect(partnerNode.data?.node ?? null).toBeNull();
    expect(partnerNode.errors).toBeUndefined();
    const nodes = await t.gql(
      'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Partner { key } } }',
      { ids: [globex.partner.id] },
      t.keys.partnerAcme,
    );
    expect(JSON.stringify(nodes.data)).not.toContain('P-GLOBEX');

    // Drafts are not methodology: a partner cannot list them.
    await t.gql(
      'mutation { saveRuleDraft(input: { ruleSetKey: "draft_only", source: "ruleset draft_only", createRuleSet: true }) { __typename } }',
      {},
      t.keys.governance,
    );
    const drafts = await t.gql('{ ruleVersions(status: [draft]) { totalCount } }', {}, t.keys.partnerAcme);
    expect(drafts.data!.ruleVersions.totalCount).toBe(0);
    const internal = await t.gql('{ ruleVersions(status: [draft]) { totalCount } }', {}, t.keys.analyst);
    expect(internal.data!.ruleVersions.totalCount).toBeGreaterThan(0);
  });

  it('refuses malformed, unknown and revoked keys with 401 and says what to do', async () => {
    const malformed = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Token abc' },
      body: '{"query":"{ viewer { role } }"}',
    });
    expect(malformed.status).toBe(401);
    const unknown = await t.gql('{ viewer { role } }', {}, 'attrib_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(unknown.status).toBe(401);
    expect(unknown.errors![0]!.message).toContain('attrib keys create');
    const { key, summary } = await createApiKey(t.db.prisma, { role: 'analyst', actor: 'test' });
    expect((await t.gql('{ viewer { role } }', {}, key)).data!.viewer.role).toBe('analyst');
    await revokeApiKey(t.db.prisma, summary.prefix, 'test');
    expect((await t.gql('{ viewer { role } }', {}, key)).status).toBe(401);
    const stored = await t.db.sql.query<{ secret_hash: string }>('SELECT secret_hash FROM api_key WHERE prefix = $1', [summary.prefix]);
    // The secret is everything after the prefix; it is base64url, so it may itself hold (or start with) '_'.
    const secret = /^attrib_[^_]+_(.+)$/.exec(key)![1]!;
    expect(secret.length).toBeGreaterThan(20);
    expect(stored[0]!.secret_hash).not.toContain(secret);
  });
});
