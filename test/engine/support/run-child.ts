// Child process for the killed-run test: starts a run and, after the first
// batch is written, announces PARTIAL on stdout and hangs until killed.
import { openDatabase } from '../../../src/db/client.js';
import { startRun } from '../../../src/engine/run.js';
import { testLanguage } from './test-language.js';

const { databaseUrl, dataDir, ruleVersionId } = JSON.parse(process.argv[2]!) as {
  databaseUrl?: string;
  dataDir?: string;
  ruleVersionId: string;
};
const db = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: dataDir! });
await startRun(db, {
  ruleVersionId,
  kind: 'full',
  triggeredBy: 'doomed-child',
  asOf: '2025-06-30T00:00:00Z',
  language: testLanguage,
  batchSize: 1,
  partitions: 1,
  onProgress: async (p) => {
    if (p.done === 2) {
      process.stdout.write(`PARTIAL ${p.runId}\n`);
      await new Promise(() => {
        /* hang until SIGKILL */
      });
    }
  },
});
process.stdout.write('FINISHED\n');
