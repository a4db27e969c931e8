// An embedded database on disk, for tests that need a second process or the
// CLI's own open path. initdb and migrations straight onto disk are slow, so
// the cluster is built and migrated in memory, then copied to the directory.
import { PGlite } from '@electric-sql/pglite';
import { migrate } from '../../../src/db/migrator.js';
import { pgliteSqlClient } from '../../../src/db/sql.js';

export async function prepareDiskDatabase(dataDir: string): Promise<void> {
  const blank = await PGlite.create();
  await migrate(pgliteSqlClient(blank));
  const image = await blank.dumpDataDir('none');
  await blank.close();
  const disk = await PGlite.create({ dataDir, loadDataDir: image });
  await disk.close();
}
