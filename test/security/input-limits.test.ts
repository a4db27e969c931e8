// Attacks on the request pipeline: outcomes that depend on one request's
// variables must never be replayed to another caller through a cache keyed
// on the document, and hostile nesting, long strings, NUL and text that is
// not UTF-8 end in typed client errors (never a 500), before any work,
// identically in production where unexpected errors are masked.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDatabase } from '../support/describe-database.js';
import { startTestServer, touchpoint, type GraphQLResponse, type TestServer } from '../server/harness.js';

type Gql = TestServer['gql'];

const INGEST =
  'mutation($input: IngestTouchpointsInput!) { ingestTouchpoints(input: $input) { __typename ... on IngestTouchpointsPayload { created rejected items(onlyRejected: true) { issues { path message } } } } }';

/** A request body whose touchpoint metadata nests `depth` objects deep (built as text: JSON.stringify itself overflows the stack). */
function deepMetadataBody(externalId: string, depth: number): string {
  const item = JSON.stringify(touchpoint({ externalId, metadata: 0 }));
  const metadata = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  return `{"query":${JSON.stringify(INGEST)},"variables":{"input":{"touchpoints":[${item.replace('"metadata":0', `"metadata":${metadata}`)}]}}}`;
}

async function postRaw(url: string, body: string, key: string): Promise<GraphQLResponse> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });
  return { status: res.status, ...((await res.json()) as object) };
}

function nested(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

function expectBadInput(res: GraphQLResponse, pattern?: RegExp): void {
  expect(res.data ?? null, JSON.stringify(res)).toBeNull();
  expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res.errors)).toBe('BAD_USER_INPUT');
  if (pattern) expect(res.errors![0]!.message).toMatch(pattern);
  expect(JSON.stringify(res)).not.toMatch(/\bat .*\.(ts|js):\d+|stack/);
}

describeDatabase('request pipeline attacks', () => {
  let t: TestServer;
  let prod: { url: string; gql: Gql };
  beforeAll(async () => {
    t = await startTestServer();
    prod = await t.extraServer({ nodeEnv: 'production' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const servers = () =>
    [
      ['development', t.gql],
      ['production', prod.gql],
    ] as const;

  it("a NUL in one caller's variables is not replayed to a later caller of the same document (any role)", async () => {
    for (const [mode, gql] of servers()) {
      const doc = `query Search${mode}($s: String) { partners(filter: { search: $s }) { totalCount } }`;
      expectBadInput(await gql(doc, { s: 'ac\u0000me' }, t.keys.analyst), /variables\.s contains the NUL character/);
      const admin = await gql(doc, { s: 'Acme' }, t.keys.admin);
      expect(admin.errors, mode).toBeUndefined();
      expect(admin.data).toEqual({ partners: { totalCount: 1 } });
      const partner = await gql(doc, { s: 'Globex' }, t.keys.partnerAcme);
      expect(partner.errors, mode).toBeUndefined();
    }
  });

  it('a clean request first does not let a later NUL through to an internal error', async () => {
    for (const [mode, gql] of servers()) {
      const doc = `mutation Rules${mode}($i: CreateRuleSetInput!) { createRuleSet(input: $i) { __typename } }`;
      const clean = await gql(doc, { i: { key: `clean_${mode}`, name: 'fine' } }, t.keys.admin);
      expect(clean.errors, mode).toBeUndefined();
      expectBadInput(
        await gql(doc, { i: { key: `nul_${mode}`, name: 'bad\u0000name' } }, t.keys.governance),
        /variables\.i\.name contains the NUL/,
      );
      const ruleSet = await t.gql('query($k: String!) { ruleSet(key: $k) { key } }', { k: `nul_${mode}` }, t.keys.admin);
      expect(ruleSet.data).toEqual({ ruleSet: null });
    }
  });

  it('page sizes in variables are costed per request: a cheap request first does not admit an expensive one', async () => {
    const doc = 'query Pages($n: Int) { partners(first: $n) { nodes { touchpoints(first: $n) { nodes { externalId } } } } }';
    expect((await t.gql(doc, { n: 5 }, t.keys.analyst)).errors).toBeUndefined();
    const costly = await t.gql(doc, { n: 500 }, t.keys.admin);
    expect(costly.data ?? null).toBeNull();
    expect(costly.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', kind: 'Complexity' });
    expect(costly.status).toBe(400);
    expect((await t.gql(doc, { n: 5 }, t.keys.analyst)).errors).toBeUndefined();
  });

  it('a 10,000-deep literal in the query is refused from the token stream (no parser stack overflow)', async () => {
    for (const [, gql] of servers()) {
      const value = `${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}`;
      const res = await gql(
        `mutation { ingestTouchpoints(input: { touchpoints: [{ source: "crm", externalId: "deep", partnerKey: "P-ACME", action: "referral", channel: "referral", occurredAt: "2026-01-12T10:00:00Z", metadata: ${value} }] }) { __typename } }`,
        {},
        t.keys.integrator,
      );
      expectBadInput(res, /nests more than 32 levels/);
      const list = await gql(
        `{ partners(filter: { keys: ${'['.repeat(10_000)}"x"${']'.repeat(10_000)} }) { totalCount } }`,
        {},
        t.keys.analyst,
      );
      expectBadInput(list, /nests more than 32 levels/);
      const selections = await gql(`{ ${'... on Query { '.repeat(5_000)}viewer { role }${' }'.repeat(5_000)} }`, {}, t.keys.analyst);
      expect(selections.errors![0]!.extensions!.code).toBe('QUERY_TOO_COMPLEX');
    }
  });

  it('metadata JSON nested 10,000 deep in variables is refused with its path, and nothing is written', async () => {
    for (const url of [t.url, prod.url]) {
      const res = await postRaw(url, deepMetadataBody('deep-json', 10_000), t.keys.integrator);
      expectBadInput(res, /variables\.input\.touchpoints\.0\.metadata(\.a)+ nests more than 32 levels/);
    }
    const found = await t.gql('{ touchpoints(filter: { source: "crm" }) { nodes { externalId } } }', {}, t.keys.admin);
    expect(found.data!.touchpoints.nodes.map((n: { externalId: string }) => n.externalId)).not.toContain('deep-json');
  });

  it('a NUL deeper than 64 levels is refused as bad input, and found with its path when the depth limit allows it', async () => {
    for (const [, gql] of servers()) {
      expectBadInput(
        await gql(
          INGEST,
          { input: { touchpoints: [touchpoint({ externalId: 'nul-deep', metadata: nested(70, 'x\u0000') })] } },
          t.keys.integrator,
        ),
      );
    }
    const roomy = await t.extraServer({ limits: { maxInputDepth: 100 } });
    const res = await roomy.gql(
      INGEST,
      { input: { touchpoints: [touchpoint({ externalId: 'nul-deep', metadata: nested(70, 'x\u0000') })] } },
      t.keys.integrator,
    );
    expectBadInput(res, /^variables\.input\.touchpoints\.0\.metadata(\.a){70} contains the NUL character/);
  });

  it("strings over their field's limit are refused with the path and the limit, in variables and literals", async () => {
    const long = await t.gql(
      INGEST,
      { input: { touchpoints: [touchpoint({ externalId: 'long-proof', proof: 'p'.repeat(10_001) })] } },
      t.keys.integrator,
    );
    expectBadInput(long, /variables\.input\.touchpoints\.0\.proof is 10001 characters long, over the limit of 10000/);
    const key = await t.gql(INGEST, { input: { touchpoints: [touchpoint({ externalId: 'k'.repeat(257) })] } }, t.keys.integrator);
    expectBadInput(key, /externalId is 257 characters long, over the limit of 256/);
    const literal = await t.gql(`{ partner(key: "${'k'.repeat(300)}") { key } }`, {}, t.keys.analyst);
    expectBadInput(literal, /Query\.partner\.key is 300 characters long, over the limit of 256/);
    // At the limit the request goes through to the domain's own rules, which answer per item.
    const atLimit = await t.gql(
      INGEST,
      { input: { touchpoints: [touchpoint({ externalId: 'long-ok', proof: 'p'.repeat(10_000) })] } },
      t.keys.integrator,
    );
    expect(atLimit.errors).toBeUndefined();
    expect(atLimit.data!.ingestTouchpoints).toMatchObject({
      created: 0,
      rejected: 1,
      items: [{ issues: [{ path: 'proof', message: 'must be at most 2000 characters' }] }],
    });
  });

  it('unpaired surrogates and bytes that are not UTF-8 are refused as bad input with the path', async () => {
    for (const [, gql] of servers()) {
      expectBadInput(
        await gql(INGEST, { input: { touchpoints: [touchpoint({ externalId: 'sur', owner: 'x\ud800y' })] } }, t.keys.integrator),
        /variables\.input\.touchpoints\.0\.owner contains an unpaired surrogate \(U\+D800\)/,
      );
    }
    for (const url of [t.url, prod.url]) {
      const json = Buffer.from(
        JSON.stringify({ query: INGEST, variables: { input: { touchpoints: [touchpoint({ externalId: 'bad-utf8', proof: 'MARK' })] } } }),
      );
      const at = json.indexOf('MARK');
      const body = Buffer.concat([json.subarray(0, at), Buffer.from([0xc3, 0x28]), json.subarray(at + 4)]);
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t.keys.integrator}` },
        body,
      });
      expect(res.status).toBe(400);
      const answer = (await res.json()) as GraphQLResponse;
      expectBadInput(
        { ...answer, status: res.status },
        /variables\.input\.touchpoints\.0\.proof holds bytes that are not valid UTF-8 \(first at byte \d+\)/,
      );
      expect(answer.errors![0]!.extensions).toMatchObject({ byteOffset: at });
      const get = await fetch(`${url}?query=%7Bviewer%7Brole%7D%7D&x=%FF`, { headers: { authorization: `Bearer ${t.keys.analyst}` } });
      expect(get.status).toBe(400);
      expect(((await get.json()) as GraphQLResponse).errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    }
  });

  it('runProgress with an id of the wrong type or of no run answers typed errors, not an internal error', async () => {
    const ask = async (runId: string) => {
      const res = await fetch(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${t.keys.admin}` },
        body: JSON.stringify({ query: 'subscription($id: ID!) { runProgress(runId: $id) { status } }', variables: { id: runId } }),
      });
      return res.text();
    };
    const wrongType = await ask(Buffer.from('Partner:00000000-0000-4000-8000-000000000000').toString('base64'));
    expect(wrongType).toContain('"code":"BAD_USER_INPUT"');
    expect(wrongType).not.toContain('INTERNAL_SERVER_ERROR');
    const missing = await ask(Buffer.from('AttributionRun:00000000-0000-4000-8000-000000000000').toString('base64'));
    expect(missing).toContain('"code":"NOT_FOUND"');
    expect(missing).not.toContain('INTERNAL_SERVER_ERROR');
  });

  it('a list of 20,000 empty touchpoints is refused before coercion and per-item validation, in well under a second', async () => {
    const started = performance.now();
    const res = await t.gql(INGEST, { input: { touchpoints: Array.from({ length: 20_000 }, () => ({})) } }, t.keys.integrator);
    expectBadInput(res, /^variables\.input\.touchpoints has 20000 items, over the limit of 10000/);
    expect(performance.now() - started).toBeLessThan(5_000);
    const batch = await t.gql(
      INGEST,
      { input: { touchpoints: Array.from({ length: 5_001 }, (_, i) => touchpoint({ externalId: `over-${i}` })) } },
      t.keys.integrator,
    );
    expect(batch.data!.ingestTouchpoints.__typename).toBe('BatchTooLargeError');
  });

  it('after every attack the server still answers a normal request', async () => {
    for (const [, gql] of servers())
      expect((await gql('{ viewer { role } }', {}, t.keys.analyst)).data).toEqual({ viewer: { role: 'analyst' } });
  });
});
