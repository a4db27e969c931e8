// The one Pothos schema builder: plugins, scalars, auth scopes and the shared
// error types. Domain folders (partners/, touchpoints/, rules/ …) add their
// types and fields to it; schema.ts imports them all and builds the schema.
import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import ComplexityPlugin, { ComplexityErrorKind } from '@pothos/plugin-complexity';
import TotalCountDescriptionPlugin from './total-count-description.js';
import { GraphQLError } from 'graphql';
import type PrismaTypes from './generated/pothos-prisma-types.js';
import { getDatamodel } from './generated/pothos-prisma-types.js';
import type { GraphQLContext } from './context.js';
import { capabilitiesOf, type Capabilities } from '../auth/principal.js';
import { partnerMayReadNode } from '../auth/partner-policy.js';
import type { Prisma } from '../generated/prisma/client.js';

type Scalars = {
  DateTime: { Input: Date; Output: Date | string };
  Date: { Input: Date; Output: Date | string };
  Decimal: { Input: string; Output: string | Prisma.Decimal };
  JSON: { Input: unknown; Output: unknown };
};

/** A role's capabilities (src/auth/principal.ts), and what depends on the key itself. */
interface AuthScopes extends Capabilities {
  /** Any valid API key. */
  authenticated: boolean;
  /** A partner key. */
  partner: boolean;
  /** Internal reader, or the partner key of exactly this partner id. */
  ownPartner: string | null;
}

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  PrismaTypes: PrismaTypes;
  Scalars: Scalars;
  AuthScopes: AuthScopes;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, PrismaPlugin, RelayPlugin, ComplexityPlugin, TotalCountDescriptionPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (ctx) => {
      const role = ctx.principal?.role ?? null;
      const can = capabilitiesOf(role);
      return {
        ...can,
        authenticated: ctx.principal !== null,
        partner: role === 'partner',
        ownPartner: (partnerId: string | null) =>
          can.readInternal || (role === 'partner' && partnerId !== null && ctx.principal?.partnerId === partnerId),
      };
    },
    unauthorizedError: (_parent, ctx, info) => {
      if (!ctx.principal) {
        return new GraphQLError(
          'Authentication required: send `Authorization: Bearer <api key>` (create one with `attrib keys create --role analyst`).',
          {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
          },
        );
      }
      return new GraphQLError(`The ${ctx.principal.role} role may not access ${info.parentType.name}.${info.fieldName}.`, {
        extensions: { code: 'FORBIDDEN' },
      });
    },
  },
  errors: {
    defaultTypes: [],
    directResult: true,
  },
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
    maxConnectionSize: 500,
    defaultConnectionSize: 50,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesOnConnection: { description: 'The items of this page, in order, without cursors (the nodes of `edges`).' },
    // Every type and field of the schema is described, the relay plugin's
    // generated ones included (test/graphql/schema-descriptions.test.ts).
    idFieldOptions: {
      description: 'Global id: opaque, stable, unique across types. Pass it to node(id:) or to arguments that take this record.',
    },
    nodeTypeOptions: { description: 'A record with a global id, readable with node(id:) and nodes(ids:).' },
    pageInfoTypeOptions: {
      description: 'Where a page sits in its list: whether more items exist before or after it, and the cursors of its ends.',
    },
    hasNextPageFieldOptions: { description: 'Whether items follow this page: fetch them with first and after: endCursor.' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede this page: fetch them with last and before: startCursor.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of the page; null when the page is empty.' },
    endCursorFieldOptions: { description: 'Cursor of the last item of the page; null when the page is empty.' },
    defaultConnectionTypeOptions: {
      description: 'One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given.',
    },
    defaultEdgeTypeOptions: { description: 'One item of a page and its cursor.' },
    edgesFieldOptions: { description: 'The items of this page, in order, each with its cursor.' },
    pageInfoFieldOptions: { description: 'Whether more pages exist, and the cursors to fetch them.' },
    nodeFieldOptions: { description: 'The item.' },
    cursorFieldOptions: {
      description: 'Opaque position of this item in the list: pass it as after (next page) or before (previous page).',
    },
    firstArgOptions: {
      description:
        "Page size from the start (or from after): at most 500 (larger values are capped); default 50. The query's cost grows with it.",
    },
    afterArgOptions: { description: 'Cursor (edges.cursor or pageInfo.endCursor) after which the page starts; use with first.' },
    lastArgOptions: {
      description: "Page size from the end (or from before): at most 500 (larger values are capped). The query's cost grows with it.",
    },
    beforeArgOptions: { description: 'Cursor (edges.cursor or pageInfo.startCursor) before which the page ends; use with last.' },
    // A partner key gets null for any record it may not read, exactly as for a
    // missing one: no FORBIDDEN that would tell it the record exists.
    nodeQueryOptions: {
      description:
        'Any record by its global id; null when it does not exist or the caller may not read it (a partner key reads only its own records and the published methodology).',
      args: { id: { description: 'A global id returned by the API (the `id` field of any Node).' } },
      authScopes: { authenticated: true },
      resolve: async (_root, args, ctx, _info, resolveNode) => {
        const [node] = await confineNodes(ctx, [args.id], [await resolveNode(args.id)]);
        return node as never;
      },
    },
    // Every node's id is a UUID: a well-formed global id around anything else
    // ("Partner:1") names nothing, and is refused before it reaches the database.
    decodeGlobalID: (globalID) => {
      const decoded = decodeGlobalID(globalID);
      if (!NODE_ID.test(decoded.id)) {
        throw new GraphQLError(`"${globalID}" does not name anything; use an \`id\` returned by the API`, {
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      return decoded;
    },
    nodesQueryOptions: {
      description: 'Several records by global id, in the order of ids; null for each that does not exist or the caller may not read.',
      args: { ids: { description: 'Global ids returned by the API; the cost of the query grows with their number.' } },
      authScopes: { authenticated: true },
      resolve: async (_root, args, ctx, _info, resolveNodes) =>
        confineNodes(ctx, args.ids, (await resolveNodes(args.ids)) as unknown[]) as never,
    },
  },
  complexity: {
    // Cost follows page sizes: a connection multiplies its selection by
    // first/last (or the default page size), nodes(ids:) by the number of ids
    // (one lookup each); other fields cost 1.
    fieldComplexity: (args) => {
      const page = args as { first?: number | null; last?: number | null; ids?: unknown };
      if ('first' in page || 'last' in page) {
        return { field: 1, multiplier: Math.max(1, page.first ?? page.last ?? 50) };
      }
      if (Array.isArray(page.ids)) return { field: 1, multiplier: Math.max(1, page.ids.length) };
      return { field: 1, multiplier: 1 };
    },
    limit: (ctx) => ({ depth: ctx.limits.maxDepth, complexity: ctx.limits.maxComplexity, breadth: ctx.limits.maxBreadth }),
    complexityError: (kind, result) => complexityLimitError(kind, result),
  },
});

/** node/nodes results as the caller may see them (src/auth/partner-policy.ts for partner keys). */
function confineNodes(ctx: GraphQLContext, ids: ReadonlyArray<{ typename: string; id: string }>, nodes: unknown[]): unknown[] {
  if (ctx.principal?.role !== 'partner') return nodes;
  const partnerId = ctx.principal.partnerId;
  return nodes.map((node, i) => (partnerId && partnerMayReadNode(ids[i]!.typename, node, partnerId) ? node : null));
}

const NODE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The typed error for a query over a limit (code QUERY_TOO_COMPLEX), raised
 * both by the validation rule (before anything runs, src/server/limits.ts)
 * and, as a second line, by the plugin at execution.
 */
export function complexityLimitError(
  kind: ComplexityErrorKind,
  result: { depth: number; maxDepth?: number; breadth: number; maxBreadth?: number; complexity: number; maxComplexity?: number },
): GraphQLError {
  return new GraphQLError(
    kind === ComplexityErrorKind.Depth
      ? `Query depth ${result.depth} exceeds the limit of ${result.maxDepth}; request fewer nested levels.`
      : kind === ComplexityErrorKind.Breadth
        ? `Query selects ${result.breadth} fields, over the limit of ${result.maxBreadth}; split it into several queries.`
        : `Query cost ${result.complexity} exceeds the limit of ${result.maxComplexity}; ask for smaller pages (first/last) or fewer nested lists.`,
    { extensions: { code: 'QUERY_TOO_COMPLEX', kind, ...result } },
  );
}

builder.queryType({
  description: 'Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it.',
  authScopes: { authenticated: true },
});
builder.mutationType({
  description:
    'Changes. Each is audited in its own transaction; expected failures are members of its result union (UserError), never bare errors.',
  authScopes: { authenticated: true },
});
builder.subscriptionType({
  description:
    'Live events, streamed over server-sent events (POST or GET /graphql with Accept: text/event-stream); the same API key as queries.',
  authScopes: { authenticated: true },
});
