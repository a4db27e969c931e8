// `attrib keys` (the command module, run in-process against an embedded
// database): the key is printed once on stdout, stored hashed, listed by
// prefix, revoked; bad input is a clear error before any database work.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import keys from '../../src/cli/commands/keys.js';
import { CliError } from '../../src/cli/command.js';
import { openDatabase } from '../../src/db/client.js';
import { authenticateApiKey } from '../../src/auth/store.js';
import { parseApiKey } from '../../src/auth/keys.js';

const dataDir = mkdtempSync(join(tmpdir(), 'attrib-keys-'));
const saved = { dir: process.env.ATTRIB_DATA_DIR, url: process.env.DATABASE_URL };

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
    out.push(a.join(' '));
  });
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => {
    err.push(a.join(' '));
  });
  try {
    const code = await keys.run(argv);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('attrib keys (embedded database)', () => {
  beforeAll(() => {
    process.env.ATTRIB_DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
  });
  afterAll(() => {
    if (saved.dir === undefined) delete process.env.ATTRIB_DATA_DIR;
    else process.env.ATTRIB_DATA_DIR = saved.dir;
    if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a bad role or a partner key without --partner, before touching the database', async () => {
    await expect(run('create', '--role', 'superuser')).rejects.toThrow(/unknown role "superuser"/);
    await expect(run('create', '--role', 'partner')).rejects.toThrow(/--partner/);
    await expect(run('rotate')).rejects.toBeInstanceOf(CliError);
  });

  it('creates (printed once), lists and revokes a key', async () => {
    const created = await run('create', '--role', 'analyst', '--name', 'BI dashboards');
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(parseApiKey(key)).not.toBeNull();
    expect(created.stderr).toContain('shown only once');
    const prefix = parseApiKey(key)!.prefix;

    const listed = await run('list');
    expect(listed.stdout).toContain(prefix);
    expect(listed.stdout).toContain('BI dashboards');
    expect(listed.stdout).not.toContain(key);

    const revoked = await run('revoke', prefix);
    expect(revoked.stdout).toContain(`revoked key ${prefix}`);
    const db = await openDatabase({ dataDir });
    try {
      expect(await authenticateApiKey(db.prisma, key)).toBeNull();
      const rows = await db.sql.query<{ secret_hash: string; revoked: boolean }>(
        'SELECT secret_hash, revoked_at IS NOT NULL AS revoked FROM api_key WHERE prefix = $1',
        [prefix],
      );
      expect(rows).toEqual([{ secret_hash: expect.stringMatching(/^[0-9a-f]{64}$/), revoked: true }]);
    } finally {
      await db.close();
    }
  });
});
