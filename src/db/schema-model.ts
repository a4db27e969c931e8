// A backend-neutral description of a relational schema (enums, tables,
// columns, keys, indexes, foreign keys) and a pure comparison of two of them.
// The drift test builds one from prisma/schema.prisma and one by introspecting
// a migrated database (introspect.ts) and requires them to be equal.
//
// Normal forms, so that both sides compare as plain strings:
//   column type: 'text', 'uuid', 'integer', 'smallint', 'bigint', 'boolean', 'jsonb', 'date',
//                'numeric(18,2)', 'varchar(3)', 'timestamptz(3)', 'timestamp(3)', 'double precision',
//                'bytea', 'enum:PartnerType'; lists end in '[]'
//   default:     null (none), 'now()', 'autoincrement()', 'literal:<text>' (strings, enum values,
//                JSON text), 'number:<canonical>', 'boolean:true|false', 'list:<json>',
//                'expr:<sql>' (dbgenerated)
//   index column: 'name' or 'name DESC'
//   referential action: 'CASCADE' | 'RESTRICT' | 'NO ACTION' | 'SET NULL' | 'SET DEFAULT'

export interface ColumnModel {
  type: string;
  nullable: boolean;
  default: string | null;
}

export interface IndexModel {
  name: string;
  columns: string[];
  /** The access method when it is not a B-tree ('gin', 'hash', …); absent for B-tree. */
  method?: string;
}

export interface ForeignKeyModel {
  name: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: string;
  onUpdate: string;
}

export interface TableModel {
  columns: Record<string, ColumnModel>;
  primaryKey: IndexModel | null;
  uniqueIndexes: IndexModel[];
  indexes: IndexModel[];
  foreignKeys: ForeignKeyModel[];
}

export interface SchemaModel {
  /** Enum type name -> values in declaration order. */
  enums: Record<string, string[]>;
  tables: Record<string, TableModel>;
}

interface SchemaDifference {
  /** e.g. 'table "partner"', 'enum "Lane"', 'table "partner" column "tier"'. */
  object: string;
  problem: string;
}

/** One line per difference: `table "partner" column "region": missing in the database (expected text NULL)`. */
export function formatDifferences(diffs: SchemaDifference[]): string {
  return diffs.map((d) => `${d.object}: ${d.problem}`).join('\n');
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function describeColumn(c: ColumnModel): string {
  return `${c.type} ${c.nullable ? 'NULL' : 'NOT NULL'}${c.default ? ` DEFAULT ${c.default}` : ''}`;
}

function describeIndex(i: IndexModel): string {
  return `"${i.name}" (${i.columns.join(', ')})`;
}

function describeFk(f: ForeignKeyModel): string {
  return `"${f.name}" (${f.columns.join(', ')}) -> ${f.referencedTable}(${f.referencedColumns.join(', ')}) ON DELETE ${f.onDelete} ON UPDATE ${f.onUpdate}`;
}

/**
 * Differences between what the schema declares (`expected`) and what the
 * database has (`actual`). Empty when they match.
 */
export function diffSchemas(expected: SchemaModel, actual: SchemaModel): SchemaDifference[] {
  const diffs: SchemaDifference[] = [];

  for (const [name, values] of Object.entries(expected.enums)) {
    const got = actual.enums[name];
    if (!got) diffs.push({ object: `enum "${name}"`, problem: `missing in the database (expected values ${values.join(', ')})` });
    else if (!sameList(values, got)) {
      diffs.push({
        object: `enum "${name}"`,
        problem: `values differ: schema.prisma has [${values.join(', ')}], database has [${got.join(', ')}]`,
      });
    }
  }
  for (const name of Object.keys(actual.enums)) {
    if (!expected.enums[name]) diffs.push({ object: `enum "${name}"`, problem: 'exists in the database but not in schema.prisma' });
  }

  for (const [table, exp] of Object.entries(expected.tables)) {
    const act = actual.tables[table];
    if (!act) {
      diffs.push({ object: `table "${table}"`, problem: 'missing in the database' });
      continue;
    }
    diffTable(table, exp, act, diffs);
  }
  for (const table of Object.keys(actual.tables)) {
    if (!expected.tables[table]) diffs.push({ object: `table "${table}"`, problem: 'exists in the database but not in schema.prisma' });
  }
  return diffs;
}

function diffTable(table: string, exp: TableModel, act: TableModel, diffs: SchemaDifference[]): void {
  const t = `table "${table}"`;
  for (const [column, ec] of Object.entries(exp.columns)) {
    const ac = act.columns[column];
    const o = `${t} column "${column}"`;
    if (!ac) {
      diffs.push({ object: o, problem: `missing in the database (expected ${describeColumn(ec)})` });
      continue;
    }
    if (ec.type !== ac.type) diffs.push({ object: o, problem: `type differs: schema.prisma ${ec.type}, database ${ac.type}` });
    if (ec.nullable !== ac.nullable) {
      diffs.push({
        object: o,
        problem: `nullability differs: schema.prisma ${ec.nullable ? 'NULL' : 'NOT NULL'}, database ${ac.nullable ? 'NULL' : 'NOT NULL'}`,
      });
    }
    if (ec.default !== ac.default) {
      diffs.push({ object: o, problem: `default differs: schema.prisma ${ec.default ?? '(none)'}, database ${ac.default ?? '(none)'}` });
    }
  }
  for (const column of Object.keys(act.columns)) {
    if (!exp.columns[column])
      diffs.push({
        object: `${t} column "${column}"`,
        problem: `exists in the database (${describeColumn(act.columns[column]!)}) but not in schema.prisma`,
      });
  }

  const ep = exp.primaryKey;
  const ap = act.primaryKey;
  if (!ep !== !ap || (ep && ap && (ep.name !== ap.name || !sameList(ep.columns, ap.columns)))) {
    diffs.push({
      object: `${t} primary key`,
      problem: `differs: schema.prisma ${ep ? describeIndex(ep) : '(none)'}, database ${ap ? describeIndex(ap) : '(none)'}`,
    });
  }

  diffIndexes(`${t} unique index`, exp.uniqueIndexes, act.uniqueIndexes, diffs);
  diffIndexes(`${t} index`, exp.indexes, act.indexes, diffs);

  const actFks = new Map(act.foreignKeys.map((f) => [f.name, f]));
  for (const ef of exp.foreignKeys) {
    const af = actFks.get(ef.name);
    if (!af) {
      diffs.push({ object: `${t} foreign key "${ef.name}"`, problem: `missing in the database (expected ${describeFk(ef)})` });
    } else if (
      !sameList(ef.columns, af.columns) ||
      ef.referencedTable !== af.referencedTable ||
      !sameList(ef.referencedColumns, af.referencedColumns) ||
      ef.onDelete !== af.onDelete ||
      ef.onUpdate !== af.onUpdate
    ) {
      diffs.push({
        object: `${t} foreign key "${ef.name}"`,
        problem: `differs: schema.prisma ${describeFk(ef)}, database ${describeFk(af)}`,
      });
    }
  }
  const expFkNames = new Set(exp.foreignKeys.map((f) => f.name));
  for (const af of act.foreignKeys) {
    if (!expFkNames.has(af.name))
      diffs.push({
        object: `${t} foreign key "${af.name}"`,
        problem: `exists in the database (${describeFk(af)}) but not in schema.prisma`,
      });
  }
}

function diffIndexes(label: string, exp: IndexModel[], act: IndexModel[], diffs: SchemaDifference[]): void {
  const actByName = new Map(act.map((i) => [i.name, i]));
  for (const ei of exp) {
    const ai = actByName.get(ei.name);
    if (!ai) diffs.push({ object: `${label} "${ei.name}"`, problem: `missing in the database (expected on ${ei.columns.join(', ')})` });
    else if (!sameList(ei.columns, ai.columns)) {
      diffs.push({
        object: `${label} "${ei.name}"`,
        problem: `columns differ: schema.prisma (${ei.columns.join(', ')}), database (${ai.columns.join(', ')})`,
      });
    } else if ((ei.method ?? 'btree') !== (ai.method ?? 'btree')) {
      diffs.push({
        object: `${label} "${ei.name}"`,
        problem: `index method differs: schema.prisma ${ei.method ?? 'btree'}, database ${ai.method ?? 'btree'}`,
      });
    }
  }
  const expNames = new Set(exp.map((i) => i.name));
  for (const ai of act) {
    if (!expNames.has(ai.name))
      diffs.push({
        object: `${label} "${ai.name}"`,
        problem: `exists in the database on (${ai.columns.join(', ')}) but not in schema.prisma`,
      });
  }
}
