// Prisma CLI configuration. The URL is only used by `prisma migrate deploy`
// on a machine that has Prisma's schema engine; this project applies its
// migrations itself (src/db/migrator.ts) on both PGlite and PostgreSQL.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/attrib' },
});
