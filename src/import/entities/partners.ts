// partners.csv (src/domain/import-format.ts)
import { z } from 'zod';
import { IMPORT_FORMAT } from '../../domain/import-format.js';
import type { PartnerTier, PartnerType } from '../../domain/enums.js';
import type { Vocabulary } from '../../domain/taxonomy.js';
import type { EntityImporter } from '../entity.js';
import { cell } from '../fields.js';
import { namedColumns } from '../../db/columns.js';
import { upsertByKey, upsertRows } from '../upsert.js';
import { arrayLiteral } from '../../db/sql-arrays.js';
import { parseKey, parseTaxonomyKey, parseText } from '../values.js';

interface PartnerImportRow {
  key: string;
  name: string;
  type: PartnerType;
  tier: PartnerTier;
}

const table = upsertByKey(namedColumns<PartnerImportRow>()('partner', ['key', 'name', 'type', 'tier']), ['key']);

export function partnersImporter(vocabulary: Vocabulary): EntityImporter<PartnerImportRow, PartnerImportRow> {
  return {
    ...IMPORT_FORMAT.partners,
    entity: 'partner',
    schema: z.object({
      key: cell((s) => parseKey(s, 'partner key')),
      name: cell((s) => parseText(s, 'partner name', { required: true, max: 200 })).transform((v) => v!),
      type: cell((s) => parseTaxonomyKey(s, 'partner-type', vocabulary)),
      // An empty tier means the default tier.
      tier: cell((s) => (s.trim() === '' ? { ok: true as const, value: 'registered' } : parseTaxonomyKey(s, 'partner-tier', vocabulary))),
    }),
    keyOf: (r) => r.key,
    keyColumn: 'key',
    async resolve(_sql, rows) {
      return { problems: [], ready: rows.map((r) => r.row) };
    },
    write: (sql, ready) => upsertRows(sql, table, ready),
    // A partner's type groups its credit: the deals it holds current credit on.
    rollupOpportunities: async (sql, ready) =>
      (
        await sql.query<{ id: string }>(
          `SELECT DISTINCT ca.opportunity_id::text AS id FROM credit_allocation ca JOIN partner p ON p.id = ca.partner_id
            WHERE ca.is_current AND p.key = ANY($1::text[])`,
          [arrayLiteral(ready.map((r) => r.key))],
        )
      ).map((r) => r.id),
  };
}
