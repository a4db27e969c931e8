// One column catalogue per table written in bulk (seed, import, touchpoint
// ingestion, exchange rates): each column's SQL type, the cast its text value gets
// (src/db/bulk.ts, src/ingest/touchpoint-writer.ts), and per type how a value
// is written as that text (COLUMN_WRITERS): a date as YYYY-MM-DD, a timestamp
// as ISO-8601 in UTC, a decimal as its exact string, JSON as JSON text; a
// column then travels as one array parameter (bulk.ts's columnParams, through
// the one array encoder, src/db/sql-arrays.ts). A writer names the columns it
// fills and how to read each from its rows (tableColumns); the types and the
// text come from here, so two writers of a table cannot disagree.
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
export type ColumnValue<T extends CatalogTable, C extends keyof (typeof COLUMN_TYPES)[T]> = ColumnValues[(typeof COLUMN_TYPES)[T][C] &
  ColumnType];

/** How a writer reads each column it fills from its rows. */
export type ColumnReaders<Row, T extends CatalogTable> = {
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
