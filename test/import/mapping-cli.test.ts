import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDatabase } from '../support/db.js';
import { cliTarget, type CliTarget } from './cli-run.js';

const ROOT = join(import.meta.dirname, '../..');
const HUBSPOT = join(ROOT, 'examples/csv/hubspot');
const MAPPING = join(ROOT, 'examples/mappings/hubspot.yaml');
// Each step starts a fresh Node process (tsx transform, database open and migrate): slow on a busy CI machine.
const SLOW = 180_000;

describeDatabase('attrib import --mapping (CLI)', () => {
  let cli: CliTarget;
  let dir: string;
  beforeAll(async () => {
    cli = await cliTarget();
    dir = await mkdtemp(join(tmpdir(), 'attrib-mapping-cli-'));
  });
  afterAll(async () => {
    await cli?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(
    'validates with --dry-run (writes nothing), imports, and refuses an invalid mapping before reading any file',
    async () => {
      const dry = await cli.run(['import', HUBSPOT, '--mapping', MAPPING, '--dry-run']);
      expect(dry.stderr).not.toMatch(/Error|at .*\.ts/);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/deals\.csv\s+ok \(dry run\)\s+5\s+5\s+0\s+0\s+0/);
      expect(dry.stdout).toMatch(/Dry run: the files are valid; nothing was written/);

      const real = await cli.run(['import', HUBSPOT, '--mapping', MAPPING, '--json']);
      expect(real.code).toBe(0);
      const summary = JSON.parse(real.stdout) as { files: { file: string; created: number }[] };
      // The dry run wrote nothing: everything is created now.
      expect(summary.files.map((f) => [f.file, f.created])).toEqual([
        ['partner-companies.csv', 4],
        ['companies.csv', 3],
        ['deals.csv', 5],
        ['partner-touches.csv', 5],
      ]);

      await writeFile(
        join(dir, 'bad.json'),
        JSON.stringify(
          { opportunities: { file: 'deals.csv', columns: { key: 'Record ID' } }, dates: { timezone: 'Europe/Berln' } },
          null,
          2,
        ),
      );
      const bad = await cli.run(['import', HUBSPOT, '--mapping', join(dir, 'bad.json')]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/the mapping cannot be used; nothing was imported/);
      expect(bad.stderr).toMatch(
        /bad\.json:\d+:\d+: dates\.timezone: "Europe\/Berln" is not an IANA time zone \(did you mean "Europe\/Berlin"\?\)/,
      );
      expect(bad.stderr).toMatch(/opportunities\.columns: the required column "account" is not mapped/);
    },
    SLOW,
  );
});
