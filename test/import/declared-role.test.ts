// The optional declared_role column of touchpoints.csv: stored when given,
// empty when the file's header ends at engagement_depth, refused with the
// position and the allowed values otherwise; and through a mapping, a CRM
// label maps onto a role.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importDirectory } from '../../src/import/import-directory.js';
import { formatIssue } from '../../src/import/issues.js';
import { parseMapping } from '../../src/import/mapping/schema.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';

const EXAMPLES = join(import.meta.dirname, '../../examples/csv');
const NOW = new Date('2026-10-01T00:00:00Z');
const HEADER = 'external_id,source,opportunity,partner,action,channel,occurred_at,proof,owner,next_step,engagement_depth';
const dirs: string[] = [];
let db: TestDatabase;
let base: Record<string, string>;

async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'attrib-declared-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

const roles = async () =>
  Object.fromEntries(
    (
      await db.sql.query<{ external_id: string; declared_role: string | null }>(
        `SELECT external_id, declared_role FROM touchpoint WHERE source = 'rep_crm' ORDER BY external_id`,
      )
    ).map((r) => [r.external_id, r.declared_role]),
  );

beforeAll(async () => {
  db = await createTestDatabase();
  base = {};
  for (const f of ['partners.csv', 'accounts.csv', 'opportunities.csv']) base[f] = await readFile(join(EXAMPLES, f), 'utf8');
});
afterAll(async () => {
  await db?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const row = (id: string, rest = '') =>
  `${id},rep_crm,006A000001,northwind-solutions,joint_discovery,co_sell,2025-05-06T16:00:00Z,https://crm.example/${id},Avery Chen,,4${rest}`;

describeDatabase('touchpoints.csv declared_role', () => {
  it('stores the declared role of each touch; an empty cell is not declared', async () => {
    const dir = await dirWith({
      ...base,
      'touchpoints.csv': `${HEADER},declared_role\n${row('R-1', ',influenced')}\n${row('R-2', ',sourced')}\n${row('R-3', ',')}\n`,
    });
    const summary = await importDirectory(db, dir, { now: NOW });
    expect(summary.ok).toBe(true);
    expect(await roles()).toEqual({ 'R-1': 'influenced', 'R-2': 'sourced', 'R-3': null });
    // The example file declares roles on some touches.
    expect((await importDirectory(db, EXAMPLES, { now: NOW })).ok).toBe(true);
    const [ex] = await db.sql.query<{ declared_role: string | null }>(
      `SELECT declared_role FROM touchpoint WHERE external_id = '00T-9002'`,
    );
    expect(ex!.declared_role).toBe('assisted_close');
  });

  it('reads a header without the column as undeclared, and a change of role as an update', async () => {
    const without = await importDirectory(db, await dirWith({ ...base, 'touchpoints.csv': `${HEADER}\n${row('R-1')}\n${row('R-4')}\n` }), {
      now: NOW,
    });
    expect(without.ok).toBe(true);
    expect(without.files.find((f) => f.file === 'touchpoints.csv')).toMatchObject({ created: 1, updated: 1 });
    expect(await roles()).toMatchObject({ 'R-1': null, 'R-4': null });
  });

  it('refuses a value that is not a declared role, with its position and the allowed values', async () => {
    const content = `${HEADER},declared_role\n${row('R-5', ',Partner Sourced')}\n`;
    const summary = await importDirectory(db, await dirWith({ ...base, 'touchpoints.csv': content }), { now: NOW });
    expect(summary.ok).toBe(false);
    const file = summary.files.find((f) => f.file === 'touchpoints.csv')!;
    expect(file.status).toBe('rejected');
    const column = content.split('\n')[1]!.indexOf('Partner Sourced') + 1;
    expect(file.issues.map(formatIssue)).toEqual([
      `touchpoints.csv:2:${column}: "Partner Sourced" is not a declared partner role; use one of sourced, influenced, assisted_close, or leave it empty (not declared) — did you mean "sourced"? a CRM label such as "Partner Sourced" maps onto a role through a mapping's values (declared_role)`,
    ]);
    expect(await roles()).not.toHaveProperty('R-5');
    const typo = await importDirectory(
      db,
      await dirWith({ ...base, 'touchpoints.csv': `${HEADER},declared_role\n${row('R-5', ',Influenced')}\n` }),
      { now: NOW },
    );
    expect(typo.files.find((f) => f.file === 'touchpoints.csv')!.issues[0]!.hint).toMatch(/^did you mean "influenced"\?/);
  });

  it('a header naming another last column is still refused, pointing at it', async () => {
    const summary = await importDirectory(
      db,
      await dirWith({ ...base, 'touchpoints.csv': `${HEADER},declared_rol\n${row('R-6', ',sourced')}\n` }),
      { now: NOW },
    );
    const issue = summary.files.find((f) => f.file === 'touchpoints.csv')!.issues[0]!;
    expect(issue.message).toBe(
      'unknown header column "declared_rol" (did you mean "declared_role"?); expected "declared_role" in column 12',
    );
    expect(issue.hint).toContain('(declared_role may be left out)');
  });

  it('maps a CRM label onto a declared role', async () => {
    const mapping = parseMapping(
      JSON.stringify({
        touchpoints: {
          file: 'Activities.csv',
          columns: {
            external_id: 'Id',
            source: 'Source',
            opportunity: 'Deal',
            partner: 'Partner',
            action: 'Action',
            channel: 'Channel',
            occurred_at: 'Date',
            declared_role: 'Partner Role',
          },
          values: { declared_role: { 'Partner Sourced': 'sourced', 'Partner Influenced': 'influenced' } },
        },
      }),
      'json',
      'm.json',
    );
    const dir = await dirWith({
      ...base,
      'Activities.csv':
        'Id,Source,Deal,Partner,Action,Channel,Date,Partner Role\n' +
        'M-1,rep_crm,006A000001,northwind-solutions,referral,referral,2025-04-20T10:00:00Z,Partner Sourced\n' +
        'M-2,rep_crm,006A000001,northwind-solutions,joint_discovery,co_sell,2025-05-20T10:00:00Z,\n',
    });
    const summary = await importDirectory(db, dir, { now: NOW, mapping });
    expect(summary.files.map((f) => [f.file, f.status, f.issues.map(formatIssue)])).toContainEqual(['Activities.csv', 'imported', []]);
    expect(await roles()).toMatchObject({ 'M-1': 'sourced', 'M-2': null });
  });
});
