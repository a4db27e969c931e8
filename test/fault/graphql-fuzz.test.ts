// Fuzz: random GraphQL documents and variables against the real server over
// HTTP (production mode). Documents are generated from the schema itself
// (random fields, arguments of right and wrong types, random depth), then some
// are mutated textually; variables are random JSON. The server must never
// answer 5xx, never leak internals (stack frames, file paths, SQL, driver
// errors), always answer JSON with typed errors (extensions.code), and never
// fall back to "Unexpected error" (an unhandled exception behind the mask).
import {
  buildClientSchema,
  getIntrospectionQuery,
  type IntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKEND } from './support/db.js';
import { mutate, seededRandom, type Random } from './support/mutate.js';
import { createReference } from './support/reference.js';
import { leaks, startFaultServer, type FaultServer } from './support/server.js';

const REQUESTS = 600;
const SEED = 90210;

const WEIRD_STRINGS = [
  '',
  ' ',
  'FP-0',
  'FO-1',
  'x'.repeat(5000),
  '\u0000',
  "'; DROP TABLE partner; --",
  '{"a":1}',
  '😀',
  '2026-13-45',
  'null',
  '-1',
  '1e309',
  'UGFydG5lcjox',
];
const WEIRD_NUMBERS = [0, -1, 1, 2 ** 31, -(2 ** 31) - 1, 1.5, 1e308, Number.MAX_SAFE_INTEGER];

function randomJson(rnd: Random, depth = 0): unknown {
  switch (rnd.int(0, depth > 2 ? 4 : 6)) {
    case 0:
      return null;
    case 1:
      return rnd.pick(WEIRD_STRINGS);
    case 2:
      return rnd.pick(WEIRD_NUMBERS);
    case 3:
      return rnd.chance(0.5);
    case 4:
      return rnd.pick(['referral', 'source', 'admin', 'closed_won', '2026-01-01', '2026-01-01T00:00:00Z', '100.00']);
    case 5:
      return Array.from({ length: rnd.int(0, 3) }, () => randomJson(rnd, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: rnd.int(0, 4) }, (_, i) => [
          rnd.pick(['key', 'first', 'input', 'touchpoints', 'x', `f${i}`]),
          randomJson(rnd, depth + 1),
        ]),
      );
  }
}

/** A value for an input type: usually well-typed, sometimes deliberately wrong. */
function inputValue(rnd: Random, type: GraphQLInputType, depth = 0): unknown {
  if (rnd.chance(0.08)) return randomJson(rnd, 2);
  if (isNonNullType(type)) return inputValue(rnd, type.ofType, depth);
  if (rnd.chance(0.1)) return null;
  if (isListType(type)) return depth > 3 ? [] : Array.from({ length: rnd.int(0, 3) }, () => inputValue(rnd, type.ofType, depth + 1));
  if (isEnumType(type)) return rnd.pick(type.getValues()).value;
  if (isInputObjectType(type)) {
    if (depth > 3) return {};
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields()))
      if (isNonNullType(f.type) || rnd.chance(0.5)) out[f.name] = inputValue(rnd, f.type, depth + 1);
    return out;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return rnd.chance(0.8) ? rnd.int(-2, 60) : rnd.pick(WEIRD_NUMBERS);
      case 'Float':
        return rnd.pick(WEIRD_NUMBERS);
      case 'Boolean':
        return rnd.chance(0.5);
      case 'DateTime':
        return rnd.pick(['2026-01-01T00:00:00Z', '2026-02-30T00:00:00Z', 'yesterday', '']);
      case 'Date':
        return rnd.pick(['2026-01-01', '2025-04-01', '2026-13-01', 'x']);
      case 'Decimal':
        return rnd.pick(['100.00', '0.5', '-1', '1e5', 'NaN', '99999999999999999999.999']);
      case 'JSON':
        return randomJson(rnd);
      default:
        return rnd.pick(WEIRD_STRINGS);
    }
  }
  return null;
}

interface Gen {
  rnd: Random;
  schema: GraphQLSchema;
  vars: Array<{ name: string; type: string; value: unknown }>;
}

function selection(g: Gen, type: GraphQLObjectType, depth: number): string {
  const fields = Object.values(type.getFields());
  const n = Math.min(fields.length, g.rnd.int(1, 4));
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const f = g.rnd.pick(fields);
    parts.push(fieldText(g, f, depth));
  }
  return parts.join(' ');
}

function fieldText(g: Gen, f: GraphQLField<unknown, unknown>, depth: number): string {
  const args = f.args
    .filter((a) => isNonNullType(a.type) || g.rnd.chance(0.4))
    .map((a) => {
      const name = `v${g.vars.length}`;
      g.vars.push({ name, type: String(a.type), value: inputValue(g.rnd, a.type) });
      return `${a.name}: $${name}`;
    });
  const alias = g.rnd.chance(0.1) ? `al${g.rnd.int(0, 99)}: ` : '';
  const head = `${alias}${f.name}${args.length ? `(${args.join(', ')})` : ''}`;
  const named = getNamedType(f.type);
  if (isLeafType(named)) return head;
  if (depth >= 4) return `${head} { __typename }`;
  if (isObjectType(named)) return `${head} { ${selection(g, named, depth + 1)} }`;
  if (isUnionType(named) || isInterfaceType(named)) {
    const impls = isUnionType(named) ? named.getTypes() : g.schema.getPossibleTypes(named);
    const pick = impls.length ? g.rnd.pick(impls) : null;
    return `${head} { __typename ${pick ? `... on ${pick.name} { ${selection(g, pick, depth + 1)} }` : ''} }`;
  }
  return head;
}

function randomDocument(rnd: Random, schema: GraphQLSchema): { query: string; variables: Record<string, unknown> } {
  const g: Gen = { rnd, schema, vars: [] };
  const useMutation = rnd.chance(0.3) && schema.getMutationType();
  const root = (useMutation ? schema.getMutationType() : schema.getQueryType())!;
  const body = selection(g, root, 0);
  const defs = g.vars.map((v) => `$${v.name}: ${v.type}`).join(', ');
  const query = `${useMutation ? 'mutation' : 'query'} Fuzz${defs ? `(${defs})` : ''} { ${body} }`;
  const variables = Object.fromEntries(g.vars.map((v) => [v.name, v.value]));
  return { query, variables };
}

describe(`GraphQL fuzzing over HTTP (${BACKEND}, production mode)`, () => {
  let s: FaultServer;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    s = await startFaultServer({ label: 'gqlfuzz' });
    await createReference(s.fdb.db, { partners: 3, accounts: 3, opportunities: 6 });
    // The schema as clients see it (introspection over HTTP), so the fuzzer uses one copy of graphql-js.
    const intro = await s.gql<IntrospectionQuery>(getIntrospectionQuery());
    expect(intro.status, intro.text.slice(0, 300)).toBe(200);
    schema = buildClientSchema(intro.body!.data!);
  });
  afterAll(async () => {
    await s?.close();
  });

  it(`answers ${REQUESTS} random and mutated documents with typed errors, never a 5xx or leaked internals`, async () => {
    const rnd = seededRandom(SEED);
    // One example per kind of problem (the text after "->", minus long values), over all requests.
    const byKind = new Map<string, string>();
    const problems = {
      push: (p: string) => {
        const kind =
          p.split('\n  -> ')[1]!.replace(/:.*$/s, '').slice(0, 80) +
          (p.split('\n  -> ')[1]!.match(/: (Invalid \w+ \w+|Arguments "\w+" and "\w+")/)?.[1] ?? '');
        if (!byKind.has(kind)) byKind.set(kind, p.slice(0, 700));
      },
    };
    const keys = [s.adminKey, s.adminKey, s.adminKey, null, 'attrib_bogus_key', 'Bearer'];
    for (let i = 0; i < REQUESTS; i++) {
      const doc = randomDocument(rnd, schema);
      const kind = rnd.int(0, 9);
      const key = rnd.pick(keys);
      let r: Awaited<ReturnType<FaultServer['post']>>;
      let sent: string;
      if (kind <= 5) {
        sent = doc.query;
        r = await s.post(doc, key);
      } else if (kind <= 7) {
        sent = mutate(rnd, doc.query);
        r = await s.post({ query: sent, variables: doc.variables }, key);
      } else if (kind === 8) {
        sent = doc.query;
        r = await s.post({ query: sent, variables: randomJson(rnd) }, key);
      } else {
        sent = '(raw body)';
        r = await s.post(null, key, mutate(rnd, JSON.stringify(doc)));
      }
      const where = `request ${i} (seed ${SEED}, kind ${kind}): ${sent.slice(0, 300)}`;
      if (r.status >= 500) problems.push(`${where}\n  -> HTTP ${r.status}: ${r.text.slice(0, 300)}`);
      const leak = leaks(r.text);
      if (leak) problems.push(`${where}\n  -> leaks ${leak}`);
      if (!r.body) {
        problems.push(`${where}\n  -> not JSON: ${r.text.slice(0, 200)}`);
        continue;
      }
      for (const e of (r.body.errors ?? []) as Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>) {
        // Errors raised while executing (they carry a path) must be typed. Request-level errors
        // (parse, validation, variable coercion) come from graphql-js with its own wording.
        if (e.path && typeof e.extensions?.code !== 'string')
          problems.push(`${where}\n  -> execution error without extensions.code: ${e.message}`);
        if (/^Unexpected error\.?$/.test(e.message)) problems.push(`${where}\n  -> unhandled exception behind the mask`);
      }
    }
    expect([...byKind.values()], [...byKind.values()].join('\n\n')).toEqual([]);
  }, 120_000);
});
