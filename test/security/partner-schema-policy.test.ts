// Every type and field a partner key can reach has a decision in the partner
// policy (src/auth/partner-policy.ts, PARTNER_FIELD_POLICY): the walk starts at
// the Query, Mutation and Subscription roots, follows each field a partner key
// is admitted to into its type (objects, unions, interfaces and their
// implementations, the Node types), and stops at fields and types whose auth
// scopes refuse it. A field added without a decision fails here, as does a
// decision that the schema's auth scopes contradict.
import type { GraphQLField, GraphQLNamedType, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PARTNER_FIELD_POLICY, type PartnerDecision } from '../../src/auth/partner-policy.js';
import { builder } from '../../src/graphql/builder.js';
import { buildSchema } from '../../src/graphql/schema.js';

const schema: GraphQLSchema = buildSchema();
const SELF = '11111111-1111-4111-8111-111111111111';

/** The scope values of a partner key of partner SELF, from the builder's own authScopes. */
const scopeAuth = (builder.options as unknown as { scopeAuth: { authScopes: (ctx: unknown) => Record<string, unknown> } }).scopeAuth;
const partnerScopes = scopeAuth.authScopes({
  principal: { keyId: 'k', name: 'attacker', prefix: 'p', role: 'partner', partnerId: SELF, partnerKey: 'P-SELF' },
});

/** A row of the caller's own (for type scopes that look at the row: Touchpoint, CreditAllocation …). */
const OWN_ROW = { id: SELF, partnerId: SELF, status: 'published' };

type ScopeMap = Record<string, unknown>;

function admits(map: ScopeMap, all = false): boolean {
  const results = Object.entries(map).map(([scope, param]) => {
    if (scope === '$any') return admits(param as ScopeMap, false);
    if (scope === '$all') return admits(param as ScopeMap, true);
    if (scope === '$granted') return false;
    const value = partnerScopes[scope];
    if (typeof value === 'function') return (value as (p: unknown) => boolean)(param) === true;
    return value === true && param === true;
  });
  return all ? results.every(Boolean) : results.some(Boolean);
}

function scopesOf(obj: { extensions?: unknown }): unknown {
  return ((obj.extensions ?? {}) as { pothosOptions?: { authScopes?: unknown } }).pothosOptions?.authScopes;
}

/** Whether auth scopes (a map, or a function of the parent row) admit a partner key on its own rows. */
function scopesAdmit(scopes: unknown): boolean {
  if (scopes === undefined || scopes === null) return true;
  if (typeof scopes === 'function') return admits((scopes as (row: unknown) => ScopeMap)(OWN_ROW));
  return admits(scopes as ScopeMap);
}

// Duck-typed: under the test runner the graphql package may be loaded twice, so instanceof checks fail.
const kindOf = (t: GraphQLNamedType): string => (t as { astNode?: unknown }).constructor.name;
const isObject = (t: GraphQLNamedType): t is GraphQLObjectType => kindOf(t) === 'GraphQLObjectType';
const isAbstract = (t: GraphQLNamedType) => kindOf(t) === 'GraphQLInterfaceType' || kindOf(t) === 'GraphQLUnionType';
function namedTypeOf(field: GraphQLField<unknown, unknown>): GraphQLNamedType {
  let type = field.type as { ofType?: unknown };
  while (type.ofType) type = type.ofType as { ofType?: unknown };
  return type as unknown as GraphQLNamedType;
}

interface Reached {
  /** `Type.field` → whether a partner key is admitted to it (its scopes, its parent's and its type's). */
  fields: Map<string, boolean>;
  /** Object types reached through an abstract type whose own scopes refuse a partner key. */
  deniedTypes: Set<string>;
}

function walk(): Reached {
  const fields = new Map<string, boolean>();
  const deniedTypes = new Set<string>();
  const seen = new Set<string>();
  const queue: GraphQLObjectType[] = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(
    Boolean,
  ) as GraphQLObjectType[];
  const enter = (type: GraphQLNamedType) => {
    if (isObject(type)) {
      if (!scopesAdmit(scopesOf(type))) {
        deniedTypes.add(type.name);
        return;
      }
      if (!seen.has(type.name)) {
        seen.add(type.name);
        queue.push(type);
      }
    } else if (isAbstract(type)) {
      for (const impl of schema.getPossibleTypes(type as Parameters<GraphQLSchema['getPossibleTypes']>[0])) enter(impl);
    }
  };
  for (const root of queue) seen.add(root.name);
  while (queue.length) {
    const type = queue.shift()!;
    for (const field of Object.values(type.getFields())) {
      const target = namedTypeOf(field);
      const targetAdmits = !isObject(target) || scopesAdmit(scopesOf(target));
      const ok = scopesAdmit(scopesOf(type)) && scopesAdmit(scopesOf(field)) && targetAdmits;
      fields.set(`${type.name}.${field.name}`, ok);
      if (ok) enter(target);
    }
  }
  return { fields, deniedTypes };
}

const reached = walk();
const policy = PARTNER_FIELD_POLICY as Readonly<Record<string, PartnerDecision>>;

describe('partner policy covers the schema', () => {
  it('partner key reaches no field or type without an allow/redact/deny decision', () => {
    const missing = [...reached.fields.keys(), ...reached.deniedTypes].filter((k) => !(k in policy)).sort();
    expect(
      missing,
      `add these to PARTNER_FIELD_POLICY in src/auth/partner-policy.ts:\n${missing.map((k) => `  '${k}': …,`).join('\n')}\n`,
    ).toEqual([]);
    expect(reached.fields.size).toBeGreaterThan(100);
  });

  it('partner policy has no stale entries (every entry is a field or type a partner key can reach)', () => {
    const stale = Object.keys(policy)
      .filter((k) => !reached.fields.has(k) && !reached.deniedTypes.has(k))
      .sort();
    expect(stale).toEqual([]);
  });

  it('partner key is refused every field and type the policy denies', () => {
    const admitted = Object.entries(policy)
      .filter(([k, d]) => d === 'deny' && (reached.fields.get(k) === true || (k.indexOf('.') < 0 && !reached.deniedTypes.has(k))))
      .map(([k]) => k);
    expect(admitted, 'the auth scopes of these admit a partner key: refuse it there, or decide allow/redact').toEqual([]);
  });

  it('partner key reaches every field the policy allows or redacts', () => {
    const refused = Object.entries(policy)
      .filter(([k, d]) => d !== 'deny' && reached.fields.get(k) !== true)
      .map(([k]) => k);
    expect(refused).toEqual([]);
  });
});
