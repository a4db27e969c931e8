// One column catalogue per table written in bulk (seed, import, touchpoint
// ingestion): each column's SQL type, the cast its text value gets
// (src/db/bulk.ts, src/ingest/touchpoint-writer.ts). A writer names the
// columns it fills and how to read each from its rows (tableColumns); the
// types come from here, so two writers of a table cannot disagree.
import type { ColumnSpec, TableSpec } from './bulk.js';

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
} as const;

type CatalogTable = keyof typeof COLUMN_TYPES;

/** `table` and `columns` of a TableSpec, in the order of `values`: each column's type from the catalogue. */
export function tableColumns<Row, T extends CatalogTable>(
  table: T,
  values: { readonly [C in keyof (typeof COLUMN_TYPES)[T]]?: ColumnSpec<Row>['value'] },
): Pick<TableSpec<Row>, 'table' | 'columns'> {
  const types = COLUMN_TYPES[table] as Readonly<Record<string, string>>;
  const columns = Object.entries(values as Record<string, ColumnSpec<Row>['value']>).map(
    ([name, value]): ColumnSpec<Row> => ({ name, type: types[name]!, value }),
  );
  return { table, columns };
}
