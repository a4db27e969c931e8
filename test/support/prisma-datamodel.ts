// What prisma/schema.prisma says the database must look like, as a
// SchemaModel (src/db/schema-model.ts), built from Prisma's own parser
// (getDMMF of @prisma/internals, which runs offline). Mirrors what
// `prisma migrate diff` would create on PostgreSQL: Prisma's default type for
// each scalar and native type, its default constraint names
// (<table>_pkey, <table>_<columns>_key/_idx/_fkey), its default referential
// actions (required relation: RESTRICT, optional: SET NULL; ON UPDATE CASCADE),
// client-side defaults (uuid(), cuid(), @updatedAt) as no database default,
// and scalar lists as nullable array columns.
//
// Partial indexes (`@@index([...], where: raw("..."), map: "name")`, preview
// feature partialIndexes): the DMMF does not expose `where:`, so they are read
// from the schema text by their `map:` name and named `<name> (partial)`, as
// the introspection names an index with a predicate; the predicate itself is
// not compared.
//
// Limitation: the DMMF does not expose `map:` of @relation, so a schema that
// renames a foreign key with `map:` is reported as drift on that key's name.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import internals from '@prisma/internals';
import { canonicalJson, canonicalNumber } from '../../src/db/introspect.js';
import type { ColumnModel, ForeignKeyModel, IndexModel, SchemaModel, TableModel } from '../../src/db/schema-model.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../../prisma/schema.prisma', import.meta.url));

export function readSchemaFile(): string {
  return readFileSync(SCHEMA_PATH, 'utf8');
}

type Datamodel = Awaited<ReturnType<typeof internals.getDMMF>>['datamodel'];
type Model = Datamodel['models'][number];
type Field = Model['fields'][number];

const POSTGRES_IDENTIFIER_MAX = 63;

/** Prisma's default constraint name, truncated like Prisma to PostgreSQL's 63-byte limit. */
export function defaultConstraintName(table: string, columns: string[], suffix: 'key' | 'idx' | 'fkey' | 'pkey'): string {
  const base = suffix === 'pkey' ? table : `${table}_${columns.join('_')}`;
  const max = POSTGRES_IDENTIFIER_MAX - suffix.length - 1;
  return `${base.length > max ? base.slice(0, max) : base}_${suffix}`;
}

const columnName = (f: Field): string => f.dbName ?? f.name;
const tableName = (m: Model): string => m.dbName ?? m.name;

function nativeArgs(f: Field): string[] {
  const native = f.nativeType as [string, string[]] | null | undefined;
  return native ? native[1] : [];
}

function withArgs(base: string, args: string[]): string {
  return args.length ? `${base}(${args.join(',')})` : base;
}

/** Column type in the normal form of schema-model.ts. */
export function columnType(f: Field): string {
  const native = (f.nativeType as [string, string[]] | null | undefined)?.[0];
  const args = nativeArgs(f);
  let type: string;
  if (f.kind === 'enum') type = `enum:${f.type}`;
  else {
    switch (f.type) {
      case 'String':
        type =
          !native || native === 'Text'
            ? 'text'
            : native === 'VarChar'
              ? withArgs('varchar', args)
              : native === 'Char'
                ? withArgs('char', args)
                : native === 'Uuid'
                  ? 'uuid'
                  : native === 'Citext'
                    ? 'citext'
                    : native === 'Inet'
                      ? 'inet'
                      : native === 'Xml'
                        ? 'xml'
                        : native.toLowerCase();
        break;
      case 'Int':
        type = native === 'SmallInt' ? 'smallint' : native === 'Oid' ? 'oid' : 'integer';
        break;
      case 'BigInt':
        type = 'bigint';
        break;
      case 'Float':
        type = native === 'Real' ? 'real' : 'double precision';
        break;
      case 'Decimal':
        type = native === 'Money' ? 'money' : args.length ? withArgs('numeric', args) : 'numeric(65,30)';
        break;
      case 'DateTime':
        type =
          native === 'Date'
            ? 'date'
            : native === 'Timestamptz'
              ? withArgs('timestamptz', args)
              : native === 'Time'
                ? withArgs('time', args)
                : native === 'Timetz'
                  ? withArgs('timetz', args)
                  : native === 'Timestamp'
                    ? withArgs('timestamp', args)
                    : 'timestamp(3)';
        break;
      case 'Boolean':
        type = 'boolean';
        break;
      case 'Json':
        type = native === 'Json' ? 'json' : 'jsonb';
        break;
      case 'Bytes':
        type = 'bytea';
        break;
      default:
        type = f.type.toLowerCase();
    }
  }
  return f.isList ? `${type}[]` : type;
}

const CLIENT_SIDE_DEFAULTS = new Set(['uuid', 'cuid', 'nanoid', 'ulid']);

/** Database default in the normal form of schema-model.ts; null for none or client-side defaults. */
export function columnDefault(f: Field, type: string): string | null {
  if (f.isUpdatedAt || !f.hasDefaultValue || f.default === undefined) return null;
  const d = f.default as unknown;
  if (Array.isArray(d)) return `list:${JSON.stringify(d)}`;
  if (d !== null && typeof d === 'object' && 'name' in d) {
    const fn = d as { name: string; args: unknown[] };
    if (CLIENT_SIDE_DEFAULTS.has(fn.name)) return null;
    if (fn.name === 'now') return 'now()';
    if (fn.name === 'autoincrement') return 'autoincrement()';
    if (fn.name === 'dbgenerated') return `expr:${String(fn.args[0] ?? '')}`;
    return `expr:${fn.name}(${fn.args.join(', ')})`;
  }
  if (typeof d === 'boolean') return `boolean:${d}`;
  if (typeof d === 'number') return `number:${canonicalNumber(String(d))}`;
  if (typeof d === 'string') {
    if (type === 'jsonb' || type === 'json') return `literal:${canonicalJson(d)}`;
    if (f.type === 'Decimal' || f.type === 'Int' || f.type === 'BigInt' || f.type === 'Float') return `number:${canonicalNumber(d)}`;
    return `literal:${d}`;
  }
  return `expr:${String(d)}`;
}

/** The `map:` names of the partial indexes (`where:`) a datamodel declares. */
function partialIndexNames(datamodel: string): Set<string> {
  const names = new Set<string>();
  for (const line of datamodel.split('\n')) {
    if (!/^\s*@@(index|unique)\(.*\bwhere:/.test(line)) continue;
    const map = /\bmap:\s*"([^"]+)"/.exec(line);
    if (!map) throw new Error(`a partial index needs a map: name: ${line.trim()}`);
    names.add(map[1]!);
  }
  return names;
}

/** The SchemaModel a datamodel (schema.prisma text) declares. */
export async function schemaModelFromPrisma(datamodel: string): Promise<SchemaModel> {
  const dmmf = await internals.getDMMF({ datamodel });
  const partial = partialIndexNames(datamodel);
  const { models, enums, indexes } = dmmf.datamodel;
  const model: SchemaModel = { enums: {}, tables: {} };

  for (const e of enums) model.enums[e.dbName ?? e.name] = e.values.map((v) => v.dbName ?? v.name);

  const byName = new Map(models.map((m) => [m.name, m]));
  for (const m of models) {
    const table: TableModel = { columns: {}, primaryKey: null, uniqueIndexes: [], indexes: [], foreignKeys: [] };
    const fields = new Map(m.fields.map((f) => [f.name, f]));
    const col = (fieldName: string): string => {
      const f = fields.get(fieldName);
      if (!f) throw new Error(`model ${m.name} has no field ${fieldName}`);
      return columnName(f);
    };

    for (const f of m.fields) {
      if (f.kind !== 'scalar' && f.kind !== 'enum') continue;
      const type = columnType(f);
      const column: ColumnModel = { type, nullable: !f.isRequired || f.isList, default: columnDefault(f, type) };
      table.columns[columnName(f)] = column;
    }

    for (const ix of indexes.filter((i) => i.model === m.name)) {
      const columns = ix.fields.map((f) => col(f.name) + (f.sortOrder === 'desc' ? ' DESC' : ''));
      const plain = ix.fields.map((f) => col(f.name));
      const method = (ix as { algorithm?: string }).algorithm?.toLowerCase();
      const name = (suffix: 'key' | 'idx' | 'pkey') => ix.dbName ?? defaultConstraintName(tableName(m), plain, suffix);
      const idx = (suffix: 'key' | 'idx' | 'pkey'): IndexModel => ({
        name: partial.has(name(suffix)) ? `${name(suffix)} (partial)` : name(suffix),
        columns,
        ...(method && method !== 'btree' ? { method } : {}),
      });
      if (ix.type === 'id') table.primaryKey = idx('pkey');
      else if (ix.type === 'unique') table.uniqueIndexes.push(idx('key'));
      else table.indexes.push(idx('idx'));
    }
    // Composite @@id appears in primaryKey rather than in indexes on some Prisma versions.
    if (!table.primaryKey && m.primaryKey) {
      const plain = m.primaryKey.fields.map(col);
      table.primaryKey = { name: defaultConstraintName(tableName(m), plain, 'pkey'), columns: plain };
    }

    for (const f of m.fields) {
      if (f.kind !== 'object' || !f.relationFromFields?.length) continue;
      const target = byName.get(f.type);
      if (!target) throw new Error(`relation ${m.name}.${f.name} points to unknown model ${f.type}`);
      const targetFields = new Map(target.fields.map((tf) => [tf.name, tf]));
      const columns = f.relationFromFields.map(col);
      const allRequired = f.relationFromFields.every((n) => fields.get(n)?.isRequired);
      const action = (a: string | undefined, fallback: string): string =>
        a === undefined
          ? fallback
          : ((
              { Cascade: 'CASCADE', Restrict: 'RESTRICT', NoAction: 'NO ACTION', SetNull: 'SET NULL', SetDefault: 'SET DEFAULT' } as Record<
                string,
                string
              >
            )[a] ?? a);
      const fk: ForeignKeyModel = {
        name: defaultConstraintName(tableName(m), columns, 'fkey'),
        columns,
        referencedTable: tableName(target),
        referencedColumns: (f.relationToFields ?? []).map((n) => {
          const tf = targetFields.get(n);
          if (!tf) throw new Error(`relation ${m.name}.${f.name} references unknown field ${target.name}.${n}`);
          return columnName(tf);
        }),
        onDelete: action(f.relationOnDelete, allRequired ? 'RESTRICT' : 'SET NULL'),
        onUpdate: action((f as Field & { relationOnUpdate?: string }).relationOnUpdate, 'CASCADE'),
      };
      table.foreignKeys.push(fk);
    }
    model.tables[tableName(m)] = table;
  }
  return model;
}
