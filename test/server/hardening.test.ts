// Hardening over HTTP: the GraphQL-over-HTTP audits of graphql-http, depth
// and cost limits, the request body limit, masked errors in production, and
// the committed schema.graphql being current.
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, createTestDatabase } from '../support/db.js';
import { createServer } from '../../src/server/app.js';
import { createApiKey } from '../../src/auth/store.js';
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
import { startTestServer, type TestServer } from './harness.js';

describe(`hardening ${backendLabel}`, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('passes every MUST-level GraphQL-over-HTTP audit of graphql-http', async () => {
    const results: string[] = [];
    for (const audit of serverAudits({ url: t.url, fetchFn: fetch })) {
      if (!audit.name.startsWith('MUST')) continue;
      const result = await audit.fn();
      if (result.status !== 'ok') results.push(`${audit.name}: ${result.reason}`);
    }
    expect(results).toEqual([]);
  });

  it('refuses queries deeper than the depth limit with a typed error', async () => {
    let inner = 'name';
    for (let i = 0; i < 4; i++) inner = `opportunities { nodes { key account { ${inner} } } }`;
    const deep = `{ partners { nodes { touchpoints { nodes { opportunity { account { ${inner} } } } } } } }`;
    const res = await t.gql(deep, {}, t.keys.analyst);
    expect(res.data ?? null).toBeNull();
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', kind: 'Depth' });
    expect(res.errors![0]!.message).toMatch(/depth \d+ exceeds the limit of 12/);
  });

  it('refuses text with a NUL character as typed bad input, in variables and in the query, and writes nothing', async () => {
    const mutation = 'mutation($i: CreateRuleSetInput!) { createRuleSet(input: $i) { __typename } }';
    const viaVariables = await t.gql(mutation, { i: { key: 'nul_probe', name: 'bad\u0000name' } }, t.keys.admin);
    expect(viaVariables.data ?? null).toBeNull();
    expect(viaVariables.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(viaVariables.errors![0]!.message).toMatch(/variables\.i\.name contains the NUL character/);
    const inline = await t.gql(
      'mutation { createRuleSet(input: { key: "nul_probe", name: "bad\\u0000name" }) { __typename } }',
      {},
      t.keys.admin,
    );
    expect(inline.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const ruleSets = await t.gql('{ ruleSet(key: "nul_probe") { key } }', {}, t.keys.admin);
    expect(ruleSets.data).toEqual({ ruleSet: null });
  });

  it('refuses queries whose page sizes make them too costly', async () => {
    const costly = `{ partners(first: 500) { nodes { touchpoints(first: 500) { nodes { externalId proof } } } } }`;
    const res = await t.gql(costly, {}, t.keys.analyst);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', kind: 'Complexity' });
    const fine = await t.gql(`{ partners(first: 20) { nodes { touchpoints(first: 20) { nodes { externalId } } } } }`, {}, t.keys.analyst);
    expect(fine.errors).toBeUndefined();
  });

  it('closes gracefully: a request in flight when close() starts is still answered, then close() completes', async () => {
    const extra = await createServer(t.db, { nodeEnv: 'test', port: 0 }, { recompute: { start: false } });
    const body = JSON.stringify({ query: '{ partners(first: 5) { totalCount nodes { key } } }' });
    const url = new URL(extra.url);
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${t.keys.analyst}`,
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      // Half the body now, the rest after close() has started.
      req.write(body.slice(0, 10));
      setTimeout(() => {
        closing = extra.close();
        setTimeout(() => req.end(body.slice(10)), 100);
      }, 100);
    });
    let closing: Promise<void> | undefined;
    const res = await answer;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ data: { partners: { totalCount: 2, nodes: [{ key: 'P-ACME' }, { key: 'P-GLOBEX' }] } } });
    await closing;
  });

  it('answers 413 with a clear message when the body is over the limit', async () => {
    const small = await t.extraServer({ maxBodyBytes: 2048 });
    const res = await fetch(small.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.keys.integrator}` },
      body: JSON.stringify({ query: '{ viewer { role } }', variables: { pad: 'x'.repeat(4096) } }),
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.errors[0]!.message).toContain('batches of at most 5,000');
    expect((await small.gql('{ viewer { role } }', {}, t.keys.integrator)).data!.viewer.role).toBe('integrator');
  });

  it('masks unexpected errors in production (no stack, no internals) but keeps typed errors', async () => {
    const prod = await t.extraServer({ nodeEnv: 'production' });
    const typed = await prod.gql(
      'mutation { deleteTouchpoint(input: { id: "bm9wZQ==" }) { __typename ... on UserError { code message } } }',
      {},
      t.keys.integrator,
    );
    expect(typed.data!.deleteTouchpoint.code).toBe('VALIDATION_FAILED');
    const denied = await prod.gql('{ auditEvents { totalCount } }', {}, t.keys.integrator);
    expect(denied.errors![0]!.extensions!.code).toBe('FORBIDDEN');

    // An unexpected failure: the database behind a production server goes away.
    const lost = await createTestDatabase();
    const { key } = await createApiKey(lost.prisma, { role: 'analyst', actor: 'test' });
    const server = await createServer(lost, { nodeEnv: 'production', port: 0 });
    try {
      await lost.close();
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: '{"query":"{ partners { totalCount } }"}',
      });
      const text = await res.text();
      expect(text).toContain('Unexpected error.');
      expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
      expect(text).not.toContain('stack');
      expect(text).not.toContain('originalError');
    } finally {
      await server.close();
    }
  });

  it('keeps schema.graphql in step with the code (npm run schema:check)', () => {
    // Run exactly what CI runs, in its own process.
    const check = spawnSync(process.execPath, ['--import', 'tsx', 'src/graphql/print-schema.ts', '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(check.status, `${check.stdout}${check.stderr}`).toBe(0);
    expect(check.stdout).toContain('schema.graphql is up to date');
  });
});
