// Integrator example: push touchpoints to the API in batches, with the types
// generated from schema.graphql (npm run codegen).
//
//   ATTRIB_URL=http://localhost:4000/graphql ATTRIB_API_KEY=attrib_… \
//     npx tsx examples/ingest-touchpoints.ts touchpoints.json
//
// touchpoints.json holds an array of TouchpointInput objects (see
// schema.graphql). Batches are sent one after another (at most 5,000 each);
// re-running the script is safe: the API is idempotent by (source, externalId).
// The server recomputes credit in the background; with ATTRIB_WAIT=1 the
// script waits at the end until every batch's recompute ticket is DONE.
import { readFileSync } from 'node:fs';
import { createClient, GraphQLRequestError } from './client.js';
import { IngestTouchpointsDocument, RecomputeRequestDocument, type TouchpointInput } from './generated/graphql.js';

export const MAX_BATCH = 5000;

export interface IngestTotals {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Recompute tickets of the batches whose credit is being recomputed in the background. */
  tickets: string[];
}

export async function ingestAll(
  execute: ReturnType<typeof createClient>,
  touchpoints: TouchpointInput[],
  options: { batchSize?: number; log?: (line: string) => void } = {},
): Promise<IngestTotals> {
  const size = Math.min(options.batchSize ?? MAX_BATCH, MAX_BATCH);
  const log = options.log ?? ((line: string) => console.error(line));
  const totals: IngestTotals = { created: 0, updated: 0, unchanged: 0, rejected: 0, tickets: [] };
  for (let start = 0; start < touchpoints.length; start += size) {
    const batch = touchpoints.slice(start, start + size);
    const { ingestTouchpoints: result } = await execute(IngestTouchpointsDocument, { touchpoints: batch });
    switch (result.__typename) {
      case 'IngestTouchpointsPayload':
        totals.created += result.created;
        totals.updated += result.updated;
        totals.unchanged += result.unchanged;
        totals.rejected += result.rejected;
        if (result.recompute.status === 'QUEUED' && result.recompute.ticket) totals.tickets.push(result.recompute.ticket);
        log(
          `batch ${start / size + 1}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejected} rejected` +
            (result.recompute.error ? ` (recompute: ${result.recompute.error})` : ''),
        );
        for (const item of result.items) {
          for (const issue of item.issues)
            log(`  item ${start + item.index} (${item.source}/${item.externalId}): ${issue.path}: ${issue.message}`);
        }
        break;
      case 'BatchTooLargeError':
        throw new Error(`${result.message} (sent ${result.size}, limit ${result.limit})`);
      default:
        throw new Error(`${result.__typename}: ${'message' in result ? result.message : 'failed'}`);
    }
  }
  return totals;
}

/** Waits until the credit of every ticket is current (DONE); throws on a FAILED recompute or after timeoutMs. */
export async function waitForCredit(
  execute: ReturnType<typeof createClient>,
  tickets: readonly string[],
  timeoutMs = 300_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const ticket of tickets) {
    for (;;) {
      const { recomputeRequest: r } = await execute(RecomputeRequestDocument, { ticket });
      if (r.status === 'DONE') break;
      if (r.status === 'FAILED')
        throw new Error(`credit of ticket ${ticket} was not recomputed (attempt ${r.attempts}, retried automatically): ${r.lastError}`);
      if (Date.now() > deadline) throw new Error(`credit of ticket ${ticket} not current after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

async function main(): Promise<number> {
  const url = process.env.ATTRIB_URL ?? 'http://localhost:4000/graphql';
  const apiKey = process.env.ATTRIB_API_KEY;
  const file = process.argv[2];
  if (!apiKey || !file) {
    console.error('usage: ATTRIB_API_KEY=<integrator key> [ATTRIB_URL=…] npx tsx examples/ingest-touchpoints.ts <touchpoints.json>');
    return 2;
  }
  const touchpoints = JSON.parse(readFileSync(file, 'utf8')) as TouchpointInput[];
  if (!Array.isArray(touchpoints)) {
    console.error(`${file} must hold a JSON array of touchpoints`);
    return 2;
  }
  try {
    const execute = createClient({ url, apiKey });
    const totals = await ingestAll(execute, touchpoints);
    if (process.env.ATTRIB_WAIT === '1') await waitForCredit(execute, totals.tickets);
    console.log(JSON.stringify({ ...totals, tickets: totals.tickets.length }));
    return totals.rejected > 0 ? 1 : 0;
  } catch (err) {
    console.error(err instanceof GraphQLRequestError ? err.message : (err as Error).stack);
    return 1;
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  main().then((code) => {
    process.exitCode = code;
  });
}
