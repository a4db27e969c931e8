// The scorecard, hygiene and disputes commands: option parsing through the
// real `attrib` entry point (errors surface before any database is opened),
// then each command's runner on a real test database with stdout captured.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { runDisputes } from '../../src/cli/commands/disputes.js';
import { parseHygieneArgs, runHygiene } from '../../src/cli/commands/hygiene.js';
import { parseScorecardArgs, runScorecard } from '../../src/cli/commands/scorecard.js';
import { main } from '../../src/cli/main.js';
import { SCORECARD_CSV_HEADER } from '../../src/reports/csv.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';
import { buildScorecardFixture, type ScorecardFixture } from './fixture.js';

let db: TestDatabase;
let fx: ScorecardFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await buildScorecardFixture(db.prisma);
});
afterAll(async () => {
  await db?.close();
});

async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
    out.push(`${a.join(' ')}\n`);
  });
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => {
    err.push(`${a.join(' ')}\n`);
  });
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  try {
    const code = await fn();
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
  }
}

const attrib = (...args: string[]) => capture(() => main(args));
const scorecard = (...args: string[]) => capture(() => runScorecard(db, parseScorecardArgs(args)));

describeDatabase('attrib scorecard / hygiene / disputes', () => {
  it('rejects bad options with a message and exit code 2, before opening a database', async () => {
    const bad = await attrib('scorecard', '--ruleset', 'default', '--by', 'region');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--by must be one of partner, partner_type, channel, period');
    expect((await attrib('scorecard', '--by', 'partner')).err).toContain('--ruleset KEY is required');
    expect((await attrib('scorecard', '--ruleset', 'x', '--from', '2026-13-01')).err).toContain('--from "2026-13-01" is not a date');
    expect((await attrib('hygiene', '--as-of', '18/03/2026')).err).toContain('--as-of "18/03/2026" is not a date');
    expect((await attrib('hygiene', '--limit', 'many')).err).toContain('--limit must be a whole number');
    expect((await attrib('disputes', 'approve')).err).toContain('unknown sub-command "approve"');
    const help = await attrib('scorecard', '--help');
    expect(help.out).toContain('--format F           table (default), csv');
  });

  it('defaults to the last four periods up to today', () => {
    const o = parseScorecardArgs(['--ruleset', 'default'], new Date('2026-05-10T00:00:00Z'));
    expect([o.from.toISOString().slice(0, 10), o.groupBy, o.period, o.format]).toEqual(['2025-07-01', 'partner', 'quarter', 'table']);
  });

  it('exports the scorecard as CSV with the stable header', async () => {
    const r = await scorecard('--ruleset', 'default', '--by', 'period', '--from', '2026-01-01', '--to', '2026-06-30', '--format', 'csv');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\r\n');
    expect(lines[0]).toBe(SCORECARD_CSV_HEADER.join(','));
    expect(lines).toHaveLength(3);
    const q1 = Object.fromEntries(lines[1]!.split(',').map((v, i) => [SCORECARD_CSV_HEADER[i], v]));
    expect(q1).toMatchObject({
      group_by: 'period',
      period: '2026-Q1',
      sourced_revenue: '100000.00',
      influenced_revenue: '100000.00',
      involved_revenue: '150000.00',
      win_rate_involved: '0.6667',
      coverage: '0.7500',
      rule_versions: 'v1',
    });
  });

  it('prints a table and JSON; unknown rule sets exit 1 with the error code', async () => {
    const table = await scorecard('--ruleset', 'default', '--from', '2026-01-01', '--to', '2026-03-31');
    expect(table.out).toContain('Acme SI');
    expect(table.out).toContain('Rule versions: v1');
    const json = await scorecard(
      '--ruleset',
      'default',
      '--by',
      'channel',
      '--period',
      'month',
      '--from',
      '2026-02-01',
      '--to',
      '2026-02-28',
      '--format',
      'json',
    );
    expect(JSON.parse(json.out).periods).toEqual([{ key: '2026-02', start: '2026-02-01', end: '2026-03-01' }]);
    await expect(scorecard('--ruleset', 'nope')).rejects.toMatchObject({
      exitCode: 1,
      message: expect.stringContaining('RULE_SET_NOT_FOUND'),
    });
  });

  it('compares the published results with a preview run', async () => {
    const r = await scorecard('--ruleset', 'default', '--from', '2026-01-01', '--to', '2026-03-31', '--compare-run', fx.runPreview);
    expect(r.out).toContain(`current results (v1) vs run ${fx.runPreview} (draft:${fx.v2})`);
    expect(r.out).toMatch(/Acme SI\s+2026-Q1\s+100000\.00 → 0\.00/);
    expect(r.out).toMatch(/Beta Referrals\s+2026-Q1\s+0\.00 → 100000\.00\s+80000\.00 → 0\.00/);
    expect((await attrib('scorecard', '--ruleset', 'default', '--compare-run', 'x', '--format', 'csv')).err).toContain(
      'a comparison prints as a table or JSON',
    );
  });

  it('runs the hygiene review as of a date', async () => {
    const r = await capture(() => runHygiene(db, parseHygieneArgs(['--as-of', '2026-03-18', '--format', 'json'])));
    const report = JSON.parse(r.out);
    expect(report.week.key).toBe('2026-W12');
    expect(report.checks).toHaveLength(11);
    // The fixture's O7 credit is held as disputed.
    expect(report.checks.find((c: { key: string }) => c.key === 'disputed_allocation').count).toBe(1);
    const table = await capture(() => runHygiene(db, parseHygieneArgs(['--as-of', '2026-03-18'])));
    expect(table.out).toContain('Allocations held as disputed (1)');
  });

  it('raises, lists, resolves disputes and reads the audit trail', async () => {
    const run = (...args: string[]) => capture(() => runDisputes(db, args[0]!, args.slice(1)));
    const raised = await run(
      'raise',
      '--opportunity',
      'O6',
      '--partner',
      'beta',
      '--by',
      'pm@beta',
      '--reason',
      'We brought the buyer',
      '--lane',
      'source',
      '--role',
      'sourced',
      '--share',
      '1',
    );
    const id = /Raised dispute ([0-9a-f-]{36})/.exec(raised.out)![1]!;
    const list = await run('list', '--status', 'open', '--format', 'json');
    expect(JSON.parse(list.out).disputes.map((d: { id: string }) => d.id)).toEqual([id]);
    await expect(runDisputes(db, 'resolve', [id, '--by', 'pm@beta', '--approve', '--resolution', 'ok'])).rejects.toMatchObject({
      exitCode: 1,
      message: expect.stringContaining('SELF_RESOLUTION_FORBIDDEN'),
    });
    await expect(runDisputes(db, 'resolve', [id, '--by', 'x', '--approve', '--reject', '--resolution', 'ok'])).rejects.toThrow(
      /exactly one of --approve or --reject/,
    );
    const resolved = await run('resolve', id, '--by', 'finance@corp', '--approve', '--resolution', 'Registration confirmed');
    expect(resolved.code).toBe(0);
    expect(resolved.out).toContain(`Dispute ${id} approved.`);
    expect(resolved.out).toMatch(/Override [0-9a-f-]{36}: beta sourced 1\.000000 of the source lane\./);
    const audit = await run('audit', '--action', 'dispute.', '--format', 'json');
    expect(JSON.parse(audit.out).events.map((e: { action: string }) => e.action)).toEqual(['dispute.resolve', 'dispute.raise']);
    await expect(
      runDisputes(db, 'raise', [
        '--opportunity',
        'O6',
        '--by',
        'x',
        '--reason',
        'y',
        '--lane',
        'source',
        '--role',
        'sourced',
        '--share',
        '2',
      ]),
    ).rejects.toThrow(/INVALID_SHARE/);
  });
});
