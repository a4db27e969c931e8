// `attrib keys` end to end: the key is printed once (stdout, nothing else
// there), stored hashed, listed by prefix, revoked; bad input is a clear error.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { authenticateApiKey } from '../../src/auth/store.js';
import { parseApiKey } from '../../src/auth/keys.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'attrib-keys-'));

function attrib(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, ATTRIB_DATA_DIR: dataDir, NODE_ENV: 'test' };
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'keys', ...args], { cwd: ROOT, env, encoding: 'utf8' });
}

describe('attrib keys (embedded database)', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates, lists and revokes a key; refuses bad roles and partner keys without a partner', async () => {
    const created = attrib('create', '--role', 'analyst', '--name', 'BI dashboards');
    expect(created.status, created.stderr).toBe(0);
    const key = created.stdout.trim();
    expect(parseApiKey(key)).not.toBeNull();
    expect(created.stderr).toContain('shown only once');

    const listed = attrib('list');
    expect(listed.status, listed.stderr).toBe(0);
    const prefix = parseApiKey(key)!.prefix;
    expect(listed.stdout).toContain(prefix);
    expect(listed.stdout).toContain('BI dashboards');
    expect(listed.stdout).not.toContain(key);

    const badRole = attrib('create', '--role', 'superuser');
    expect(badRole.status).toBe(2);
    expect(badRole.stderr).toContain('unknown role "superuser"');
    const noPartner = attrib('create', '--role', 'partner');
    expect(noPartner.status).toBe(2);
    expect(noPartner.stderr).toContain('--partner');

    const revoked = attrib('revoke', prefix);
    expect(revoked.status, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain(`revoked key ${prefix}`);
    const db = await openDatabase({ dataDir });
    try {
      expect(await authenticateApiKey(db.prisma, key)).toBeNull();
      const rows = await db.sql.query<{ secret_hash: string; revoked: boolean }>('SELECT secret_hash, revoked_at IS NOT NULL AS revoked FROM api_key WHERE prefix = $1', [prefix]);
      expect(rows).toEqual([{ secret_hash: expect.stringMatching(/^[0-9a-f]{64}$/), revoked: true }]);
    } finally {
      await db.close();
    }
  });
});
