// One column catalogue per table written in bulk (seed, import, touchpoint
// ingestion, exchange rates): each column's SQL type, the cast its text value gets
// (src/db/bulk.ts, src/ingest/touchpoint-writer.ts), and per type how a value
// is written as that text (COLUMN_WRITERS): a date as YYYY-MM-DD, a timestamp
// as ISO-8601 in UTC, a decimal as its exact string, JSON as JSON text; a
// column then travels as one array parameter (bulk.ts's columnParams, through
// the one array encoder, src/db/sql-arrays.ts). A writer names the columns it
// fills and how to read each from its rows: by name (namedColumns: each column
// from the row property of its camelCase name, type-checked against the
// column's type; catalogColumns: every column of the table but the ones it
// leaves out) or by reader functions (tableColumns); the types and the text
// come from here, so two writers of a table cannot disagree.
import type { ColumnSpec, TableSpec } from './bulk.js';
import { isoDate, isoInstant } from './timestamps.js';

/** The value a row gives for a column of each SQL type (null, for any type, is written as NULL). */
interface ColumnValues {
  uuid: string;
  text: string;
  'varchar(3)': string;
  '"PartnerStatus"': string;
  '"OpportunityType"': string;
  smallint: number;
  /** An exact decimal string ("125000.00"), never a float. */
  numeric: string;
  /** An exchange rate: an exact decimal string. */
  'numeric(20,10)': string;
  /** A calendar date: the UTC day of a Date, or "YYYY-MM-DD" text. */
  date: Date | string;
  timestamptz: Date;
  jsonb: Record<string, unknown>;
}

type ColumnType = keyof ColumnValues;

/** How a value of each column type is written as the text its cast reads. */
export const COLUMN_WRITERS: { readonly [T in ColumnType]: (value: ColumnValues[T]) => string } = {
  uuid: (v) => v,
  text: (v) => v,
  'varchar(3)': (v) => v,
  '"PartnerStatus"': (v) => v,
  '"OpportunityType"': (v) => v,
  smallint: (v) => String(v),
  numeric: (v) => v,
  'numeric(20,10)': (v) => v,
  date: isoDate,
  timestamptz: isoInstant,
  jsonb: (v) => JSON.stringify(v),
};

export const COLUMN_TYPES = {
  partner: {
    id: 'uuid',
    key: 'text',
    name: 'text',
    type: 'text',
    tier: 'text',
    status: '"PartnerStatus"',
    owner: 'text',
    created_at: 'timestamptz',
  },
  partner_investment: {
    id: 'uuid',
    partner_id: 'uuid',
    period_start: 'date',
    period_end: 'date',
    amount: 'numeric',
    currency: 'varchar(3)',
    category: 'text',
    note: 'text',
  },
  account: {
    id: 'uuid',
    key: 'text',
    name: 'text',
    domain: 'text',
    segment: 'text',
    region: 'text',
    created_at: 'timestamptz',
  },
  account_partner: {
    id: 'uuid',
    account_id: 'uuid',
    partner_id: 'uuid',
    since: 'timestamptz',
    until: 'timestamptz',
  },
  opportunity: {
    id: 'uuid',
    key: 'text',
    source_system: 'text',
    account_id: 'uuid',
    name: 'text',
    type: '"OpportunityType"',
    amount: 'numeric',
    currency: 'varchar(3)',
    stage: 'text',
    created_at: 'timestamptz',
    closed_at: 'timestamptz',
    owner_rep: 'text',
  },
  touchpoint: {
    id: 'uuid',
    source: 'text',
    external_id: 'text',
    opportunity_id: 'uuid',
    account_id: 'uuid',
    partner_id: 'uuid',
    action: 'text',
    channel: 'text',
    occurred_at: 'timestamptz',
    proof: 'text',
    owner: 'text',
    next_joint_step: 'text',
    engagement_depth: 'smallint',
    stage_at_touch: 'text',
    declared_role: 'text',
    metadata: 'jsonb',
    deleted_at: 'timestamptz',
    /** The audit event of the ingestion batch that created the touchpoint (ingestTouchpoints). */
    ingest_event_id: 'uuid',
  },
  fx_rate: {
    currency: 'varchar(3)',
    date: 'date',
    rate: 'numeric(20,10)',
  },
} as const satisfies Readonly<Record<string, Readonly<Record<string, ColumnType>>>>;

type CatalogTable = keyof typeof COLUMN_TYPES;

/** The value a row gives for `column` of `table`, by the column's type. */
type ColumnValue<T extends CatalogTable, C extends keyof (typeof COLUMN_TYPES)[T]> = ColumnValues[(typeof COLUMN_TYPES)[T][C] & ColumnType];

/** How a writer reads each column it fills from its rows. */
type ColumnReaders<Row, T extends CatalogTable> = {
  readonly [C in keyof (typeof COLUMN_TYPES)[T]]?: (row: Row) => ColumnValue<T, C> | null | undefined;
};

/**
 * `table` and `columns` of a TableSpec, in the order of `values`: each column's type from the catalogue, its
 * text written by the type's writer (null and undefined as NULL).
 */
export function tableColumns<Row, T extends CatalogTable>(
  table: T,
  values: ColumnReaders<Row, T>,
): Pick<TableSpec<Row>, 'table' | 'columns'> {
  const types = COLUMN_TYPES[table] as Readonly<Record<string, ColumnType>>;
  const columns = Object.entries(values as Readonly<Record<string, (row: Row) => unknown>>).map(([name, read]): ColumnSpec<Row> => {
    const type = types[name]!;
    const write = COLUMN_WRITERS[type] as (value: unknown) => string;
    return {
      name,
      type,
      text: (row) => {
        const value = read(row);
        return value === null || value === undefined ? null : write(value);
      },
    };
  });
  return { table, columns };
}

type ColumnOf<T extends CatalogTable> = keyof (typeof COLUMN_TYPES)[T] & string;

/** The row property a column is read from: the column's name in camelCase (`created_at` → `createdAt`). */
type RowProperty<C extends string> = C extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<RowProperty<Tail>>}` : C;

/** The row property of `column` (`next_joint_step` → `nextJointStep`). */
export function rowProperty<C extends string>(column: C): RowProperty<C> {
  return column.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase()) as RowProperty<C>;
}

/** The columns of `table` a Row carries under their camelCase name, with a value the column's type takes. */
type NamedColumn<Row, T extends CatalogTable> = {
  [C in ColumnOf<T>]: RowProperty<C> extends keyof Row
    ? Row[RowProperty<C>] extends ColumnValue<T, C> | null | undefined
      ? C
      : never
    : never;
}[ColumnOf<T>];

function readersOf<Row, T extends CatalogTable>(columns: readonly ColumnOf<T>[]): ColumnReaders<Row, T> {
  return Object.fromEntries(
    columns.map((column) => {
      const property = rowProperty(column) as keyof Row;
      return [column, (row: Row) => row[property]];
    }),
  ) as unknown as ColumnReaders<Row, T>;
}

/**
 * `table` and `columns` of a TableSpec for rows of type Row, in the order named: each column read from the row
 * property of its camelCase name (`namedColumns<OpportunityRow>()('opportunity', ['key', 'created_at'])` reads
 * `key` and `createdAt`). A column the row does not carry, or carries with a value of another type, does not compile.
 */
export function namedColumns<Row>() {
  return <T extends CatalogTable>(table: T, columns: readonly NamedColumn<Row, T>[]): Pick<TableSpec<Row>, 'table' | 'columns'> =>
    tableColumns<Row, T>(table, readersOf<Row, T>(columns));
}

/**
 * namedColumns for every column of `table` in the catalogue's order, but those `except` leaves out: a row type
 * that does not carry one of the others does not compile (the missing columns are named in the error).
 */
export function catalogColumns<Row>() {
  return <T extends CatalogTable, const X extends ColumnOf<T> = never>(
    table: T,
    options: { except?: readonly X[] } = {},
    ..._missing: [Exclude<ColumnOf<T>, X | NamedColumn<Row, T>>] extends [never]
      ? []
      : [missing: Exclude<ColumnOf<T>, X | NamedColumn<Row, T>>]
  ): Pick<TableSpec<Row>, 'table' | 'columns'> => {
    const except = new Set<string>(options.except ?? []);
    const columns = (Object.keys(COLUMN_TYPES[table]) as ColumnOf<T>[]).filter((c) => !except.has(c));
    return tableColumns<Row, T>(table, readersOf<Row, T>(columns));
  };
}
