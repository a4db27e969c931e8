// The GraphQL schema: every domain module registers its types and fields on
// the builder; importing them here in a fixed order builds the whole API.
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './errors.js';
import './common/enums.js';
import './taxonomy/types.js';
import './taxonomy/queries.js';
import './partners/types.js';
import './partners/queries.js';
import './accounts/types.js';
import './accounts/queries.js';
import './opportunities/types.js';
import './opportunities/queries.js';
import './touchpoints/types.js';
import './touchpoints/queries.js';
import './rules/types.js';
import './rules/queries.js';
import './runs/types.js';
import './runs/queries.js';
import './allocations/types.js';
import './allocations/queries.js';
import './governance/types.js';
import './governance/queries.js';
import './audit/types.js';
import './viewer/types.js';
import './reports/scorecard.js';
import './reports/exports.js';
import './reports/hygiene.js';
import './reports/spotlight.js';
import './fx/types.js';
import './mutations.js';
import './subscriptions.js';

let built: GraphQLSchema | undefined;

export function buildSchema(): GraphQLSchema {
  built ??= builder.toSchema({ sortSchema: true });
  return built;
}

/** The SDL, sorted, as committed in schema.graphql. */
export function printSortedSchema(): string {
  return `${printSchema(lexicographicSortSchema(buildSchema())).trimEnd()}\n`;
}
