// opportunities.csv (src/domain/import-format.ts)
import { z } from 'zod';
import { OPPORTUNITY_TYPES } from '../../domain/enums.js';
import { IMPORT_FORMAT } from '../../domain/import-format.js';
import type { OpportunityRecord } from '../../domain/records.js';
import type { Vocabulary } from '../../domain/taxonomy.js';
import type { EntityImporter, RowProblem } from '../entity.js';
import { cell } from '../fields.js';
import { KeyLookup, KeySuggester, idsByKey, unknownReferenceHint, withSuggestion } from '../lookup.js';
import { catalogColumns } from '../../db/columns.js';
import { upsertByKey, upsertRows } from '../upsert.js';
import { arrayLiteral } from '../../db/sql-arrays.js';
import { parseCurrency, parseEnum, parseInstant, parseKey, parseMoney, parseTaxonomyKey, parseText, type Parsed } from '../values.js';

interface OpportunityImportRow extends OpportunityRecord {
  /** The account's key. */
  account: string;
}
interface ReadyOpportunity extends OpportunityImportRow {
  accountId: string;
}

const table = upsertByKey(catalogColumns<ReadyOpportunity>()('opportunity', { except: ['id', 'source_system', 'owner_rep'] }), ['key']);

export function opportunitiesImporter(now: Date, vocabulary: Vocabulary): EntityImporter<OpportunityImportRow, ReadyOpportunity> {
  const accounts = new KeyLookup(idsByKey('account'));
  const accountKeys = new KeySuggester('account');
  const tomorrow = now.getTime() + 86_400_000;
  const closedStages = vocabulary.keys('opportunity-stage').filter((k) => vocabulary.outcome(k) !== 'open');
  return {
    ...IMPORT_FORMAT.opportunities,
    entity: 'opportunity',
    schema: z
      .object({
        key: cell((s) => parseKey(s, 'opportunity key')),
        account: cell((s) => parseKey(s, 'account key')),
        name: cell((s) => parseText(s, 'opportunity name', { required: true, max: 300 })).transform((v) => v!),
        type: cell((s) => parseEnum(s, OPPORTUNITY_TYPES, 'opportunity type')),
        amount: cell((s) => parseMoney(s)),
        currency: cell(parseCurrency),
        stage: cell((s) => parseTaxonomyKey(s, 'opportunity-stage', vocabulary)),
        created_at: cell(parseInstant),
        closed_at: cell((s): Parsed<Date | null> => (s.trim() === '' ? { ok: true, value: null } : parseInstant(s))),
      })
      .superRefine((r, ctx) => {
        const closed = vocabulary.outcome(r.stage) !== 'open';
        if (closed && !r.closed_at) {
          ctx.addIssue({
            code: 'custom',
            path: ['closed_at'],
            message: `the stage is ${r.stage} but closed_at is empty`,
            params: { hint: 'write the date the deal closed, or correct the stage' },
          });
        } else if (!closed && r.closed_at) {
          ctx.addIssue({
            code: 'custom',
            path: ['closed_at'],
            message: `closed_at is set but the stage ${r.stage} is open`,
            params: {
              hint: `leave closed_at empty for open deals (an expected close date does not go here), or set a closed stage (${closedStages.join(', ')})`,
            },
          });
        } else if (r.closed_at && r.closed_at.getTime() < r.created_at.getTime()) {
          ctx.addIssue({
            code: 'custom',
            path: ['closed_at'],
            message: `closed_at ${r.closed_at.toISOString()} is before created_at ${r.created_at.toISOString()}`,
            params: { hint: 'check the two dates (day/month swapped?)' },
          });
        }
        if (r.created_at.getTime() > tomorrow) {
          ctx.addIssue({
            code: 'custom',
            path: ['created_at'],
            message: 'created_at is in the future',
            params: { hint: 'write when the opportunity was created in the CRM' },
          });
        }
      })
      .transform(
        (r): OpportunityImportRow => ({
          key: r.key,
          account: r.account,
          name: r.name,
          type: r.type,
          amount: r.amount,
          currency: r.currency,
          stage: r.stage,
          createdAt: r.created_at,
          closedAt: r.closed_at,
        }),
      ),
    keyOf: (r) => r.key,
    keyColumn: 'key',
    async resolve(sql, rows, ctx) {
      const ids = await accounts.resolve(
        sql,
        rows.map((r) => r.row.account),
      );
      const problems: RowProblem[] = [];
      const ready: ReadyOpportunity[] = [];
      for (const [index, { row }] of rows.entries()) {
        const accountId = ids.get(row.account);
        if (!accountId) {
          const hint = unknownReferenceHint('account', 'accounts.csv', ctx.rejectedFiles);
          problems.push({
            index,
            field: 'account',
            message: `no account with key "${row.account}"`,
            hint: withSuggestion(hint, await accountKeys.suggest(sql, row.account)),
          });
        } else {
          ready.push({ ...row, accountId });
        }
      }
      return { problems, ready };
    },
    write: (sql, ready) => upsertRows(sql, table, ready),
    rollupOpportunities: async (sql, ready) =>
      (
        await sql.query<{ id: string }>('SELECT id::text AS id FROM opportunity WHERE key = ANY($1::text[])', [
          arrayLiteral(ready.map((r) => r.key)),
        ])
      ).map((r) => r.id),
  };
}
