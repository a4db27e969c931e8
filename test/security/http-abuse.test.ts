// Attack: abusive GraphQL documents and HTTP requests, each sent to a server
// in test mode and to one in production mode (masked errors). Every attack
// must be answered with a typed client error (extensions.code set, never
// INTERNAL_SERVER_ERROR, a 4xx or GraphQL-error status), without internals
// (stack frames, file paths, SQL, driver names), write nothing, and leave
// the server answering a normal request right afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel } from '../support/db.js';
import { startTestServer, type TestServer } from '../server/harness.js';
import { leaks } from '../fault/support/server.js';

interface Raw {
  status: number;
  text: string;
  body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | undefined;
  ms: number;
}

interface Target {
  url: string;
  key: string;
}

async function send(url: string, init: RequestInit): Promise<Raw> {
  const started = performance.now();
  const res = await fetch(url, init);
  const text = await res.text();
  let body: Raw['body'];
  try {
    body = JSON.parse(text) as Raw['body'];
  } catch {
    body = undefined;
  }
  return { status: res.status, text, body, ms: performance.now() - started };
}

function post(target: Target, body: unknown, headers: Record<string, string> = {}): Promise<Raw> {
  return send(target.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      authorization: `Bearer ${target.key}`,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

let probe = 0;
/** A document text no other request used (so no cached validation result applies to it). */
const fresh = (query: string) => `${query} # probe ${probe++}`;

interface Attack {
  name: string;
  send(target: Target, t: TestServer): Promise<Raw>;
  /** Expected HTTP status(es) and the code among the errors. */
  status: number | number[];
  code: string;
  /** Extra checks (nothing written, bounded work …). */
  verify?(res: Raw, t: TestServer): Promise<void> | void;
}

function depthBomb(levels: number): string {
  let inner = 'key';
  for (let i = 0; i < levels; i++) inner = i % 2 === 0 ? `partner { key ${inner} }` : `touchpoints(first: 1) { nodes { ${inner} } }`;
  return `{ partners(first: 1) { nodes { ${inner} } } }`;
}

function exponentialFragments(levels: number): string {
  let doc = 'fragment F0 on Partner { key name }';
  for (let i = 1; i <= levels; i++) doc += ` fragment F${i} on Partner { k${i}: key ...F${i - 1} ...F${i - 1} }`;
  return `{ partners(first: 1) { nodes { ...F${levels} } } } ${doc}`;
}

const partnerWritten = async (t: TestServer, key: string) =>
  (await t.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM partner WHERE key = $1', [key]))[0]!.n;

const upsertPartner = (key: string) => `mutation { upsertPartner(input: { key: "${key}", name: "Attack", type: "other" }) { __typename } }`;

const ATTACKS: Attack[] = [
  {
    name: 'depth bomb of 100 nested levels is refused with QUERY_TOO_COMPLEX',
    send: (target) => post(target, { query: fresh(depthBomb(100)) }),
    status: [200, 400],
    code: 'QUERY_TOO_COMPLEX',
  },
  {
    name: 'alias bomb of 10,000 aliases is refused with QUERY_TOO_COMPLEX',
    send: (target) => post(target, { query: fresh(`{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: viewer { role }`).join(' ')} }`) }),
    status: [200, 400],
    code: 'QUERY_TOO_COMPLEX',
  },
  {
    name: 'cyclic fragments are refused with GRAPHQL_VALIDATION_FAILED',
    send: (target) =>
      post(target, {
        query: fresh('{ partners { nodes { ...A } } } fragment A on Partner { key ...B } fragment B on Partner { name ...A }'),
      }),
    status: [200, 400],
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'exponential fragment bomb (2^30 fields from 31 fragments) is refused with QUERY_TOO_COMPLEX, in bounded time',
    send: (target) => post(target, { query: fresh(exponentialFragments(30)) }),
    status: [200, 400],
    code: 'QUERY_TOO_COMPLEX',
    verify: (res) => {
      expect(res.ms).toBeLessThan(5_000);
    },
  },
  {
    name: 'huge page (first: 1,000,000) is refused with QUERY_TOO_COMPLEX',
    send: (target) => post(target, { query: fresh('{ partners(first: 1000000) { nodes { key } } }') }),
    status: [200, 400],
    code: 'QUERY_TOO_COMPLEX',
  },
  {
    name: 'huge page (last: 1,000,000) is refused with QUERY_TOO_COMPLEX',
    send: (target) => post(target, { query: fresh('{ touchpoints(last: 1000000) { nodes { id } } }') }),
    status: [200, 400],
    code: 'QUERY_TOO_COMPLEX',
  },
  {
    name: 'huge page in a variable, after the same document passed with a small one, is refused with QUERY_TOO_COMPLEX',
    async send(target) {
      const query = fresh('query Pages($n: Int) { partners(first: $n) { nodes { touchpoints(first: $n) { nodes { id } } } } }');
      const small = await post(target, { query, variables: { n: 1 } });
      expect(small.body?.errors, small.text.slice(0, 300)).toBeUndefined();
      return post(target, { query, variables: { n: 100_000 } });
    },
    status: [200, 400],
    code: 'QUERY_TOO_COMPLEX',
  },
  {
    name: 'nodes() with 100,000 ids is refused with BAD_USER_INPUT (list length limit) before any lookup',
    send: (target) =>
      post(target, {
        query: fresh('query($ids: [ID!]!) { nodes(ids: $ids) { id } }'),
        variables: {
          ids: Array.from({ length: 100_000 }, (_, i) =>
            Buffer.from(`Partner:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`).toString('base64'),
          ),
        },
      }),
    status: [200, 400],
    code: 'BAD_USER_INPUT',
    verify: (res) => {
      expect(res.ms).toBeLessThan(10_000);
    },
  },
  {
    name: 'page size over the Int range (first: 2^31) is refused at validation (GRAPHQL_VALIDATION_FAILED)',
    send: (target) => post(target, { query: fresh('{ partners(first: 2147483648) { totalCount } }') }),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'negative page size (first: -1) is refused with BAD_USER_INPUT',
    send: (target) => post(target, { query: fresh('{ partners(first: -1) { nodes { key } } }') }),
    status: [200, 400],
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'batched request (a JSON array of 100 operations) is refused with BAD_REQUEST, so batching cannot multiply the limits',
    send: (target) =>
      post(
        target,
        Array.from({ length: 100 }, (_, i) => ({
          query: `{ ${Array.from({ length: 300 }, (__, j) => `a${j}: viewer { role }`).join(' ')} } # ${i}`,
        })),
      ),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'batched mutations (a JSON array) are refused with BAD_REQUEST and write nothing',
    send: (target) => post(target, [{ query: upsertPartner('P-BATCH-1') }, { query: upsertPartner('P-BATCH-2') }]),
    status: 400,
    code: 'BAD_REQUEST',
    async verify(_res, t) {
      expect((await partnerWritten(t, 'P-BATCH-1')) + (await partnerWritten(t, 'P-BATCH-2'))).toBe(0);
    },
  },
  {
    name: 'mutation over GET is refused with 405 and writes nothing',
    send: (target) =>
      send(`${target.url}?query=${encodeURIComponent(upsertPartner('P-GET'))}`, {
        method: 'GET',
        headers: { authorization: `Bearer ${target.key}` },
      }),
    status: 405,
    code: 'BAD_REQUEST',
    async verify(_res, t) {
      expect(await partnerWritten(t, 'P-GET')).toBe(0);
    },
  },
  {
    name: 'body over the size limit (Content-Length) is refused with 413 PAYLOAD_TOO_LARGE',
    send: (target) => post(target, { query: '{ viewer { role } }', variables: { pad: 'x'.repeat(9 * 1024 * 1024) } }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'body over the size limit sent chunked (no Content-Length) is refused with 413 PAYLOAD_TOO_LARGE',
    send(target) {
      const huge = new TextEncoder().encode(
        JSON.stringify({ query: '{ viewer { role } }', variables: { pad: 'x'.repeat(9 * 1024 * 1024) } }),
      );
      const body = new ReadableStream({
        start(c) {
          for (let at = 0; at < huge.length; at += 256 * 1024) c.enqueue(huge.subarray(at, at + 256 * 1024));
          c.close();
        },
      });
      return send(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${target.key}` },
        body,
        duplex: 'half',
      } as RequestInit & { duplex: 'half' });
    },
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'malformed JSON body is refused with 400 BAD_REQUEST',
    send: (target) => post(target, '{"query": "{ viewer { role } }"'),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'JSON body that is not an object is refused with 400 BAD_REQUEST',
    send: (target) => post(target, '"mutation { upsertPartner }"'),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'query that is not a string is refused with 400 BAD_REQUEST',
    send: (target) => post(target, { query: { kind: 'Document' } }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'variables that are not an object are refused with 400 BAD_REQUEST',
    send: (target) => post(target, { query: '{ viewer { role } }', variables: '{"a":1}' }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: '10,000 declared variables are refused with GRAPHQL_VALIDATION_FAILED and a bounded error list',
    send: (target) =>
      post(target, { query: fresh(`query(${Array.from({ length: 10_000 }, (_, i) => `$v${i}: Int`).join(', ')}) { viewer { role } }`) }),
    status: [200, 400],
    code: 'GRAPHQL_VALIDATION_FAILED',
    verify: (res) => {
      expect(res.body!.errors!.length).toBeLessThanOrEqual(101);
    },
  },
  {
    name: 'a field name of 1,000,000 characters is refused with GRAPHQL_VALIDATION_FAILED',
    send: (target) => post(target, { query: `{ ${'x'.repeat(1_000_000)} }` }),
    status: [200, 400],
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'directive bomb (50,000 directives on one field) is refused with GRAPHQL_VALIDATION_FAILED',
    send: (target) =>
      post(target, { query: fresh(`{ viewer ${Array.from({ length: 50_000 }, () => '@include(if: true)').join(' ')} { role } }`) }),
    status: [200, 400],
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'token bomb (100,000 repeated fields) is refused with a typed error',
    send: (target) => post(target, { query: fresh(`{ viewer { role ${' __typename'.repeat(100_000)} } }`) }),
    status: [200, 400],
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'unknown field (schema probing) is refused with GRAPHQL_VALIDATION_FAILED',
    send: (target) => post(target, { query: fresh('{ apiKeys { secretHash } }') }),
    status: [200, 400],
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
];

interface Custom {
  name: string;
  run(target: Target, t: TestServer): Promise<Raw>;
}

/** Attacks answered with data, not an error: the server must stay correct and bounded. */
const CUSTOM: Custom[] = [
  {
    name: 'a 4 MB string in a variable is refused with BAD_USER_INPUT naming the path and writes nothing',
    async run(target, t) {
      const res = await post(target, {
        query: fresh(
          'mutation($n: String!) { upsertPartner(input: { key: "P-LONG", name: $n, type: "other" }) { __typename ... on UserError { code } } }',
        ),
        variables: { n: 'x'.repeat(4_000_000) },
      });
      expect(res.status).toBe(400);
      expect(res.body?.errors?.[0]?.extensions?.code, res.text.slice(0, 300)).toBe('BAD_USER_INPUT');
      expect(res.body?.errors?.[0]?.message).toContain('variables.n is 4000000 characters long');
      expect(await partnerWritten(t, 'P-LONG')).toBe(0);
      return res;
    },
  },
  {
    name: 'a 4 MB string literal as a lookup key is refused with BAD_USER_INPUT (over the key length limit)',
    async run(target) {
      const res = await post(target, { query: `{ partner(key: "${'x'.repeat(4_000_000)}") { key } }` });
      expect(res.status).toBe(400);
      expect(res.body?.errors?.[0]?.extensions?.code, res.text.slice(0, 300)).toBe('BAD_USER_INPUT');
      return res;
    },
  },
  {
    name: '100,000 undeclared variables are ignored and the query is answered',
    async run(target) {
      const res = await post(target, {
        query: '{ viewer { role } }',
        variables: Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`v${i}`, i])),
      });
      expect(res.status).toBe(200);
      expect(res.body, res.text.slice(0, 300)).toEqual({ data: { viewer: { role: 'admin' } } });
      return res;
    },
  },
  {
    name: 'text/plain POST (a CSRF-style simple request) is refused with 415 and writes nothing',
    async run(target, t) {
      const res = await send(target.url, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', authorization: `Bearer ${target.key}` },
        body: JSON.stringify({ query: upsertPartner('P-PLAIN') }),
      });
      expect(res.status).toBe(415);
      expect(await partnerWritten(t, 'P-PLAIN')).toBe(0);
      return res;
    },
  },
  {
    name: 'POST without a content type is refused with 415 and writes nothing',
    async run(target, t) {
      const res = await send(target.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${target.key}` },
        body: JSON.stringify({ query: upsertPartner('P-NOTYPE') }),
      });
      expect(res.status).toBe(415);
      expect(res.body?.errors?.[0]?.extensions?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(await partnerWritten(t, 'P-NOTYPE')).toBe(0);
      return res;
    },
  },
  {
    name: 'form-encoded POST (what a cross-site form sends) is refused with 415 and writes nothing',
    async run(target, t) {
      const res = await send(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${target.key}` },
        body: `query=${encodeURIComponent(upsertPartner('P-FORM'))}`,
      });
      expect(res.status).toBe(415);
      expect(res.body?.errors?.[0]?.extensions?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(await partnerWritten(t, 'P-FORM')).toBe(0);
      return res;
    },
  },
  {
    name: 'multipart POST with an operations field is refused with 415 and writes nothing',
    async run(target, t) {
      const form = new FormData();
      form.set('operations', JSON.stringify({ query: upsertPartner('P-MULTI') }));
      form.set('map', '{}');
      const res = await send(target.url, { method: 'POST', headers: { authorization: `Bearer ${target.key}` }, body: form });
      expect(res.status).toBe(415);
      expect(await partnerWritten(t, 'P-MULTI')).toBe(0);
      return res;
    },
  },
];

const MODES = ['test', 'production'] as const;

describe(`HTTP abuse ${backendLabel}`, () => {
  let t: TestServer;
  const targets = new Map<(typeof MODES)[number], Target>();
  beforeAll(async () => {
    t = await startTestServer({ recompute: { start: false } });
    targets.set('test', { url: t.url, key: t.keys.admin });
    const prod = await t.extraServer({ nodeEnv: 'production', recompute: { start: false } });
    targets.set('production', { url: prod.url, key: t.keys.admin });
  });
  afterAll(async () => {
    await t?.close();
  });

  const stillAnswers = async (target: Target) => {
    const res = await post(target, { query: '{ viewer { role } partners(first: 5) { totalCount } }' });
    expect(res.body, `a normal request afterwards: HTTP ${res.status} ${res.text.slice(0, 300)}`).toEqual({
      data: { viewer: { role: 'admin' }, partners: { totalCount: 2 } },
    });
  };

  for (const mode of MODES) {
    describe(`${mode} mode`, () => {
      for (const attack of ATTACKS) {
        it(attack.name, async () => {
          const target = targets.get(mode)!;
          const res = await attack.send(target, t);
          const where = `HTTP ${res.status} (${Math.round(res.ms)} ms): ${res.text.slice(0, 400)}`;
          expect([attack.status].flat(), where).toContain(res.status);
          expect(res.body, `JSON body: ${where}`).toBeDefined();
          const errors = res.body!.errors ?? [];
          expect(errors.length, where).toBeGreaterThan(0);
          expect(
            errors.filter((e) => typeof e.extensions?.code !== 'string'),
            `every error typed: ${where}`,
          ).toEqual([]);
          const codes = errors.map((e) => e.extensions!.code);
          expect(codes, where).toContain(attack.code);
          expect(codes, where).not.toContain('INTERNAL_SERVER_ERROR');
          expect(res.body!.data ?? null, `nothing executed: ${where}`).toBeNull();
          expect(leaks(res.text), 'no internals in the response').toBeNull();
          // Production shows the message and the code, never the underlying error (its name, its own message).
          if (mode === 'production')
            expect(
              errors.filter((e) => 'originalError' in (e.extensions ?? {})),
              where,
            ).toEqual([]);
          await attack.verify?.(res, t);
          await stillAnswers(target);
        });
      }
      for (const attack of CUSTOM) {
        it(attack.name, async () => {
          const target = targets.get(mode)!;
          const res = await attack.run(target, t);
          expect(res.status).toBeLessThan(500);
          expect(leaks(res.text), 'no internals in the response').toBeNull();
          await stillAnswers(target);
        });
      }
    });
  }
});
