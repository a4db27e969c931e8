import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDatabase } from '../support/db.js';
import { cliTarget, type CliTarget } from '../import/cli-run.js';

// Each step starts a fresh Node process (tsx transform, database open and migrate): slow on a busy CI machine.
const SLOW = 180_000;

describeDatabase('attrib seed (CLI)', () => {
  let cli: CliTarget;
  beforeAll(async () => {
    cli = await cliTarget();
  });
  afterAll(async () => {
    await cli?.close();
  });

  it(
    'seeds a scaled dataset, refuses to seed again, and replaces it with --reset',
    async () => {
      const first = await cli.run(['seed', '--opportunities', '120', '--touchpoints-per-opportunity', '3', '--seed', '5']);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/120 opportunities/);
      expect(first.stdout).toMatch(/rows\/s/);
      expect(first.stderr).toMatch(/seed: 100%/);

      const again = await cli.run(['seed', '--opportunities', '120']);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already holds data .*opportunity: 120.*--reset/);

      const reset = await cli.run(['seed', '--opportunities', '80', '--reset', '--json']);
      expect(reset.code).toBe(0);
      expect(JSON.parse(reset.stdout)).toMatchObject({ counts: { opportunities: 80 } });
    },
    SLOW,
  );

  it(
    'rejects bad option values with the expected range',
    async () => {
      const result = await cli.run(['seed', '--opportunities', '1e6']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--opportunities must be a whole number between 1 and 10000000, got "1e6"/);
    },
    SLOW,
  );
});
