// Runs the real `attrib` CLI in a child process against a throw-away database:
// a PGlite data directory, or the test PostgreSQL database when TEST_DATABASE_URL is set.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, testBackend, type TestDatabase } from '../support/db.js';

const ROOT = join(import.meta.dirname, '../..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliTarget {
  run(args: string[]): Promise<CliResult>;
  close(): Promise<void>;
}

export async function cliTarget(): Promise<CliTarget> {
  let db: TestDatabase | undefined;
  let dataDir: string | undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true' };
  delete env.DATABASE_URL;
  if (testBackend === 'postgres') {
    db = await createTestDatabase();
    env.DATABASE_URL = db.databaseUrl;
  } else {
    dataDir = await mkdtemp(join(tmpdir(), 'attrib-cli-'));
    env.ATTRIB_DATA_DIR = dataDir;
  }
  return {
    run: (args) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, env });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
        });
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
        });
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      }),
    async close() {
      // Close the test database first so its pool ends before DROP DATABASE.
      await db?.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
