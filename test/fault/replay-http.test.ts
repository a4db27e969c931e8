// Fault: the same ingestion batch replayed concurrently many times through
// the GraphQL API over HTTP: every replay succeeds, each touchpoint is
// created exactly once, and the counts add up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKEND } from './support/db.js';
import { createReference, touchpointBatch, type Reference } from './support/reference.js';
import { startFaultServer, type FaultServer } from './support/server.js';

const MUTATION = `mutation Ingest($input: IngestTouchpointsInput!) {
  ingestTouchpoints(input: $input) {
    __typename
    ... on IngestTouchpointsPayload { created updated unchanged rejected items { index status touchpointId } }
    ... on UserError { code message }
  }
}`;

interface Payload {
  __typename: string;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  items: Array<{ index: number; status: string; touchpointId: string | null }>;
}

describe(`concurrent replay of one batch over HTTP (${BACKEND})`, () => {
  let s: FaultServer;
  let ref: Reference;
  beforeAll(async () => {
    s = await startFaultServer({ label: 'replay_http' });
    ref = await createReference(s.fdb.db, { partners: 6, accounts: 8, opportunities: 30 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('creates each touchpoint once when 10 clients send the same 150-item batch at the same time', async () => {
    const batch = touchpointBatch(ref, 150, { seed: 21, source: 'fault_http', prefix: 'h' });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => s.gql<{ ingestTouchpoints: Payload }>(MUTATION, { input: { touchpoints: batch } })),
    );
    for (const r of results) {
      expect(r.status, r.text.slice(0, 500)).toBe(200);
      expect(r.body?.errors, r.text.slice(0, 500)).toBeUndefined();
      const p = r.body!.data!.ingestTouchpoints;
      expect(p.__typename).toBe('IngestTouchpointsPayload');
      expect(p.rejected).toBe(0);
      expect(p.created + p.unchanged + p.updated).toBe(150);
    }
    const payloads = results.map((r) => r.body!.data!.ingestTouchpoints);
    expect(payloads.reduce((n, p) => n + p.created, 0)).toBe(150);
    expect(payloads.reduce((n, p) => n + p.updated, 0)).toBe(0);
    const ids = payloads[0]!.items.map((i) => i.touchpointId);
    for (const p of payloads) expect(p.items.map((i) => i.touchpointId)).toEqual(ids);
    const [row] = await s.fdb.db.sql.query<{ n: number; d: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS d FROM touchpoint WHERE source = 'fault_http'`,
    );
    expect(row).toEqual({ n: 150, d: 150 });
  });
});
