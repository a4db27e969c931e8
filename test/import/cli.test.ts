import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDatabase } from '../support/db.js';
import { cliTarget, type CliTarget } from './cli-run.js';

const EXAMPLES = join(import.meta.dirname, '../../examples/csv');
// Each step starts a fresh Node process (tsx transform, database open and migrate): slow on a busy CI machine.
const SLOW = 180_000;

describeDatabase('attrib import (CLI)', () => {
  let cli: CliTarget;
  beforeAll(async () => {
    cli = await cliTarget();
  });
  afterAll(async () => {
    await cli?.close();
  });

  it(
    'exits 0 and prints per-file counts for good files',
    async () => {
      const result = await cli.run(['import', EXAMPLES]);
      expect(result.stderr).not.toMatch(/Error|at .*\.ts/);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/partners\.csv\s+imported\s+8\s+8\s+0\s+0\s+0/);
      expect(result.stdout).toMatch(/touchpoints\.csv\s+imported\s+14\s+14\s+0\s+0\s+0/);
    },
    SLOW,
  );

  it(
    'exits 1, lists file:line:column problems and writes nothing for bad files; --json gives the structure',
    async () => {
      const result = await cli.run(['import', join(EXAMPLES, 'bad')]);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(
        /^partners\.csv:3:\d+: "System Integrator" is not a partner type — did you mean system_integrator\? add it with `attrib taxonomy add partner-type system_integrator`/m,
      );
      expect(result.stdout).toMatch(/^accounts\.csv:1:\d+: unknown header column "domian"/m);
      expect(result.stdout).toMatch(/nothing of those files was written/);

      const json = await cli.run(['import', EXAMPLES, '--json']);
      expect(json.code).toBe(0);
      const summary = JSON.parse(json.stdout) as { ok: boolean; files: { file: string; unchanged: number; created: number }[] };
      expect(summary.ok).toBe(true);
      // The bad run wrote nothing, and the good files were already there: all unchanged.
      expect(summary.files.map((f) => [f.file, f.created, f.unchanged])).toEqual([
        ['partners.csv', 0, 8],
        ['accounts.csv', 0, 6],
        ['opportunities.csv', 0, 8],
        ['touchpoints.csv', 0, 14],
      ]);
    },
    SLOW,
  );
});
