// The attrib check / fmt / test commands, run as real child processes.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ROOT } from './support/files.js';

const run = promisify(execFile);
vi.setConfig({ testTimeout: 120_000 });

async function attrib(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'attrib-dsl-'));
  copyFileSync(join(ROOT, 'dsl/models/linear.attr'), join(dir, 'linear.attr'));
  writeFileSync(
    join(dir, 'broken.attr'),
    'ruleset broken "Broken"\nlane influence grants 150% {\n  rule "R" when action is joint_discovry { role influenced credit linear }\n}\n',
  );
  for (const name of ['messy.attr', 'messy2.attr']) {
    writeFileSync(
      join(dir, name),
      'ruleset messy "M"   owner "o@example.com"\nlane influence grants 100% { rule "All" { role influenced credit linear } } -- keep me\n',
    );
  }
  writeFileSync(
    join(dir, 'failing.attr'),
    readFileSync(join(ROOT, 'dsl/models/linear.attr'), 'utf8').replace('amount 33.34 in lane', 'amount 33.35 in lane'),
  );
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// Each child process costs a second or more, so each invocation checks as
// much as it can. They run one after another: on a busy 2-core machine
// concurrent node processes only slow each other down.
describe('attrib check', () => {
  it('exits 0 for the standard library', async () => {
    const r = await attrib('check', 'dsl');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dsl/two_lane.attr: ok');
  });

  it('exits 1 with line:col diagnostics, a caret and a hint', async () => {
    const r = await attrib('check', join(dir, 'broken.attr'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('broken.attr:2:23: error[lane-over-100]');
    expect(r.stdout).toContain('broken.attr:3:27: error[unknown-value]: `joint_discovry` is not an action type');
    expect(r.stdout).toContain('did you mean `joint_discovery`?');
    expect(r.stdout).toMatch(/\n3 \| {3}rule "R" when action is joint_discovry.*\n {2}\| {27}\^{14}\n/);
  });

  it('prints JSON with --json', async () => {
    const r = await attrib('check', '--json', join(dir, 'broken.attr'), join(dir, 'linear.attr'));
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      ok: boolean;
      files: Array<{ ok: boolean; diagnostics: Array<{ code: string; severity: string; range: { start: { line: number } } }> }>;
    };
    expect(out.ok).toBe(false);
    expect(out.files.map((f) => f.ok)).toEqual([false, true]);
    expect(out.files[0]!.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.range.start.line])).toEqual([
      ['lane-over-100', 2],
      ['unknown-value', 3],
    ]);
  });

  it('exits 2 on usage errors', async () => {
    const r = await attrib('check', join(dir, 'nope.attr'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no such file');
  });
});

describe('attrib fmt', () => {
  it('--check exits 1 and names the file that would change, without touching it', async () => {
    const before = readFileSync(join(dir, 'messy.attr'), 'utf8');
    const r = await attrib('fmt', '--check', join(dir, 'messy.attr'), join(dir, 'linear.attr'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('messy.attr: would be reformatted');
    expect(r.stdout).not.toContain('linear.attr: would be reformatted');
    expect(readFileSync(join(dir, 'messy.attr'), 'utf8')).toBe(before);
  });

  it('rewrites files and keeps comments, but never touches a file with syntax errors', async () => {
    writeFileSync(join(dir, 'syntax.attr'), 'ruleset s "S"\nlane influence grants { }\n');
    const r = await attrib('fmt', join(dir, 'messy2.attr'), join(dir, 'syntax.attr'));
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, 'messy2.attr'), 'utf8')).toBe(
      'ruleset messy "M"\nowner "o@example.com"\n\nlane influence grants 100% {\n  rule "All" {\n    role influenced\n    credit linear\n  }\n}  -- keep me\n',
    );
    expect(r.stdout).toContain('syntax.attr:2:23: error[syntax-expected]');
    expect(readFileSync(join(dir, 'syntax.attr'), 'utf8')).toBe('ruleset s "S"\nlane influence grants { }\n');
  });
});

describe('attrib test', () => {
  it('exits 0 when every in-file test passes', async () => {
    const r = await attrib('test', join(dir, 'linear.attr'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('3 passed, 0 failed');
  });

  it('exits 1 and explains failing expectations and files that do not compile', async () => {
    const r = await attrib('test', join(dir, 'failing.attr'), join(dir, 'broken.attr'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL');
    expect(r.stdout).toContain('expected acme to get 33.35 in lane influence, but it gets 33.34');
    expect(r.stdout).toContain('broken.attr: does not compile');
    expect(r.stdout).toContain('2 passed, 1 failed, 1 file(s) did not compile');
  });

  it('prints JSON with --json', async () => {
    const j = await attrib('test', '--json', join(dir, 'failing.attr'));
    expect(j.code).toBe(1);
    const out = JSON.parse(j.stdout) as { ok: boolean; files: Array<{ tests: Array<{ passed: boolean; failures: string[] }> }> };
    expect(out.ok).toBe(false);
    expect(out.files[0]!.tests.filter((t) => !t.passed).map((t) => t.failures.length)).toEqual([1]);
  });
});
