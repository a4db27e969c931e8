// accounts.csv (src/domain/import-format.ts)
import { z } from 'zod';
import { IMPORT_FORMAT } from '../../domain/import-format.js';
import type { EntityImporter } from '../entity.js';
import { cell } from '../fields.js';
import { namedColumns } from '../../db/columns.js';
import { upsertByKey, upsertRows } from '../upsert.js';
import { parseDomain, parseKey, parseText } from '../values.js';

interface AccountImportRow {
  key: string;
  name: string;
  domain: string | null;
}

const table = upsertByKey(namedColumns<AccountImportRow>()('account', ['key', 'name', 'domain']), ['key']);

export const accountsImporter: EntityImporter<AccountImportRow, AccountImportRow> = {
  ...IMPORT_FORMAT.accounts,
  entity: 'account',
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
