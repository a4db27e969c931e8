// Browser tests: a fresh embedded database with the demo data, exactly as
// `npm start` loads it on first start (seedDemo + publishDemoRules), and one
// API key per role plus keys of two partners. Run as a child process:
//   node --import tsx test-browser/prepare-data.ts DATA_DIR
// prints one JSON line: { keys, partners }.
import { openDatabase } from '../src/db/client.js';
import { seedDemo } from '../src/seed/seed.js';
import { publishDemoRules } from '../src/seed/demo-rules.js';
import { createApiKey } from '../src/auth/store.js';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: prepare-data.ts DATA_DIR');
  process.exit(2);
}
const db = await openDatabase({ dataDir, migrate: true });
try {
  await seedDemo(db);
  await publishDemoRules(db, { actor: 'system:browser-tests' });
  // The two partners with the most current credit: both have deals to show.
  const partners = await db.sql.query<{ key: string; name: string }>(
    `SELECT p.key, p.name FROM partner p JOIN credit_allocation a ON a.partner_id = p.id AND a.is_current
     GROUP BY p.key, p.name ORDER BY count(*) DESC, p.key LIMIT 2`,
  );
  if (partners.length < 2) throw new Error('the demo data has fewer than two partners with credit');
  const make = async (role: string, partnerKey?: string) =>
    (
      await createApiKey(db.prisma, {
        role,
        partnerKey,
        name: `browser test ${role}${partnerKey ? ` ${partnerKey}` : ''}`,
        actor: 'system:browser-tests',
      })
    ).key;
  const keys = {
    admin: await make('admin'),
    governance: await make('governance'),
    analyst: await make('analyst'),
    integrator: await make('integrator'),
    partnerA: await make('partner', partners[0]!.key),
    partnerB: await make('partner', partners[1]!.key),
  };
  console.log(JSON.stringify({ keys, partners }));
} finally {
  await db.close();
}
