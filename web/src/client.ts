// The app's GraphQL client: POSTs a generated typed document (web/src/gql) to
// /graphql with the signed-in API key. Variables and results are typed by the
// document; GraphQL errors and HTTP failures become a GraphQLRequestError.
import type { GraphQLFormattedError } from 'graphql';
import type { TypedDocumentString } from './gql/graphql.js';

export class GraphQLRequestError extends Error {
  constructor(
    readonly status: number,
    readonly errors: readonly GraphQLFormattedError[],
  ) {
    super(errors.map((e) => e.message).join('; ') || `HTTP ${status}`);
    this.name = 'GraphQLRequestError';
  }

  /** The key was refused (unknown, revoked or malformed). */
  get unauthenticated(): boolean {
    return this.status === 401 || this.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
  }
}

export interface GraphQLClient {
  request<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
  ): Promise<TResult>;
}

export const GRAPHQL_URL = '/graphql';

export function createClient(apiKey: string, options: { url?: string; onUnauthenticated?: () => void } = {}): GraphQLClient {
  const url = options.url ?? GRAPHQL_URL;
  return {
    async request(document, ...[variables]) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json, application/json',
            authorization: `Bearer ${apiKey}`,
          },
          body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
        });
      } catch (err) {
        throw new GraphQLRequestError(0, [{ message: `The server cannot be reached (${(err as Error).message}).` }]);
      }
      const text = await res.text();
      let body: { data?: unknown; errors?: GraphQLFormattedError[] };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        throw new GraphQLRequestError(res.status, [{ message: text.slice(0, 300) || res.statusText }]);
      }
      if (body.errors?.length || body.data == null) {
        const error = new GraphQLRequestError(res.status, body.errors ?? [{ message: 'The server answered without data.' }]);
        if (error.unauthenticated) options.onUnauthenticated?.();
        throw error;
      }
      return body.data as never;
    },
  };
}

/** A typed-union result that is one of the API's user errors (code + message). */
export interface UserErrorLike {
  __typename?: string;
  code?: string;
  message?: string;
}

/**
 * Narrows a result union to its success member by __typename, or throws the
 * user error's message (e.g. NOT_FOUND, NOT_ALLOWED) for the view's error state.
 */
export function expectType<T extends { __typename?: string }, N extends string>(value: T, typename: N): Extract<T, { __typename?: N }> {
  if (value.__typename === typename) return value as Extract<T, { __typename?: N }>;
  const e = value as UserErrorLike;
  throw new Error(e.message ? `${e.message}${e.code ? ` (${e.code})` : ''}` : `Unexpected answer: ${value.__typename ?? 'unknown'}`);
}
