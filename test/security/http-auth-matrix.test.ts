// Attack: every role (and no key, an unknown key, a revoked key, a malformed
// Authorization header) calls every root operation of the schema over HTTP.
// The operations are enumerated from the built schema, so a new Query,
// Mutation or Subscription field is covered automatically, and fails until
// it is added to ALLOWED below. Each request carries minimal, syntactically
// valid arguments naming nothing that exists, so what is tested is the
// authorization decision: allowed roles get past auth (any other outcome but
// FORBIDDEN/UNAUTHENTICATED/INTERNAL_SERVER_ERROR), denied roles get exactly
// FORBIDDEN (a key without the right) or UNAUTHENTICATED (no valid key) and
// no data.
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel } from '../support/db.js';
import { buildSchema } from '../../src/graphql/schema.js';
import { createApiKey, revokeApiKey } from '../../src/auth/store.js';
import { startRun } from '../../src/engine/run.js';
import { startTestServer, type TestServer } from '../server/harness.js';
import { publishStandardRules } from '../fault/support/rules.js';

type KeyRole = 'admin' | 'governance' | 'analyst' | 'integrator' | 'partner';
type NoKeyRole = 'anonymous' | 'unknown key' | 'revoked key' | 'malformed header';
type Role = KeyRole | NoKeyRole;

const KEY_ROLES: KeyRole[] = ['admin', 'governance', 'analyst', 'integrator', 'partner'];
const NO_KEY_ROLES: NoKeyRole[] = ['anonymous', 'unknown key', 'revoked key', 'malformed header'];

const INTERNAL: KeyRole[] = ['admin', 'governance', 'analyst'];
const EVERY_KEY: KeyRole[] = KEY_ROLES;

/** The declared policy: which key roles may call each root operation. Anything without a valid key may call none. */
const ALLOWED: Record<string, KeyRole[]> = {
  'Query.account': [...INTERNAL, 'integrator'],
  'Query.accounts': [...INTERNAL, 'integrator'],
  'Query.allocations': [...INTERNAL, 'partner'],
  'Query.attributionRuns': INTERNAL,
  'Query.auditEvents': INTERNAL,
  'Query.disputes': [...INTERNAL, 'partner'],
  'Query.fxRates': INTERNAL,
  'Query.hygieneReport': INTERNAL,
  'Query.node': EVERY_KEY,
  'Query.nodes': EVERY_KEY,
  'Query.opportunities': [...INTERNAL, 'integrator'],
  'Query.opportunity': [...INTERNAL, 'integrator'],
  'Query.overrides': INTERNAL,
  'Query.partner': EVERY_KEY,
  'Query.partners': EVERY_KEY,
  'Query.recomputeQueue': [...INTERNAL, 'integrator'],
  'Query.recomputeRequest': [...INTERNAL, 'integrator'],
  'Query.ruleSet': EVERY_KEY,
  'Query.ruleSets': EVERY_KEY,
  'Query.ruleVersions': EVERY_KEY,
  'Query.scorecard': INTERNAL,
  'Query.scorecardComparison': INTERNAL,
  'Query.scorecardCsv': INTERNAL,
  'Query.spotlight': INTERNAL,
  'Query.taxonomy': EVERY_KEY,
  'Query.touchpoint': EVERY_KEY,
  'Query.touchpoints': EVERY_KEY,
  'Query.viewer': EVERY_KEY,
  'Mutation.addTaxonomyEntry': ['admin', 'governance'],
  'Mutation.createRuleSet': ['admin', 'governance'],
  'Mutation.deleteTouchpoint': ['admin', 'integrator'],
  'Mutation.importFxRates': ['admin', 'governance'],
  'Mutation.ingestTouchpoints': ['admin', 'integrator'],
  'Mutation.previewRuleVersion': ['admin', 'governance'],
  'Mutation.publishRuleVersion': ['admin', 'governance'],
  'Mutation.raiseDispute': ['admin', 'governance', 'partner'],
  'Mutation.resolveDispute': ['admin', 'governance'],
  'Mutation.retireRuleVersion': ['admin', 'governance'],
  'Mutation.retireTaxonomyEntry': ['admin', 'governance'],
  'Mutation.revokeOverride': ['admin', 'governance'],
  'Mutation.saveRuleDraft': ['admin', 'governance'],
  'Mutation.startRun': ['admin', 'governance'],
  'Mutation.testRuleVersion': ['admin', 'governance'],
  'Mutation.upsertAccount': ['admin', 'integrator'],
  'Mutation.upsertOpportunity': ['admin', 'integrator'],
  'Mutation.upsertPartner': ['admin', 'integrator'],
  'Subscription.allocationsChanged': [...INTERNAL, 'partner'],
  'Subscription.runProgress': INTERNAL,
};

/** A well-formed global id naming no row (every node id is a UUID). */
const MISSING_ID = Buffer.from('Missing:00000000-0000-4000-8000-000000000000').toString('base64');

/**
 * Required arguments that name a real row instead: runProgress is answered
 * with its run (and completes); for a run that does not exist, or an id of
 * another type, its subscribe function fails with INTERNAL_SERVER_ERROR (a
 * separate defect, not an authorization outcome).
 */
const REAL_ARGUMENTS: Record<string, (ids: { runId: string }) => unknown> = {
  'Subscription.runProgress.runId': (ids) => ids.runId,
};

/** A minimal valid value for an input type: required fields only, names that match nothing. */
function minimalValue(type: GraphQLInputType, depth = 0): unknown {
  if (isNonNullType(type)) return minimalValue(type.ofType, depth);
  if (isListType(type)) return [minimalValue(type.ofType, depth + 1)];
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      if (isNonNullType(f.type) && f.defaultValue === undefined) out[f.name] = minimalValue(f.type, depth + 1);
    }
    return out;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return MISSING_ID;
      case 'Int':
        return 1;
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'Date':
        return '2026-01-01';
      case 'DateTime':
        return '2026-01-01T00:00:00Z';
      case 'Decimal':
        return '1.00';
      case 'JSON':
        return {};
      default:
        return 'matrix_probe';
    }
  }
  throw new Error(`no minimal value for ${String(type)}`);
}

interface Operation {
  id: string;
  kind: 'query' | 'mutation' | 'subscription';
  query: string;
  variables: Record<string, unknown>;
  /** Variables that must name a row created in beforeAll. */
  real: Record<string, (ids: { runId: string }) => unknown>;
}

function operationOf(kind: Operation['kind'], root: GraphQLObjectType, field: GraphQLField<unknown, unknown>): Operation {
  const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const defs = required.map((a, i) => `$a${i}: ${String(a.type)}`).join(', ');
  const args = required.map((a, i) => `${a.name}: $a${i}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return {
    id: `${root.name}.${field.name}`,
    kind,
    query: `${kind} Matrix${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`,
    variables: Object.fromEntries(required.map((a, i) => [`a${i}`, minimalValue(a.type)])),
    real: Object.fromEntries(
      required.flatMap((a, i) => {
        const real = REAL_ARGUMENTS[`${root.name}.${field.name}.${a.name}`];
        return real ? [[`a${i}`, real]] : [];
      }),
    ),
  };
}

const schema = buildSchema();
const OPERATIONS: Operation[] = (
  [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const
).flatMap(([kind, root]) => (root ? Object.values(root.getFields()).map((f) => operationOf(kind, root, f)) : []));

interface Outcome {
  status: number;
  codes: unknown[];
  data: unknown;
  text: string;
  subscribed?: boolean;
}

const DENIAL_CODES = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);

/** Sends one operation; a subscription over SSE, reading its first event (or noting that it stays open). */
async function send(url: string, op: Operation, variables: Record<string, unknown>, authorization: string | null): Promise<Outcome> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: op.kind === 'subscription' ? 'text/event-stream' : 'application/graphql-response+json',
  };
  if (authorization !== null) headers.authorization = authorization;
  const controller = new AbortController();
  const res = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: op.query, variables }),
    signal: controller.signal,
  });
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('text/event-stream')) {
    const text = await res.text();
    const body = JSON.parse(text) as { data?: unknown; errors?: Array<{ extensions?: { code?: unknown } }> };
    return { status: res.status, codes: (body.errors ?? []).map((e) => e.extensions?.code), data: body.data ?? null, text };
  }
  // An event stream: its first data event, or none within the wait (an open, authorized subscription).
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const timeout = new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), 500));
  try {
    for (;;) {
      const chunk = await Promise.race([reader.read(), timeout]);
      if (chunk === 'open') return { status: res.status, codes: [], data: null, text: '', subscribed: true };
      if (chunk.done) return { status: res.status, codes: [], data: null, text: buffer };
      buffer += decoder.decode(chunk.value, { stream: true });
      const data = /^data: ?(.*)$/m.exec(buffer);
      if (data && buffer.includes('\n\n')) {
        const body = JSON.parse(data[1]!) as { data?: unknown; errors?: Array<{ extensions?: { code?: unknown } }> };
        return { status: res.status, codes: (body.errors ?? []).map((e) => e.extensions?.code), data: body.data ?? null, text: buffer };
      }
    }
  } finally {
    controller.abort();
  }
}

/** No value beyond nulls: a denied nullable root field answers { field: null }. */
function holdsNoData(data: unknown): boolean {
  return data === null || (typeof data === 'object' && Object.values(data as object).every((v) => v === null));
}

describe(`auth matrix over every root operation ${backendLabel}`, () => {
  let t: TestServer;
  const authorization = new Map<Role, string | null>();
  const ids = { runId: '' };
  beforeAll(async () => {
    t = await startTestServer({ recompute: { start: false } });
    authorization.set('admin', `Bearer ${t.keys.admin}`);
    authorization.set('governance', `Bearer ${t.keys.governance}`);
    authorization.set('analyst', `Bearer ${t.keys.analyst}`);
    authorization.set('integrator', `Bearer ${t.keys.integrator}`);
    authorization.set('partner', `Bearer ${t.keys.partnerAcme}`);
    authorization.set('anonymous', null);
    authorization.set('unknown key', 'Bearer attrib_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const revoked = await createApiKey(t.db.prisma, { role: 'admin', name: 'matrix revoked', actor: 'test' });
    await revokeApiKey(t.db.prisma, revoked.summary.prefix, 'test');
    authorization.set('revoked key', `Bearer ${revoked.key}`);
    authorization.set('malformed header', 'Token abc');
    const { ruleVersionId } = await publishStandardRules(t.db);
    const run = await startRun(t.db, { ruleVersionId, kind: 'full', triggeredBy: 'test' });
    ids.runId = encodeGlobalID('AttributionRun', run.runId);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the declared table names exactly the root operations of the schema', () => {
    const ids = OPERATIONS.map((o) => o.id).sort();
    expect(ids.length).toBeGreaterThanOrEqual(40);
    expect(
      ids.filter((id) => !(id in ALLOWED)),
      'operations missing from ALLOWED',
    ).toEqual([]);
    expect(
      Object.keys(ALLOWED).filter((id) => !ids.includes(id)),
      'ALLOWED names operations the schema no longer has',
    ).toEqual([]);
  });

  for (const op of OPERATIONS) {
    for (const role of [...KEY_ROLES, ...NO_KEY_ROLES]) {
      const allowed = (ALLOWED[op.id] ?? []).includes(role as KeyRole);
      const expected = (KEY_ROLES as Role[]).includes(role) ? 'FORBIDDEN' : 'UNAUTHENTICATED';
      const title = allowed ? `${op.id} as ${role} gets past authorization` : `${op.id} as ${role} is refused with ${expected} and no data`;
      it(title, async () => {
        expect(ALLOWED[op.id], `${op.id} is missing from the declared ALLOWED table`).toBeDefined();
        const variables = { ...op.variables, ...Object.fromEntries(Object.entries(op.real).map(([k, real]) => [k, real(ids)])) };
        const res = await send(t.url, op, variables, authorization.get(role)!);
        const where = `${op.query} ${JSON.stringify(variables)} -> HTTP ${res.status} ${res.text.slice(0, 400)}`;
        expect(res.status, where).toBeLessThan(500);
        expect(res.codes, where).not.toContain('INTERNAL_SERVER_ERROR');
        if (allowed) {
          expect(
            res.codes.filter((c) => DENIAL_CODES.has(String(c))),
            where,
          ).toEqual([]);
        } else {
          expect(res.codes, where).toEqual([expected]);
          expect(holdsNoData(res.data), where).toBe(true);
          if (expected === 'UNAUTHENTICATED' && role !== 'anonymous') expect(res.status, where).toBe(401);
        }
      });
    }
  }
});
