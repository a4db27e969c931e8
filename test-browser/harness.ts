// The browser suite's harness: prepares a fresh data directory with the demo
// data and keys (prepare-data.ts), builds the web app when stale, starts the
// real server (src/server/main.ts, as `npm start` does) on a free port, and
// launches Debian's chromium headless. Screenshots go to
// .attrib-test/screenshots/ (ATTRIB_SCREENSHOT_DIR), or with
// ATTRIB_SCREENSHOTS=docs/images the README's images are written too.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SCREENSHOT_DIR = resolve(ROOT, process.env.ATTRIB_SCREENSHOT_DIR ?? '.attrib-test/screenshots');
/** Set by `npm run screenshots`: where the committed README images go. */
export const README_IMAGES = process.env.ATTRIB_SCREENSHOTS ? resolve(ROOT, process.env.ATTRIB_SCREENSHOTS) : null;

export interface Keys {
  admin: string;
  governance: string;
  analyst: string;
  integrator: string;
  partnerA: string;
  partnerB: string;
}
export interface Prepared {
  keys: Keys;
  partners: Array<{ key: string; name: string }>;
}

export interface Harness extends Prepared {
  origin: string;
  browser: Browser;
  gql<T = any>(query: string, variables?: Record<string, unknown>, key?: string): Promise<T>;
  close(): Promise<void>;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolvePromise(out) : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${err.slice(-4000)}`)),
    );
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolvePromise(port));
    });
  });
}

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', ...extra };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  return env;
}

export async function startHarness(): Promise<Harness> {
  mkdirSync(join(ROOT, '.attrib-test'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.attrib-test', 'browser-'));
  const dataDir = join(dir, 'data');
  const started = Date.now();
  await run(process.execPath, ['scripts/build-web.mjs', '--if-stale'], childEnv({}));
  const prepared = JSON.parse(
    (await run(process.execPath, ['--import', 'tsx', 'test-browser/prepare-data.ts', dataDir], childEnv({}))).trim().split('\n').pop()!,
  ) as Prepared;
  console.log(`browser tests: demo data and keys ready in ${Math.round((Date.now() - started) / 1000)} s (${dataDir})`);

  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: childEnv({ PORT: String(port), ATTRIB_DATA_DIR: dataDir }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout!.on('data', (d: Buffer) => {
    log += d.toString();
  });
  server.stderr!.on('data', (d: Buffer) => {
    log += d.toString();
  });
  await new Promise<void>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 120 s:\n${log}`)), 120_000);
    const check = () => {
      if (log.includes('web app on')) {
        clearTimeout(timer);
        resolvePromise();
      }
    };
    server.stdout!.on('data', check);
    server.stderr!.on('data', check);
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}):\n${log}`));
    });
  });
  const origin = `http://127.0.0.1:${port}`;

  const browser = await chromium.launch({
    executablePath: process.env.ATTRIB_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

  const gql = async <T>(query: string, variables: Record<string, unknown> = {}, key = prepared.keys.admin): Promise<T> => {
    const res = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown[] };
    if (body.errors?.length || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
    return body.data;
  };

  return {
    ...prepared,
    origin,
    browser,
    gql,
    async close() {
      await browser.close().catch(() => {});
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.once('exit', r));
        server.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
        if (server.exitCode === null) server.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new page (own session storage) at the laptop size the app is designed for. */
export async function newPage(h: Harness, viewport = { width: 1366, height: 900 }): Promise<Page> {
  const context = await h.browser.newContext({ viewport, locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  return page;
}

/** Signs in on the sign-in form; resolves when the navigation of the signed-in app shows. */
export async function signIn(page: Page, origin: string, key: string, path = '/app/'): Promise<void> {
  await page.goto(origin + path);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Writes a full-page screenshot to the screenshot folder (and the README image when asked); prints the path. */
export async function screenshot(page: Page, name: string, readmeName?: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
  if (README_IMAGES && readmeName) {
    mkdirSync(README_IMAGES, { recursive: true });
    const image = join(README_IMAGES, `${readmeName}.png`);
    await page.screenshot({ path: image, fullPage: false });
    console.log(`README image: ${image}`);
  }
}
