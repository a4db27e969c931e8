// accounts.csv: key,name,domain
import { z } from 'zod';
import type { EntityImporter } from '../entity.js';
import { cell } from '../fields.js';
import { tableColumns } from '../../db/columns.js';
import { upsertRows, type UpsertSpec } from '../upsert.js';
import { parseDomain, parseKey, parseText } from '../values.js';

interface AccountImportRow {
  key: string;
  name: string;
  domain: string | null;
}

const table: UpsertSpec<AccountImportRow> = {
  ...tableColumns('account', {
    key: (r) => r.key,
    name: (r) => r.name,
    domain: (r) => r.domain,
  }),
  constants: { id: 'gen_random_uuid()', updated_at: 'now()' },
  conflict: ['key'],
  compare: ['name', 'domain'],
};

export const accountsImporter: EntityImporter<AccountImportRow, AccountImportRow> = {
  file: 'accounts.csv',
  entity: 'account',
  header: ['key', 'name', 'domain'],
  schema: z.object({
    key: cell((s) => parseKey(s, 'account key')),
    name: cell((s) => parseText(s, 'account name', { required: true, max: 300 })).transform((v) => v!),
    domain: cell(parseDomain),
  }),
  keyOf: (r) => r.key,
  keyColumn: 'key',
  async resolve(_sql, rows) {
    return { problems: [], ready: rows.map((r) => r.row) };
  },
  write: (sql, ready) => upsertRows(sql, table, ready),
};
