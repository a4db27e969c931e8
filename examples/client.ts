// A minimal typed GraphQL client over fetch for the generated documents
// (examples/generated): the operation's variables and result are typed.
import type { TypedDocumentString } from './generated/graphql.js';

export interface GraphQLErrorJson {
  message: string;
  path?: Array<string | number>;
  extensions?: Record<string, unknown>;
}

export class GraphQLRequestError extends Error {
  constructor(
    readonly status: number,
    readonly errors: GraphQLErrorJson[],
  ) {
    super(
      `GraphQL request failed (HTTP ${status}): ${errors.map((e) => `${e.message}${e.extensions?.code ? ` [${String(e.extensions.code)}]` : ''}`).join('; ')}`,
    );
    this.name = 'GraphQLRequestError';
  }
}

export interface ClientOptions {
  /** e.g. http://localhost:4000/graphql */
  url: string;
  apiKey: string;
  fetch?: typeof fetch;
}

export function createClient(options: ClientOptions) {
  const doFetch = options.fetch ?? fetch;
  return async function execute<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
  ): Promise<TResult> {
    const res = await doFetch(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        authorization: `Bearer ${options.apiKey}`,
      },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
    const text = await res.text();
    let body: { data?: TResult | null; errors?: GraphQLErrorJson[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new GraphQLRequestError(res.status, [{ message: text.slice(0, 500) || res.statusText }]);
    }
    if (body.errors?.length || !body.data) throw new GraphQLRequestError(res.status, body.errors ?? [{ message: 'no data' }]);
    return body.data;
  };
}
