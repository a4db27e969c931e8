// A child process that runs one full attribution run and reports each step on
// stdout ("started <id>", "progress <done>/<total>", "finished"), so the
// kill test can SIGKILL it at a chosen point.
import { openDatabase } from '../../../src/db/client.js';
import { startRun } from '../../../src/engine/run.js';

interface Request {
  databaseUrl?: string;
  dataDir?: string;
  ruleVersionId: string;
  asOf: string;
  batchSize: number;
}

const req = JSON.parse(process.argv[2]!) as Request;
const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const db = await openDatabase(req.databaseUrl ? { databaseUrl: req.databaseUrl } : { dataDir: req.dataDir! });
say('opened');
await startRun(db, {
  ruleVersionId: req.ruleVersionId,
  kind: 'full',
  triggeredBy: 'fault-test:child',
  asOf: req.asOf,
  batchSize: req.batchSize,
  onStarted: (id) => say(`started ${id}`),
  onProgress: (p) => say(`progress ${p.done}/${p.total}`),
});
say('finished');
await db.close();
process.exit(0);
