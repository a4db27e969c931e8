// Reads the actual schema of a database (the current schema, normally
// "public") from pg_catalog into a SchemaModel. Works identically on PGlite
// and PostgreSQL. CHECK constraints and triggers are not part of the model
// (Prisma cannot declare them), except the triggers that enforce set-based
// foreign keys, which are read as the foreign keys they are
// (set-based-foreign-keys.ts); `_prisma_migrations` is left out.
import type { ColumnModel, ForeignKeyModel, IndexModel, SchemaModel, TableModel } from './schema-model.js';
import { setBasedForeignKeys, setBasedTriggers } from './set-based-foreign-keys.js';
import type { SqlClient } from './sql.js';

const IGNORED_TABLES = new Set(['_prisma_migrations']);

const REFERENTIAL_ACTIONS: Record<string, string> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

const NUMERIC_TYPES = /^(smallint|integer|bigint|real|double precision|numeric|money|oid)/;

/** 'timestamp(3) with time zone' -> 'timestamptz(3)', 'character varying(3)' -> 'varchar(3)', … */
function normalizeType(formatted: string): string {
  let t = formatted;
  let suffix = '';
  while (t.endsWith('[]')) {
    suffix += '[]';
    t = t.slice(0, -2);
  }
  t = t
    .replace(/^timestamp(\(\d+\))? with time zone$/, 'timestamptz$1')
    .replace(/^timestamp(\(\d+\))? without time zone$/, 'timestamp$1')
    .replace(/^time(\(\d+\))? with time zone$/, 'timetz$1')
    .replace(/^time(\(\d+\))? without time zone$/, 'time$1')
    .replace(/^character varying/, 'varchar')
    .replace(/^character(\(\d+\))?$/, 'char$1')
    .replace(/^bit varying/, 'varbit');
  return t + suffix;
}

/** Canonical decimal text: '2.50' -> '2.5', '-0010' -> '-10', '3.0' -> '3'. */
export function canonicalNumber(text: string): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text.trim());
  if (!m || m[4] !== undefined) return String(Number(text));
  const sign = m[1] === '-' ? '-' : '';
  const int = (m[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return body === '0' ? '0' : sign + body;
}

/** Canonical JSON text (key order kept, whitespace removed); the input when it is not JSON. */
export function canonicalJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

/** Normalises a default expression from pg_get_expr() for a column of `type` (normalised). */
function normalizeDefault(expr: string | null, type: string): string | null {
  if (expr === null) return null;
  const e = expr.trim();
  if (/^(CURRENT_TIMESTAMP|now\(\)|transaction_timestamp\(\))$/i.test(e)) return 'now()';
  if (/^nextval\(/i.test(e)) return 'autoincrement()';
  if (/^(true|false)$/i.test(e)) return `boolean:${e.toLowerCase()}`;
  const literal = /^'((?:[^']|'')*)'(?:::[\w\s"().[\]]+)?$/.exec(e);
  const unparenthesised = e.replace(/^\((.*)\)$/, '$1');
  const numeric = /^[+-]?\d+(\.\d+)?$/.test(unparenthesised) ? unparenthesised : null;
  if (literal && !type.endsWith('[]')) {
    const value = literal[1]!.replace(/''/g, "'");
    if (NUMERIC_TYPES.test(type)) return `number:${canonicalNumber(value)}`;
    if (type === 'boolean') return `boolean:${value === 't' || value === 'true' ? 'true' : 'false'}`;
    if (type === 'jsonb' || type === 'json') return `literal:${canonicalJson(value)}`;
    return `literal:${value}`;
  }
  if (numeric !== null) return `number:${canonicalNumber(numeric)}`;
  return `expr:${e}`;
}

interface ColumnRow {
  table_name: string;
  column_name: string;
  formatted_type: string;
  not_null: boolean;
  default_expr: string | null;
  enum_name: string | null;
  array_dims: number;
}

interface IndexRow {
  table_name: string;
  index_name: string;
  is_unique: boolean;
  is_primary: boolean;
  columns: string[] | string;
  is_partial: boolean;
  method: string;
}

interface FkRow {
  table_name: string;
  constraint_name: string;
  columns: string[] | string;
  referenced_table: string;
  referenced_columns: string[] | string;
  on_delete: string;
  on_update: string;
}

/** PGlite and node-postgres both parse text[]; this guards against a driver returning the array literal. */
function textArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, '');
  return inner === '' ? [] : inner.split(',').map((s) => s.replace(/^"|"$/g, ''));
}

export async function introspectSchema(sql: SqlClient): Promise<SchemaModel> {
  const enumRows = await sql.query<{ enum_name: string; value: string }>(`
    SELECT t.typname AS enum_name, e.enumlabel AS value
      FROM pg_type t
      JOIN pg_enum e ON e.enumtypid = t.oid
      JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = current_schema()
     ORDER BY t.typname, e.enumsortorder`);

  const columnRows = await sql.query<ColumnRow>(`
    SELECT c.relname AS table_name,
           a.attname AS column_name,
           format_type(a.atttypid, a.atttypmod) AS formatted_type,
           a.attnotnull AS not_null,
           pg_get_expr(d.adbin, d.adrelid) AS default_expr,
           CASE WHEN et.typtype = 'e' THEN et.typname END AS enum_name,
           a.attndims AS array_dims
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_type ty ON ty.oid = a.atttypid
      LEFT JOIN pg_type et ON et.oid = CASE WHEN ty.typelem <> 0 AND ty.typlen = -1 THEN ty.typelem ELSE ty.oid END
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE n.nspname = current_schema()
       AND c.relkind IN ('r', 'p')
       AND a.attnum > 0
       AND NOT a.attisdropped
     ORDER BY c.relname, a.attnum`);

  const indexRows = await sql.query<IndexRow>(`
    SELECT t.relname AS table_name,
           i.relname AS index_name,
           ix.indisunique AS is_unique,
           ix.indisprimary AS is_primary,
           ix.indpred IS NOT NULL AS is_partial,
           am.amname AS method,
           ARRAY(
             SELECT CASE WHEN k.attnum = 0 THEN pg_get_indexdef(ix.indexrelid, k.ord::int, true)
                         ELSE a.attname END
                    || CASE WHEN (ix.indoption[k.ord - 1] & 1) = 1 THEN ' DESC' ELSE '' END
               FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
               LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
              WHERE k.ord <= ix.indnkeyatts
              ORDER BY k.ord
           )::text[] AS columns
      FROM pg_index ix
      JOIN pg_class i ON i.oid = ix.indexrelid
      JOIN pg_am am ON am.oid = i.relam
      JOIN pg_class t ON t.oid = ix.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema()
     ORDER BY t.relname, i.relname`);

  const fkRows = await sql.query<FkRow>(`
    SELECT t.relname AS table_name,
           con.conname AS constraint_name,
           ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns,
           rt.relname AS referenced_table,
           ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS referenced_columns,
           con.confdeltype AS on_delete,
           con.confupdtype AS on_update
      FROM pg_constraint con
      JOIN pg_class t ON t.oid = con.conrelid
      JOIN pg_class rt ON rt.oid = con.confrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema()
       AND con.contype = 'f'
     ORDER BY t.relname, con.conname`);

  const model: SchemaModel = { enums: {}, tables: {} };
  for (const row of enumRows) {
    const values = model.enums[row.enum_name] ?? [];
    values.push(row.value);
    model.enums[row.enum_name] = values;
  }

  const table = (name: string): TableModel =>
    (model.tables[name] ??= { columns: {}, primaryKey: null, uniqueIndexes: [], indexes: [], foreignKeys: [] });

  for (const row of columnRows) {
    if (IGNORED_TABLES.has(row.table_name)) continue;
    const isArray = row.formatted_type.endsWith('[]');
    const type = row.enum_name ? `enum:${row.enum_name}${isArray ? '[]' : ''}` : normalizeType(row.formatted_type);
    const column: ColumnModel = { type, nullable: !row.not_null, default: normalizeDefault(row.default_expr, type) };
    table(row.table_name).columns[row.column_name] = column;
  }
  for (const row of indexRows) {
    if (IGNORED_TABLES.has(row.table_name)) continue;
    const index: IndexModel = {
      name: row.index_name + (row.is_partial ? ' (partial)' : ''),
      columns: textArray(row.columns),
      ...(row.method === 'btree' ? {} : { method: row.method }),
    };
    const t = table(row.table_name);
    if (row.is_primary) t.primaryKey = index;
    else if (row.is_unique) t.uniqueIndexes.push(index);
    else t.indexes.push(index);
  }
  for (const row of fkRows) {
    if (IGNORED_TABLES.has(row.table_name)) continue;
    const fk: ForeignKeyModel = {
      name: row.constraint_name,
      columns: textArray(row.columns),
      referencedTable: row.referenced_table,
      referencedColumns: textArray(row.referenced_columns),
      onDelete: REFERENTIAL_ACTIONS[row.on_delete] ?? row.on_delete,
      onUpdate: REFERENTIAL_ACTIONS[row.on_update] ?? row.on_update,
    };
    table(row.table_name).foreignKeys.push(fk);
  }
  for (const [name, fks] of setBasedForeignKeys(await setBasedTriggers(sql))) {
    if (IGNORED_TABLES.has(name)) continue;
    const t = table(name);
    t.foreignKeys.push(...fks);
    t.foreignKeys.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  return model;
}
