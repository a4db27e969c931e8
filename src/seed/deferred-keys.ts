// Bulk loading with keys and indexes deferred: inside ONE transaction, drop
// the primary keys, foreign keys and secondary indexes of the tables being
// loaded (and the foreign keys of other tables that reference them), load,
// then rebuild them all before the transaction commits.
//
// Why: generated ids are random UUIDs, so every inserted row lands on a
// random leaf page of every index. Once the indexes outgrow the buffer cache
// (PGlite's is 128 MB) each row costs page reads and writes, and seeding a
// million opportunities (~11M rows) took over an hour. Building an index
// afterwards is one sort; re-adding a foreign key is one validation join.
//
// Nothing is weakened: the definitions are read from the catalog and
// re-created verbatim under their own names, unique indexes and keys are
// re-checked when rebuilt, foreign keys are validated when re-added, and
// because DDL is transactional a failure (or a killed process) rolls back to
// the schema as it was. Callers must run this inside a transaction.
//
// Set-based foreign keys (src/db/set-based-foreign-keys.ts) on the loaded
// tables are deferred too: their check triggers are disabled for the load
// (each load statement would otherwise anti-join against referenced tables
// whose keys are dropped) and every loaded row is checked once afterwards.
import type { SqlClient } from '../db/client.js';
import { setBasedCheckTriggers, setBasedTriggers } from '../db/set-based-foreign-keys.js';

interface Constraint {
  table: string;
  name: string;
  kind: 'p' | 'u' | 'f';
  definition: string;
}
interface Index {
  table: string;
  name: string;
  definition: string;
}

/** Everything dropped for the load, in the order it is re-created. */
interface DeferredKeys {
  /** Primary keys and unique constraints of the loaded tables. */
  keys: Constraint[];
  /** Indexes of the loaded tables that back no constraint. */
  indexes: Index[];
  /** Foreign keys on, or referencing, the loaded tables. */
  foreignKeys: Constraint[];
  /** Check triggers of set-based foreign keys on the loaded tables (disabled, then validated and enabled). */
  setBasedChecks: Array<{ table: string; trigger: string }>;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Reads what deferring keys on `tables` (in the current schema) would drop. */
export async function deferrableKeys(sql: SqlClient, tables: readonly string[]): Promise<DeferredKeys> {
  const constraints = await sql.query<{ table: string; name: string; kind: 'p' | 'u' | 'f'; definition: string }>(
    `SELECT cl.relname AS table, c.conname AS name, c.contype::text AS kind, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c
       JOIN pg_class cl ON cl.oid = c.conrelid
       JOIN pg_namespace n ON n.oid = cl.relnamespace AND n.nspname = current_schema()
       LEFT JOIN pg_class ref ON ref.oid = c.confrelid
      WHERE (c.contype IN ('p', 'u') AND cl.relname = ANY($1::text[]))
         OR (c.contype = 'f' AND (cl.relname = ANY($1::text[]) OR ref.relname = ANY($1::text[])))
      ORDER BY cl.relname, c.conname`,
    [tables],
  );
  const indexes = await sql.query<Index>(
    `SELECT t.relname AS table, i.relname AS name, pg_get_indexdef(i.oid) AS definition
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
      WHERE t.relname = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid)
      ORDER BY t.relname, i.relname`,
    [tables],
  );
  return {
    keys: constraints.filter((c) => c.kind !== 'f'),
    indexes,
    foreignKeys: constraints.filter((c) => c.kind === 'f'),
    setBasedChecks: setBasedCheckTriggers(await setBasedTriggers(sql), tables).map((t) => ({ table: t.table, trigger: t.name })),
  };
}

/**
 * Runs `load` with the keys and indexes of `tables` dropped and rebuilds them
 * afterwards (see the file comment). `sql` must be a transaction's client.
 */
export async function withKeysDeferred<T>(sql: SqlClient, tables: readonly string[], load: () => Promise<T>): Promise<T> {
  const deferred = await deferrableKeys(sql, tables);
  const statements: string[] = [
    ...deferred.foreignKeys.map((c) => `ALTER TABLE ${quote(c.table)} DROP CONSTRAINT ${quote(c.name)}`),
    ...deferred.keys.map((c) => `ALTER TABLE ${quote(c.table)} DROP CONSTRAINT ${quote(c.name)}`),
    ...deferred.indexes.map((i) => `DROP INDEX ${quote(i.name)}`),
    ...deferred.setBasedChecks.map((t) => `ALTER TABLE ${quote(t.table)} DISABLE TRIGGER ${quote(t.trigger)}`),
  ];
  if (statements.length) await sql.exec(statements.map((s) => `${s};`).join('\n'));
  const result = await load();
  await rebuildKeys(sql, deferred);
  return result;
}

/**
 * Re-creates what was dropped: keys and indexes first (foreign keys need the
 * referenced keys), then foreign keys; then checks every row of the tables
 * with set-based foreign keys once and enables their check triggers again.
 */
async function rebuildKeys(sql: SqlClient, deferred: DeferredKeys): Promise<void> {
  for (const c of deferred.keys) await sql.exec(`ALTER TABLE ${quote(c.table)} ADD CONSTRAINT ${quote(c.name)} ${c.definition}`);
  for (const i of deferred.indexes) await sql.exec(i.definition);
  for (const c of deferred.foreignKeys) await sql.exec(`ALTER TABLE ${quote(c.table)} ADD CONSTRAINT ${quote(c.name)} ${c.definition}`);
  for (const table of new Set(deferred.setBasedChecks.map((t) => t.table))) await sql.query('SELECT set_based_fk_validate($1)', [table]);
  for (const t of deferred.setBasedChecks) await sql.exec(`ALTER TABLE ${quote(t.table)} ENABLE TRIGGER ${quote(t.trigger)}`);
}
