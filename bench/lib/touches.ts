// The ingestion benchmark's touchpoints and its one mutation: generation
// (pure and seeded, so the client thread can make the same batches itself),
// the request and the check every response must pass. No server imports:
// the ingestion client thread loads this module.
import { ACTION_TYPES, CHANNELS } from '../../src/domain/enums.js';
import type { GqlResponse } from './gql-client.js';
import { seededRandom } from './prng.js';

export const INGEST_MUTATION = `mutation Ingest($input: IngestTouchpointsInput!) {
  ingestTouchpoints(input: $input) {
    __typename
    ... on IngestTouchpointsPayload { created updated unchanged rejected recompute { status opportunities error } }
    ... on UserError { code message }
  }
}`;

export interface TouchInput {
  source: string;
  externalId: string;
  partnerKey: string;
  opportunityKey: string;
  action: string;
  channel: string;
  occurredAt: string;
  proof: string | null;
  owner: string | null;
  nextJointStep: string | null;
  engagementDepth: number | null;
}

/** The keys touchpoints refer to (read once from the seeded database). */
export interface TouchKeys {
  opportunities: Array<{ key: string; closed: string | null }>;
  partners: string[];
}

export function touchBatch(keys: TouchKeys, source: string, n: number, seed: number): TouchInput[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const opp = rnd.pick(keys.opportunities);
    const at = opp.closed
      ? new Date(Date.parse(opp.closed) - rnd.int(1, 120) * 86_400_000)
      : new Date(Date.UTC(2026, 5, 1) + rnd.int(0, 90) * 86_400_000);
    return {
      source,
      externalId: `${source}-${i}`,
      partnerKey: rnd.pick(keys.partners),
      opportunityKey: opp.key,
      action: rnd.pick(ACTION_TYPES),
      channel: rnd.pick(CHANNELS),
      occurredAt: at.toISOString(),
      proof: rnd.chance(0.85) ? `https://crm.example/${source}/${i}` : null,
      owner: 'ae@example.com',
      nextJointStep: rnd.chance(0.5) ? 'joint plan' : null,
      engagementDepth: rnd.int(1, 5),
    };
  });
}

export function chunk<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

export type IngestResponse = GqlResponse<{
  ingestTouchpoints: {
    __typename: string;
    created?: number;
    rejected?: number;
    message?: string;
    recompute?: { status: string; error: string | null };
  };
}>;

/** Throws unless the mutation created every touchpoint of the batch and its recompute did not fail. */
export function checkIngested(res: IngestResponse, batchLength: number): void {
  const r = res.data?.ingestTouchpoints;
  if (res.status !== 200 || !r || r.__typename !== 'IngestTouchpointsPayload' || r.created !== batchLength) {
    throw new Error(`ingestTouchpoints did not create the batch: HTTP ${res.status} ${JSON.stringify(res.errors ?? r).slice(0, 500)}`);
  }
  if (r.recompute?.error || r.recompute?.status === 'FAILED') throw new Error(`ingestTouchpoints recompute failed: ${r.recompute.error}`);
}
