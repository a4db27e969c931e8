// Runs `prisma generate` from postinstall.
//
// Why a script: Prisma 7's CLI tries to download its native schema engine
// before any command, and this project's machines (and CI) cannot reach that
// download host. `prisma generate` never calls the schema engine, so pointing
// PRISMA_SCHEMA_ENGINE_BINARY at a stub executable lets it run offline.
// Migrations do not use the engine either: they are hand-written SQL applied
// by src/db/migrator.ts (see ARCHITECTURE.md).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const stubDir = join(root, 'node_modules', '.cache', 'attrib');
  const stub = join(stubDir, 'schema-engine-stub');
  if (!existsSync(stub)) {
    mkdirSync(stubDir, { recursive: true });
    writeFileSync(stub, '#!/bin/sh\necho "schema engine is not available offline; use npm run db:migrate" >&2\nexit 1\n');
    chmodSync(stub, 0o755);
  }
  env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
}
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const bin = join(root, 'node_modules', '.bin', 'prisma');
const result = spawnSync(bin, ['generate'], { cwd: root, env, stdio: 'inherit' });
if (result.status !== 0) {
  console.error('prisma generate failed (see above). Fix prisma/schema.prisma and run `npm run postinstall`.');
  process.exit(result.status ?? 1);
}
