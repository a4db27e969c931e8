// The slice of the project's Database handle (src/db/client.ts) that reports
// and governance use: a Prisma client. Structural, so any handle carrying a
// Prisma client works (PGlite in-process, PostgreSQL, a test database).
import type { PrismaClient } from '../generated/prisma/client.js';

export interface ReportDb {
  prisma: PrismaClient;
}

/** Runs a parameterised read query and returns its rows. */
export async function queryRows<T>(db: ReportDb, text: string, params: readonly unknown[] = []): Promise<T[]> {
  return db.prisma.$queryRawUnsafe<T[]>(text, ...params);
}

/** A count column (int, bigint or numeric string) as a number. */
export function asCount(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return Number(value);
}
