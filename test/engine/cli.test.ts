// The engine's CLI commands, in-process against an embedded database on disk
// (the same code path as `attrib …`, without paying for a process per call).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareDiskDatabase } from './support/disk-db.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { main } from '../../src/cli/main.js';
import { insertOpportunities } from './support/data.js';
import { testBackend, createTestDatabase, type TestDatabase } from '../support/db.js';

const dir = mkdtempSync(join(tmpdir(), 'attrib-engine-cli-'));
const dataDir = join(dir, 'data');
const rulesFile = join(dir, 'rules.attr');
let pg: TestDatabase | undefined;
const env = { ...process.env };

const RULES = (sourced: string) => `-- CLI test rules
ruleset cli_rules "CLI test"
effective from 2026-01-01

lane source grants ${sourced} hit policy first {
  rule "Referral" when action in [referral, deal_registration] {
    role sourced
    select earliest
    credit first_touch
  }
}

lane influence grants 100% hit policy priority {
  rule "Helped" priority 1 when action in [joint_discovery, security_review] {
    role influenced
    credit linear
  }
}

test "referral is sourced" {
  given opportunity { amount 1000.00 created 2026-01-01 closed 2026-03-01 }
  given touch t1 { partner acme action referral channel referral on 2026-01-05 }
  expect partner acme role sourced share ${sourced} in lane source
}
`;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
    out += `${a.join(' ')}\n`;
  });
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => {
    err += `${a.join(' ')}\n`;
  });
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string, cb?: (e?: Error) => void) => {
    out += chunk;
    cb?.();
    return true;
  }) as typeof process.stdout.write);
  const errWrite = vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: string) => {
    err += chunk;
    return true;
  }) as typeof process.stderr.write);
  try {
    const code = await main(argv);
    return { code, out, err };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
    errWrite.mockRestore();
  }
}

beforeAll(async () => {
  if (testBackend === 'postgres') {
    pg = await createTestDatabase();
    process.env.DATABASE_URL = pg.databaseUrl;
  } else {
    await prepareDiskDatabase(dataDir);
    process.env.ATTRIB_DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
  }
  process.env.ATTRIB_ACTOR = 'cli-test';
  const db = pg ? await openDatabase({ databaseUrl: pg.databaseUrl! }) : await openDatabase({ dataDir });
  await insertOpportunities(db, [
    {
      key: 'C-1',
      amount: '1000.00',
      createdAt: '2026-01-01T00:00:00Z',
      closedAt: '2026-03-01T00:00:00Z',
      touches: [
        { partner: 'acme', action: 'referral', channel: 'referral', at: '2026-01-05T00:00:00Z' },
        { partner: 'si,co', action: 'joint_discovery', at: '2026-02-01T00:00:00Z' },
      ],
    },
    { key: 'C-2', amount: '10.00', createdAt: '2026-02-01T00:00:00Z', closedAt: '2026-03-01T00:00:00Z' },
  ]);
  await db.close();
  writeFileSync(rulesFile, RULES('100%'));
}, 120_000);

afterAll(async () => {
  process.env = env;
  await pg?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`attrib run / plan / export / explain [${testBackend}]`, () => {
  it('run FILE publishes the file and attributes; run KEY reruns the published versions', async () => {
    const first = await cli('run', rulesFile, '--as-of', '2026-06-30T00:00:00Z');
    expect(first.err).toMatch(/Published .*rules.attr as version 1 of rule set "cli_rules"/);
    expect(first.out).toMatch(/rule set "cli_rules" version 1 — 2 opportunities, 4 allocations, 4 now current \(0 replaced\)/);
    expect(first.code).toBe(0);
    const again = await cli('run', 'cli_rules', '--scope', 'opportunities=C-1', '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({
      ruleSet: 'cli_rules',
      runs: [{ opportunities: 1, version: 1, replaced: 2, published: 2 }],
    });
    const reuse = await cli('run', rulesFile);
    expect(reuse.err).toMatch(/already version 1/);
  }, 60_000);

  it('export prints the exact CSV header and current rows with keys', async () => {
    const res = await cli('export', 'allocations', '--ruleset', 'cli_rules', '--format', 'csv');
    expect(res.code).toBe(0);
    const lines = res.out.trimEnd().split('\n');
    expect(lines[0]).toBe('opportunity,partner,lane,role,share,amount,rule_version,source_hash');
    expect(lines.slice(1).every((l) => /,[0-9a-f]{64}$/.test(l))).toBe(true);
    expect(lines.slice(1).map((l) => l.replace(/,[0-9a-f]{64}$/, ''))).toEqual([
      'C-1,acme,source,sourced,1.000000,1000.00,1',
      'C-1,"si,co",influence,influenced,1.000000,1000.00,1', // quoted: the key has a comma
      'C-2,,source,unattributed,0.000000,0.00,1', // lanes in model order: source, then influence
      'C-2,,influence,unattributed,0.000000,0.00,1',
    ]);
    const bad = await cli('export', 'allocations', '--ruleset', 'nope');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/no rule set "nope".*\[RULE_SET_NOT_FOUND\]/);
  }, 60_000);

  it('plan exits 0 without changes and 2 with changes, printing the diff', async () => {
    const same = await cli('plan', rulesFile, '--as-of', '2026-06-30T00:00:00Z');
    expect(same.out).toMatch(/No changes/);
    expect(same.code).toBe(0);
    const changed = join(dir, 'changed.attr');
    writeFileSync(changed, RULES('60%'));
    const diff = await cli('plan', changed, '--as-of', '2026-06-30T00:00:00Z');
    expect(diff.code).toBe(2);
    expect(diff.out).toMatch(/~ C-1/);
    expect(diff.out).toMatch(/- source acme sourced 100% 1000.00/);
    expect(diff.out).toMatch(/\+ source acme sourced 60% 600.00/);
    const broken = join(dir, 'broken.attr');
    writeFileSync(broken, 'ruleset oops\nlane source grants 100% {');
    const err = await cli('plan', broken);
    expect(err.code).toBe(1);
  }, 90_000);

  it('explain evaluates a file for one opportunity from the database', async () => {
    const res = await cli('explain', rulesFile, '--opportunity', 'C-1', '--as-of', '2026-06-30T00:00:00Z');
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/C-1/);
    expect(res.out).toMatch(/acme/);
    const missing = await cli('explain', rulesFile, '--opportunity', 'NOPE');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no opportunity with key "NOPE"/);
  }, 60_000);
});
