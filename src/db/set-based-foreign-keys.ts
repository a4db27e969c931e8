// Set-based foreign keys: references enforced by statement-level triggers
// instead of a FOREIGN KEY constraint (one anti-join per statement instead of
// one check per row; see prisma/migrations/20261204000000_touchpoint_set_based_foreign_keys).
// The triggers' arguments declare each reference, so it can be read back
// into the same ForeignKeyModel a constraint gives: the schema introspection
// (and so the drift test) treats both alike, and reports a set-based key
// whose triggers are incomplete, disabled or disagree under a name that says
// so, which never matches schema.prisma.
import type { ForeignKeyModel } from './schema-model.js';
import type { SqlClient } from './sql.js';

/** Trigger type bits (pg_trigger.tgtype). */
const ROW = 1;
const BEFORE = 2;
const INSERT = 4;
const DELETE = 8;
const UPDATE = 16;
const TRUNCATE = 32;

interface SetBasedTrigger {
  name: string;
  table: string;
  fn: 'set_based_fk_check' | 'set_based_fk_guard' | 'set_based_fk_on_delete' | 'set_based_fk_on_update' | 'set_based_fk_on_truncate';
  type: number;
  args: string[];
  enabled: boolean;
}

/** The set-based foreign key triggers of the current schema. */
export async function setBasedTriggers(sql: SqlClient): Promise<SetBasedTrigger[]> {
  const rows = await sql.query<{ name: string; table: string; fn: SetBasedTrigger['fn']; type: number; args: string; enabled: string }>(`
    SELECT t.tgname AS name, c.relname AS table, p.proname AS fn, t.tgtype::int AS type,
           encode(t.tgargs, 'escape') AS args, t.tgenabled::text AS enabled
      FROM pg_trigger t
      JOIN pg_class c ON c.oid = t.tgrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_proc p ON p.oid = t.tgfoid
     WHERE n.nspname = current_schema() AND NOT t.tgisinternal
       AND p.proname IN ('set_based_fk_check', 'set_based_fk_guard', 'set_based_fk_on_delete', 'set_based_fk_on_update', 'set_based_fk_on_truncate')
     ORDER BY c.relname, t.tgname`);
  return rows.map((r) => ({
    name: r.name,
    table: r.table,
    fn: r.fn,
    type: r.type,
    // tgargs: each argument NUL-terminated ('escape' encoding shows NUL as \000).
    args: r.args === '' ? [] : r.args.replace(/\\000$/, '').split('\\000'),
    enabled: r.enabled !== 'D',
  }));
}

/** Each argument group of `size` from a trigger's arguments. */
function groups(args: string[], size: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; i + size <= args.length; i += size) out.push(args.slice(i, i + size));
  return out;
}

const has = (type: number, bits: number) => (type & bits) === bits;

/**
 * The set-based foreign keys, by referencing table. A key is complete when
 * the referencing table checks it after INSERT and after UPDATE, and the
 * referenced table guards DELETE / UPDATE OF its key and applies the ON
 * DELETE, ON UPDATE and TRUNCATE rules for it, all enabled.
 */
export function setBasedForeignKeys(triggers: SetBasedTrigger[]): Map<string, ForeignKeyModel[]> {
  const byTable = new Map<string, ForeignKeyModel[]>();
  const checks = triggers.filter((t) => t.fn === 'set_based_fk_check');
  for (const insert of checks.filter((t) => !has(t.type, ROW) && !has(t.type, BEFORE) && has(t.type, INSERT))) {
    for (const [name, column, referencedTable, referencedColumn, onDelete, onUpdate] of groups(insert.args, 6) as Array<
      [string, string, string, string, string, string]
    >) {
      const child = insert.table;
      const missing: string[] = [];
      const need = (what: string, found: SetBasedTrigger | undefined) => {
        if (!found) missing.push(what);
        else if (!found.enabled) missing.push(`${what} (disabled: ${found.name})`);
      };
      const reference = [name, column, referencedTable, referencedColumn, onDelete, onUpdate].join('\u0000');
      const sameGroup = (t: SetBasedTrigger) => groups(t.args, 6).some((g) => g.join('\u0000') === reference);
      need('check after INSERT', insert);
      need(
        'check after UPDATE',
        checks.find((t) => t.table === child && !has(t.type, ROW) && has(t.type, UPDATE) && sameGroup(t)),
      );
      const onParent = triggers.filter((t) => t.table === referencedTable);
      need(
        'guard before DELETE / UPDATE',
        onParent.find(
          (t) => t.fn === 'set_based_fk_guard' && has(t.type, BEFORE | DELETE | UPDATE) && !has(t.type, ROW) && t.args.includes(child),
        ),
      );
      const rule = (fn: SetBasedTrigger['fn'], bits: number, args: string[]) =>
        onParent.find((t) => t.fn === fn && has(t.type, bits) && t.args.join('\u0000') === args.join('\u0000'));
      need(`ON DELETE ${onDelete}`, rule('set_based_fk_on_delete', DELETE, [name, child, column, referencedColumn, onDelete]));
      need(`ON UPDATE ${onUpdate}`, rule('set_based_fk_on_update', ROW | UPDATE, [name, child, column, referencedColumn, onUpdate]));
      need('TRUNCATE rule', rule('set_based_fk_on_truncate', TRUNCATE, [name, child]));
      const fk: ForeignKeyModel = {
        name: missing.length ? `${name} (set-based, incomplete: ${missing.join(', ')})` : name,
        columns: [column],
        referencedTable,
        referencedColumns: [referencedColumn],
        onDelete,
        onUpdate,
      };
      const list = byTable.get(child) ?? [];
      list.push(fk);
      byTable.set(child, list);
    }
  }
  return byTable;
}

/** The enabled check triggers (after INSERT / UPDATE) of these referencing tables: what a bulk load may disable. */
export function setBasedCheckTriggers(triggers: SetBasedTrigger[], tables: readonly string[]): SetBasedTrigger[] {
  return triggers.filter((t) => t.fn === 'set_based_fk_check' && t.enabled && tables.includes(t.table));
}
