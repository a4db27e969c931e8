// Transaction-scoped advisory locks that serialise concurrent writers of the
// same natural keys (replayed ingestion batches, racing upserts) so that
// "look up, then create or update" stays exact on PostgreSQL. Locks are taken
// in sorted order, so two batches can never wait on each other in a cycle.
import type { Prisma } from '../generated/prisma/client.js';

export async function lockNaturalKeys(tx: Prisma.TransactionClient, namespace: string, keys: Iterable<string>): Promise<void> {
  const sorted = [...new Set(keys)].sort();
  for (const key of sorted) {
    await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`${namespace}:${key}`}))) AS l`;
  }
}
