// Fault: resource abuse is refused with typed errors, cheaply, and the server
// keeps answering: queries nested too deep, too costly or too wide, batches
// over the documented maximum, and request bodies over the size limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKEND } from './support/db.js';
import { createReference, touchpointBatch, type Reference } from './support/reference.js';
import { leaks, startFaultServer, type FaultServer } from './support/server.js';

const BATCH_MUTATION = `mutation Ingest($input: IngestTouchpointsInput!) {
  ingestTouchpoints(input: $input) { __typename ... on BatchTooLargeError { code limit size message } ... on IngestTouchpointsPayload { created } }
}`;

function deepQuery(levels: number): string {
  // partner -> allocations -> opportunity -> allocations -> ... alternating, `levels` levels deep.
  let inner = 'key';
  for (let i = 0; i < levels; i++) {
    inner =
      i % 2 === 0
        ? `allocations(first: 1) { nodes { opportunity { key ${inner} } } }`
        : `allocations(first: 1) { nodes { partner { key ${inner} } } }`;
  }
  return `{ partners(first: 1) { nodes { ${inner} } } }`;
}

describe(`resource abuse is refused with typed errors (${BACKEND})`, () => {
  let s: FaultServer;
  let ref: Reference;
  beforeAll(async () => {
    s = await startFaultServer({ label: 'abuse', maxBodyBytes: 256 * 1024 });
    ref = await createReference(s.fdb.db, { partners: 3, accounts: 3, opportunities: 5 });
  });
  afterAll(async () => {
    await s?.close();
  });

  const expectTyped = (r: Awaited<ReturnType<FaultServer['post']>>, code: string) => {
    expect(r.status, r.text.slice(0, 300)).toBeLessThan(500);
    expect(leaks(r.text), 'no internals in the response').toBeNull();
    const codes = (r.body?.errors ?? []).map((e) => e.extensions?.code);
    expect(codes, r.text.slice(0, 300)).toContain(code);
    expect(r.body?.data ?? null, 'nothing is executed').toBeNull();
  };

  it('refuses a query nested deeper than the limit', async () => {
    expectTyped(await s.gql(deepQuery(30)), 'QUERY_TOO_COMPLEX');
  });

  it('refuses a query whose cost is over the limit (huge pages of nested lists)', async () => {
    const q = `{ partners(first: 1000) { nodes { allocations(first: 1000) { nodes { opportunity { allocations(first: 1000) { nodes { amount } } } } } } } }`;
    expectTyped(await s.gql(q), 'QUERY_TOO_COMPLEX');
  });

  it('refuses a query selecting too many fields (aliases)', async () => {
    const q = `{ ${Array.from({ length: 1_000 }, (_, i) => `a${i}: partner(key: "FP-0") { key name }`).join(' ')} }`;
    expectTyped(await s.gql(q), 'QUERY_TOO_COMPLEX');
  });

  it('refuses a touchpoint batch over the documented maximum and writes nothing', async () => {
    const batch = touchpointBatch(ref, 5_001, { seed: 3, source: 'abuse', prefix: 'big' }).map((t) => ({
      ...t,
      proof: null,
      owner: null,
      nextJointStep: null,
    }));
    // Over the 256 KiB body limit of this server: refused before parsing.
    const tooBig = await s.gql(BATCH_MUTATION, { input: { touchpoints: batch } });
    expect(tooBig.status).toBe(413);
    expectTyped(tooBig, 'PAYLOAD_TOO_LARGE');
    // A server with a larger body limit still refuses the batch size itself, as a typed union member.
    const roomy = await s.server.app.yoga.fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.adminKey}` },
      body: JSON.stringify({ query: BATCH_MUTATION, variables: { input: { touchpoints: batch } } }),
    });
    const body = (await roomy.json()) as {
      data?: { ingestTouchpoints: { __typename: string; code: string; limit: number; size: number } };
      errors?: unknown[];
    };
    expect(roomy.status).toBeLessThan(500);
    expect(body.data?.ingestTouchpoints, JSON.stringify(body).slice(0, 300)).toMatchObject({
      __typename: 'BatchTooLargeError',
      limit: 5000,
      size: 5001,
    });
    const [row] = await s.fdb.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM touchpoint WHERE source = 'abuse'`);
    expect(row!.n).toBe(0);
  });

  it('refuses a body over the limit even without a Content-Length (chunked)', async () => {
    const huge = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(400 * 1024) } });
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(huge));
        c.close();
      },
    });
    const res = await fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.adminKey}` },
      body: stream,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('still answers normally after the abuse', async () => {
    const r = await s.gql('{ partners(first: 5) { totalCount } }');
    expect(r.status).toBe(200);
    expect(r.body?.data).toEqual({ partners: { totalCount: 3 } });
  });
});
