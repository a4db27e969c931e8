// /app serves the built web app: files with their content types, hashed
// assets cached for a year, index.html for the app's routes (SPA fallback),
// no way out of the build folder, and a clear 404 when nothing is built.
// Uses a build folder written by the test, so no browser and no build needed.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RunningServer } from '../../src/server/app.js';
import { backendLabel, createTestDatabase, type TestDatabase } from '../support/db.js';

let db: TestDatabase;
let server: RunningServer;
let empty: RunningServer;
let dir: string;
let origin: string;
let emptyOrigin: string;

const INDEX =
  '<!doctype html><html><head><script type="module" src="/app/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'attrib-webapp-'));
  const dist = join(dir, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("app");');
  writeFileSync(join(dist, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(dir, 'secret.txt'), 'outside the build');
  db = await createTestDatabase();
  server = await createServer(db, { nodeEnv: 'test', port: 0 }, { webApp: dist, recompute: { start: false } });
  empty = await createServer(db, { nodeEnv: 'test', port: 0 }, { webApp: join(dir, 'missing'), recompute: { start: false } });
  origin = server.url.replace(/\/graphql$/, '');
  emptyOrigin = empty.url.replace(/\/graphql$/, '');
});

afterAll(async () => {
  await server?.close();
  await empty?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`the web app at /app (${backendLabel})`, () => {
  it('serves index.html at /app and /app/ with no-cache and a content security policy', async () => {
    for (const path of ['/app', '/app/']) {
      const res = await fetch(origin + path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toBe(INDEX);
    }
  });

  it('answers index.html for the app routes (SPA fallback), with or without a query string', async () => {
    for (const path of ['/app/dashboard', '/app/dashboard/partner/P-001?from=2026-01-01', '/app/portal/credit/abc', '/app/workbench']) {
      const res = await fetch(origin + path);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toBe(INDEX);
    }
  });

  it('serves hashed assets with their content type, immutable for a year', async () => {
    const js = await fetch(`${origin}/app/assets/index-abc123.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe('console.log("app");');
    const css = await fetch(`${origin}/app/assets/index-abc123.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers 404 for a missing asset instead of index.html', async () => {
    const res = await fetch(`${origin}/app/assets/index-old999.js`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('<html');
  });

  it('never serves a file outside the build folder', async () => {
    for (const path of ['/app/../secret.txt', '/app/%2e%2e/secret.txt', '/app/..%2fsecret.txt', '/app/assets/%2e%2e/%2e%2e/secret.txt']) {
      const res = await fetch(origin + path);
      const text = await res.text();
      expect(text, path).not.toContain('outside the build');
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    const res = await fetch(`${origin}/app/`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
    const head = await fetch(`${origin}/app/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(INDEX)));
  });

  it('keeps GraphQL at /graphql', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('says how to build the app when there is no build', async () => {
    const res = await fetch(`${emptyOrigin}/app/dashboard`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('npm run build:web');
  });
});
