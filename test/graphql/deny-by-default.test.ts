// Deny by default, checked on the schema itself: the root types require an
// API key, every root field names the scopes it needs, and every object type
// backed by a database model carries type-level scopes. A new field or type
// added without auth fails this test.
import type { GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/graphql/schema.js';

const schema = buildSchema();

/**
 * Root fields that need only an API key: the key's own identity, relay lookups
 * (each type re-checks), and the methodology (rule sets, drafts filtered by role; the taxonomy).
 */
const KEY_ONLY = new Set([
  'Query.viewer',
  'Query.node',
  'Query.nodes',
  'Query.ruleSet',
  'Query.ruleSets',
  'Query.ruleVersions',
  'Query.taxonomy',
]);

function options(obj: { extensions?: Record<string, unknown> | null }): { authScopes?: unknown } {
  return ((obj.extensions ?? {}) as { pothosOptions?: { authScopes?: unknown } }).pothosOptions ?? {};
}

describe('deny by default', () => {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean) as GraphQLObjectType[];

  it('requires an API key on every root type', () => {
    for (const root of roots) expect(options(root).authScopes, root.name).toEqual({ authenticated: true });
  });

  it('names the scopes of every root field (beyond "has a key")', () => {
    const missing: string[] = [];
    for (const root of roots) {
      for (const field of Object.values(root.getFields())) {
        const id = `${root.name}.${field.name}`;
        const scopes = options(field).authScopes;
        if (KEY_ONLY.has(id)) continue;
        if (!scopes || (typeof scopes === 'object' && Object.keys(scopes).length === 1 && 'authenticated' in scopes)) missing.push(id);
      }
    }
    expect(missing).toEqual([]);
  });

  it('guards every database-backed object type with type-level scopes', () => {
    const unguarded: string[] = [];
    let models = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      // Duck-typed: under the test runner the graphql package may be loaded twice, so instanceof checks fail.
      if (type.name.startsWith('__') || !(type.extensions as Record<string, unknown> | undefined)?.pothosPrismaModel) continue;
      models++;
      if (!options(type).authScopes) unguarded.push(type.name);
    }
    expect(models).toBeGreaterThanOrEqual(13);
    expect(unguarded).toEqual([]);
  });
});
