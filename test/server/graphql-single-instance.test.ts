// The server and its libraries (graphql-yoga, Pothos) must share one copy of
// `graphql`: two copies make `instanceof GraphQLError` and schema identity
// checks fail silently. Node resolves the package to its CommonJS entry, so
// the test runner must too (vitest.config.ts pins it).
import { createRequire } from 'node:module';
import { GraphQLError, GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/graphql/schema.js';

describe('graphql is loaded once', () => {
  it('the graphql the sources import is the one libraries require', () => {
    const required = createRequire(import.meta.url)('graphql') as typeof import('graphql');
    expect(required.GraphQLError).toBe(GraphQLError);
    const schema = buildSchema();
    expect(schema).toBeInstanceOf(GraphQLSchema);
    expect(schema).toBeInstanceOf(required.GraphQLSchema);
  });
});
