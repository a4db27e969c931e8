// The benchmarks' GraphQL client: one POST over real HTTP (undici fetch) with
// the API key, the body serialized and the response parsed as JSON. Shared by
// the in-process client (platform.ts) and the ingestion client thread
// (ingest-client.ts), so both do the same work per request.

export interface GqlResponse<T> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  key: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GqlResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as object) };
}
