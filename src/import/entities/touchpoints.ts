// touchpoints.csv (src/domain/import-format.ts; declared_role, the rep-declared partner role, may be left out
// of the header: read as empty). Upserted by (source, external_id): the same partner action sent again is the
// same touchpoint.
import { z } from 'zod';
import type { OpportunityStage } from '../../domain/enums.js';
import { IMPORT_FORMAT } from '../../domain/import-format.js';
import type { TouchpointRecord } from '../../domain/records.js';
import type { Vocabulary } from '../../domain/taxonomy.js';
import type { SqlClient } from '../../db/client.js';
import type { EntityImporter, RowProblem } from '../entity.js';
import { cell } from '../fields.js';
import { KeyLookup, KeySuggester, idsByKey, unknownReferenceHint, withSuggestion } from '../lookup.js';
import { catalogColumns } from '../../db/columns.js';
import { upsertByKey, upsertRows } from '../upsert.js';
import { arrayLiteral } from '../../db/sql-arrays.js';
import { parseDeclaredRole, parseDepth, parseInstant, parseKey, parseTaxonomyKey, parseText } from '../values.js';
import type { DeclaredRole } from '../../domain/declared-role.js';

interface TouchpointImportRow extends Omit<TouchpointRecord, 'stageAtTouch'> {
  /** The opportunity's and the partner's keys. */
  opportunity: string;
  partner: string;
  declaredRole: DeclaredRole | null;
}
interface ReadyTouchpoint extends TouchpointImportRow {
  opportunityId: string;
  partnerId: string;
  stageAtTouch: OpportunityStage | null;
}
interface OpportunityRef {
  id: string;
  stage: OpportunityStage;
  createdAt: Date;
  closedAt: Date | null;
}

const table = upsertByKey(
  catalogColumns<ReadyTouchpoint>()('touchpoint', { except: ['id', 'account_id', 'metadata', 'deleted_at', 'ingest_event_id'] }),
  ['source', 'external_id'],
  // stage_at_touch is only derived on insert: another source may know it better.
  ['stage_at_touch'],
);

async function loadOpportunities(sql: SqlClient, keys: string[]): Promise<Map<string, OpportunityRef>> {
  const rows = await sql.query<{ key: string; id: string; stage: OpportunityStage; created_at: Date; closed_at: Date | null }>(
    'SELECT key, id, stage, created_at, closed_at FROM opportunity WHERE key = ANY($1::text[])',
    [keys],
  );
  return new Map(rows.map((r) => [r.key, { id: r.id, stage: r.stage, createdAt: r.created_at, closedAt: r.closed_at }]));
}

/** The stage at the time of the touch when the data says it for sure: after close it is the closing stage. */
function knownStageAt(opp: OpportunityRef, at: Date): OpportunityStage | null {
  if (opp.closedAt && at.getTime() >= opp.closedAt.getTime()) return opp.stage;
  return null;
}

export function touchpointsImporter(now: Date, vocabulary: Vocabulary): EntityImporter<TouchpointImportRow, ReadyTouchpoint> {
  const opportunities = new KeyLookup(loadOpportunities);
  const partners = new KeyLookup(idsByKey('partner'));
  const partnerKeys = new KeySuggester('partner');
  const tomorrow = now.getTime() + 86_400_000;
  return {
    ...IMPORT_FORMAT.touchpoints,
    entity: 'touchpoint',
    schema: z
      .object({
        external_id: cell((s) => parseText(s, 'external_id', { required: true, max: 200 })).transform((v) => v!),
        source: cell((s) => parseKey(s, 'source')),
        opportunity: cell((s) => parseKey(s, 'opportunity key')),
        partner: cell((s) => parseKey(s, 'partner key')),
        action: cell((s) => parseTaxonomyKey(s, 'action-type', vocabulary)),
        channel: cell((s) => parseTaxonomyKey(s, 'channel', vocabulary)),
        occurred_at: cell(parseInstant),
        proof: cell((s) => parseText(s, 'proof', { max: 2000 })),
        owner: cell((s) => parseText(s, 'owner', { max: 200 })),
        next_step: cell((s) => parseText(s, 'next step', { max: 2000 })),
        engagement_depth: cell(parseDepth),
        declared_role: cell(parseDeclaredRole),
      })
      .superRefine((r, ctx) => {
        if (r.occurred_at.getTime() > tomorrow) {
          ctx.addIssue({
            code: 'custom',
            path: ['occurred_at'],
            message: 'occurred_at is in the future',
            params: { hint: 'write the date the partner action happened' },
          });
        }
      })
      .transform(
        (r): TouchpointImportRow => ({
          externalId: r.external_id,
          source: r.source,
          opportunity: r.opportunity,
          partner: r.partner,
          action: r.action,
          channel: r.channel,
          occurredAt: r.occurred_at,
          proof: r.proof,
          owner: r.owner,
          nextJointStep: r.next_step,
          engagementDepth: r.engagement_depth,
          declaredRole: r.declared_role,
        }),
      ),
    keyOf: (r) => `${r.source}\u0000${r.externalId}`,
    keyColumn: 'external_id',
    async resolve(sql, rows, ctx) {
      const opps = await opportunities.resolve(
        sql,
        rows.map((r) => r.row.opportunity),
      );
      const parts = await partners.resolve(
        sql,
        rows.map((r) => r.row.partner),
      );
      const problems: RowProblem[] = [];
      const ready: ReadyTouchpoint[] = [];
      for (const [index, { row }] of rows.entries()) {
        const opp = opps.get(row.opportunity);
        const partnerId = parts.get(row.partner);
        if (!opp)
          problems.push({
            index,
            field: 'opportunity',
            message: `no opportunity with key "${row.opportunity}"`,
            hint: unknownReferenceHint('opportunity', 'opportunities.csv', ctx.rejectedFiles),
          });
        if (!partnerId) {
          const hint = unknownReferenceHint('partner', 'partners.csv', ctx.rejectedFiles);
          problems.push({
            index,
            field: 'partner',
            message: `no partner with key "${row.partner}"`,
            hint: withSuggestion(hint, await partnerKeys.suggest(sql, row.partner)),
          });
        }
        if (opp && partnerId) ready.push({ ...row, opportunityId: opp.id, partnerId, stageAtTouch: knownStageAt(opp, row.occurredAt) });
      }
      return { problems, ready };
    },
    write: (sql, ready) => upsertRows(sql, table, ready),
    // The rows' deals and the deals the existing touches are on (a touch may move).
    rollupOpportunities: async (sql, ready) => {
      const before = await sql.query<{ id: string }>(
        `SELECT DISTINCT t.opportunity_id::text AS id FROM touchpoint t
           JOIN unnest($1::text[], $2::text[]) AS k(source, external_id) ON t.source = k.source AND t.external_id = k.external_id
          WHERE t.opportunity_id IS NOT NULL`,
        [arrayLiteral(ready.map((r) => r.source)), arrayLiteral(ready.map((r) => r.externalId))],
      );
      return [...new Set([...before.map((r) => r.id), ...ready.map((r) => r.opportunityId)])];
    },
  };
}
