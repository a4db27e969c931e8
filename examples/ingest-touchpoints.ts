// Integrator example: push touchpoints to the API in batches, with the types
// generated from schema.graphql (npm run codegen).
//
//   ATTRIB_URL=http://localhost:4000/graphql ATTRIB_API_KEY=attrib_… \
//     npx tsx examples/ingest-touchpoints.ts touchpoints.json
//
// touchpoints.json holds an array of TouchpointInput objects (see
// schema.graphql). Batches are sent one after another (at most 5,000 each);
// re-running the script is safe: the API is idempotent by (source, externalId).
import { readFileSync } from 'node:fs';
import { createClient, GraphQLRequestError } from './client.js';
import { IngestTouchpointsDocument, type TouchpointInput } from './generated/graphql.js';

export const MAX_BATCH = 5000;

export interface IngestTotals { created: number; updated: number; unchanged: number; rejected: number }

export async function ingestAll(
  execute: ReturnType<typeof createClient>,
  touchpoints: TouchpointInput[],
  options: { batchSize?: number; log?: (line: string) => void } = {},
): Promise<IngestTotals> {
  const size = Math.min(options.batchSize ?? MAX_BATCH, MAX_BATCH);
  const log = options.log ?? ((line: string) => console.error(line));
  const totals: IngestTotals = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (let start = 0; start < touchpoints.length; start += size) {
    const batch = touchpoints.slice(start, start + size);
    const { ingestTouchpoints: result } = await execute(IngestTouchpointsDocument, { touchpoints: batch });
    switch (result.__typename) {
      case 'IngestTouchpointsPayload':
        totals.created += result.created;
        totals.updated += result.updated;
        totals.unchanged += result.unchanged;
        totals.rejected += result.rejected;
        log(`batch ${start / size + 1}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejected} rejected`
          + (result.recompute.error ? ` (recompute: ${result.recompute.error})` : ''));
        for (const item of result.items) {
          for (const issue of item.issues) log(`  item ${start + item.index} (${item.source}/${item.externalId}): ${issue.path}: ${issue.message}`);
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

async function main(): Promise<number> {
  const url = process.env.ATTRIB_URL ?? 'http://localhost:4000/graphql';
  const apiKey = process.env.ATTRIB_API_KEY;
  const file = process.argv[2];
  if (!apiKey || !file) {
    console.error('usage: ATTRIB_API_KEY=<integrator key> [ATTRIB_URL=…] npx tsx examples/ingest-touchpoints.ts <touchpoints.json>');
    return 2;
  }
  const touchpoints = JSON.parse(readFileSync(file, 'utf8')) as TouchpointInput[];
  if (!Array.isArray(touchpoints)) { console.error(`${file} must hold a JSON array of touchpoints`); return 2; }
  try {
    const totals = await ingestAll(createClient({ url, apiKey }), touchpoints);
    console.log(JSON.stringify(totals));
    return totals.rejected > 0 ? 1 : 0;
  } catch (err) {
    console.error(err instanceof GraphQLRequestError ? err.message : (err as Error).stack);
    return 1;
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  main().then((code) => { process.exitCode = code; });
}
