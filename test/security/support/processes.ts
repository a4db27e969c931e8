// Real processes for the process attacks: the server (`src/server/main.ts`)
// and the `attrib` CLI (`bin/attrib.js`) spawned as children, their stdout and
// stderr read line by line, and SIGKILL (kill -9) sent at a chosen line.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { repoRoot } from '../../../bench/lib/optional.js';
import type { FaultDatabase } from '../../fault/support/db.js';

export interface WatchedProcess {
  child: ChildProcess;
  /** Every line written so far, stdout and stderr interleaved, each prefixed "out: " or "err: ". */
  lines: string[];
  /** Resolves with the first line (without prefix) matching `test`, or rejects on exit/timeout. */
  waitForLine(test: (line: string) => boolean, timeoutMs: number): Promise<string>;
  /** kill -9; resolves once the process is gone. */
  kill9(): Promise<void>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Environment that points a child at the test database (PGlite data dir or PostgreSQL URL). */
export function databaseEnv(location: FaultDatabase['location']): Record<string, string> {
  if ('databaseUrl' in location) return { DATABASE_URL: location.databaseUrl };
  if ('dataDir' in location) return { ATTRIB_DATA_DIR: location.dataDir };
  throw new Error('a child process needs a persisted database (openFaultDatabase({ persisted: true }))');
}

export function spawnWatched(args: string[], env: Record<string, string>): WatchedProcess {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Not a terminal and CI=true: progress bars print plain lines.
    env: { ...process.env, CI: 'true', DATABASE_URL: '', ...env },
  });
  const lines: string[] = [];
  const waiters = new Set<{ test: (l: string) => boolean; resolve: (l: string) => void }>();
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const feed = (prefix: string) => {
    let buffer = '';
    return (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        lines.push(`${prefix}: ${line}`);
        for (const w of [...waiters])
          if (w.test(line)) {
            waiters.delete(w);
            w.resolve(line);
          }
      }
    };
  };
  child.stdout!.setEncoding('utf8').on('data', feed('out'));
  child.stderr!.setEncoding('utf8').on('data', feed('err'));
  return {
    child,
    lines,
    exited,
    waitForLine(test, timeoutMs) {
      const seen = lines.map((l) => l.slice(5)).find(test);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise<string>((resolve, reject) => {
        const waiter = {
          test,
          resolve: (l: string) => {
            clearTimeout(timer);
            resolve(l);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching line within ${timeoutMs} ms; output:\n${lines.slice(-20).join('\n')}`));
        }, timeoutMs);
        waiters.add(waiter);
        void exited.then((code) => {
          if (!waiters.has(waiter)) return;
          waiters.delete(waiter);
          clearTimeout(timer);
          reject(new Error(`process exited (${code}) before a matching line; output:\n${lines.slice(-20).join('\n')}`));
        });
      });
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** `node bin/attrib.js ARGS…` against the database at `location`. */
export function spawnCli(args: string[], location: FaultDatabase['location']): WatchedProcess {
  return spawnWatched([path.join(repoRoot, 'bin/attrib.js'), ...args], databaseEnv(location));
}

/** The production server (`npm start`'s entry point) on a free port. */
export async function spawnServer(location: FaultDatabase['location']): Promise<WatchedProcess & { url: string }> {
  const port = await freePort();
  const proc = spawnWatched(['--import', 'tsx', path.join(repoRoot, 'src/server/main.ts')], {
    ...databaseEnv(location),
    NODE_ENV: 'production',
    PORT: String(port),
  });
  const line = await proc.waitForLine((l) => /GraphQL API on http/.test(l), 120_000);
  const url = /GraphQL API on (http\S+)/.exec(line)![1]!.replace('//localhost:', '//127.0.0.1:');
  return { ...proc, url };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
