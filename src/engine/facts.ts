// Loads what rules see about opportunities ("facts", src/domain/attribution.ts)
// in batches: three queries per batch whatever its size — opportunities with
// their accounts (a run fuses this one with its keyset pagination), the
// partners present on those accounts, and the live touches on the
// opportunities or (account-level) on their accounts. The plans rely on
// table statistics (the seed ANALYZEs after a bulk load; PGlite has no
// autovacuum, so a big unanalysed table is read with sequential scans).
// Money is read as text so it never passes through a float.
import type { AccountPartnerFacts, OpportunityFacts, PartnerFacts, TouchpointFacts } from '../domain/attribution.js';
import type { ActionType, Channel, OpportunityStage, PartnerTier, PartnerType } from '../domain/enums.js';
import type { StageOutcome } from '../domain/taxonomy.js';
import { normalizeDecimal, AMOUNT_PLACES } from '../domain/decimal.js';
import { arrayLiteral as pgArray } from '../db/sql-arrays.js';
import { toDate, toDateOrNull } from '../db/timestamps.js';
import type { SqlClient } from './db.js';

interface OpportunityRow extends Pick<OpportunityFacts, 'id' | 'key' | 'name' | 'type' | 'amount' | 'currency' | 'stage'> {
  outcome: StageOutcome;
  created_at: unknown;
  closed_at: unknown;
  account_id: string;
  account_key: string;
  account_name: string;
  domain: string | null;
  segment: string | null;
  region: string | null;
}

interface PartnerColumns {
  partner_key: string;
  partner_name: string;
  partner_type: PartnerType;
  partner_tier: PartnerTier;
}

interface AccountPartnerRow extends PartnerColumns {
  account_id: string;
  since: unknown;
  until: unknown;
}

interface TouchpointRow extends PartnerColumns {
  id: string;
  source: string;
  external_id: string;
  opportunity_id: string | null;
  account_id: string | null;
  action: ActionType;
  channel: Channel;
  occurred_at: unknown;
  proof: string | null;
  owner: string | null;
  next_joint_step: string | null;
  engagement_depth: number | null;
  stage_at_touch: OpportunityStage | null;
}

const PARTNER_COLUMNS = `p.key AS partner_key, p.name AS partner_name, p.type::text AS partner_type, p.tier::text AS partner_tier`;

const OPPORTUNITY_COLUMNS = `o.id::text AS id, o.key, o.name, o.type::text AS type, o.amount::text AS amount, o.currency,
            o.stage, o.outcome, o.created_at, o.closed_at, o.account_id::text AS account_id,
            a.key AS account_key, a.name AS account_name, a.domain, a.segment, a.region`;

/**
 * Facts for the given opportunities, in the order of `opportunityIds`
 * (unknown ids are skipped). Touches are ordered by time, then id.
 */
export async function loadOpportunityFacts(
  db: SqlClient | { sql: SqlClient },
  opportunityIds: readonly string[],
): Promise<OpportunityFacts[]> {
  if (opportunityIds.length === 0) return [];
  const sql = 'sql' in db ? db.sql : db;
  const ids = [...opportunityIds];
  const opportunities = await sql.query<OpportunityRow>(
    `SELECT ${OPPORTUNITY_COLUMNS}
       FROM opportunity o JOIN account a ON a.id = o.account_id
      WHERE o.id = ANY($1::uuid[])`,
    [pgArray(ids)],
  );
  const byId = new Map((await completeFacts(sql, opportunities)).map((f) => [f.id, f]));
  return ids.map((id) => byId.get(id)).filter((f): f is OpportunityFacts => f !== undefined);
}

/** One keyset page of opportunities (id order), read with their accounts in one query. */
export interface OpportunityPage {
  /** Opportunity rows of this page (pass to completeFacts). */
  rows: OpportunityRow[];
  /** Last id of the page: the cursor of the next one; null when the page is empty. */
  lastId: string | null;
  /** False when this page is the last one. */
  more: boolean;
}

/**
 * The next page of opportunities the filter selects after `cursor`, in id
 * order: the keyset pagination of a run, fused with the first facts query
 * (one round trip instead of two).
 */
export async function loadOpportunityPage(
  sql: SqlClient,
  filter: { where(): string; param(value: unknown): string; readonly params: unknown[] },
  limit: number,
): Promise<OpportunityPage> {
  const rows = await sql.query<OpportunityRow>(
    `SELECT ${OPPORTUNITY_COLUMNS}
       FROM opportunity o JOIN account a ON a.id = o.account_id
       ${filter.where()}
      ORDER BY o.id LIMIT ${filter.param(limit)}`,
    filter.params,
  );
  return { rows, lastId: rows.length ? rows[rows.length - 1]!.id : null, more: rows.length >= limit };
}

/**
 * The opportunities the filter selects among the next `span` ids after
 * `cursor` (id order): keyset pagination over the primary key, filtered after
 * the LIMIT. Unlike "filter … ORDER BY id LIMIT n" this reads each page's ids
 * straight off the index however the planner misjudges the filter (a window
 * and a hash partition look so selective to it that it sorts everything after
 * the cursor, page after page: quadratic in the table size). Pages may hold
 * fewer rows than `span`, even none; `lastId` is the span's end either way.
 * For full runs; selective scopes (a few ids) use loadOpportunityPage.
 */
export async function loadOpportunitySpan(
  sql: SqlClient,
  filter: { where(): string; param(value: unknown): string; readonly params: unknown[] },
  cursor: string | null,
  span: number,
): Promise<OpportunityPage> {
  const where = filter.where();
  const after = cursor ? `WHERE s.id > ${filter.param(cursor)}::uuid` : '';
  const limit = filter.param(span);
  const rows = await sql.query<OpportunityRow & { span_end: string | null; span_rows: number }>(
    `WITH span AS MATERIALIZED (SELECT s.* FROM opportunity s ${after} ORDER BY s.id LIMIT ${limit}),
          bounds AS (SELECT (SELECT e.id::text FROM span e ORDER BY e.id DESC LIMIT 1) AS span_end,
                            (SELECT count(*)::int FROM span) AS span_rows)
     SELECT b.span_end, b.span_rows, p.*
       FROM bounds b
       LEFT JOIN LATERAL (
         SELECT ${OPPORTUNITY_COLUMNS}
           FROM span o JOIN account a ON a.id = o.account_id
          ${where}) p ON true
      ORDER BY p.id`,
    filter.params,
  );
  const first = rows[0];
  const spanRows = first?.span_rows ?? 0;
  return {
    rows: rows.filter((r) => r.id !== null),
    lastId: first?.span_end ?? null,
    more: spanRows >= span,
  };
}

/**
 * The rest of the facts of these opportunities (partners on their accounts,
 * live touches), in the order of `opportunities`: two queries, run concurrently.
 */
export async function completeFacts(sql: SqlClient, opportunities: readonly OpportunityRow[]): Promise<OpportunityFacts[]> {
  if (opportunities.length === 0) return [];
  const ids = opportunities.map((o) => o.id);
  const accountIds = [...new Set(opportunities.map((o) => o.account_id))];

  const [accountPartners, touchpoints] = await Promise.all([
    sql.query<AccountPartnerRow>(
      `SELECT ap.account_id::text AS account_id, ap.since, ap.until, ${PARTNER_COLUMNS}
         FROM account_partner ap JOIN partner p ON p.id = ap.partner_id
        WHERE ap.account_id = ANY($1::uuid[])
        ORDER BY ap.account_id, ap.since, p.key`,
      [pgArray(accountIds)],
    ),
    sql.query<TouchpointRow>(
      `SELECT t.id::text AS id, t.source, t.external_id, t.opportunity_id::text AS opportunity_id,
              t.account_id::text AS account_id, t.action::text AS action, t.channel::text AS channel,
              t.occurred_at, t.proof, t.owner, t.next_joint_step, t.engagement_depth::int AS engagement_depth,
              t.stage_at_touch::text AS stage_at_touch, ${PARTNER_COLUMNS}
         FROM touchpoint t JOIN partner p ON p.id = t.partner_id
        WHERE t.deleted_at IS NULL
          AND (t.opportunity_id = ANY($1::uuid[])
               OR (t.opportunity_id IS NULL AND t.account_id = ANY($2::uuid[])))`,
      [pgArray(ids), pgArray(accountIds)],
    ),
  ]);

  const partnersByAccount = groupBy(accountPartners, (r) => r.account_id);
  const touchesByOpportunity = groupBy(
    touchpoints.filter((t) => t.opportunity_id),
    (t) => t.opportunity_id!,
  );
  const touchesByAccount = groupBy(
    touchpoints.filter((t) => !t.opportunity_id),
    (t) => t.account_id!,
  );

  return opportunities.map((o): OpportunityFacts => {
    const own = touchesByOpportunity.get(o.id) ?? [];
    const accountLevel = touchesByAccount.get(o.account_id) ?? [];
    // Ordered here (time, then id), not in SQL: the same order, without a sort over the whole batch on the server.
    const touches = [...own.map((t) => toTouch(t, false)), ...accountLevel.map((t) => toTouch(t, true))].sort(
      (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    return {
      id: o.id,
      key: o.key,
      name: o.name,
      type: o.type,
      amount: normalizeDecimal(o.amount, AMOUNT_PLACES),
      currency: o.currency,
      stage: o.stage,
      outcome: o.outcome,
      createdAt: toDate(o.created_at),
      closedAt: toDateOrNull(o.closed_at),
      account: {
        key: o.account_key,
        name: o.account_name,
        domain: o.domain,
        segment: o.segment,
        region: o.region,
        partners: (partnersByAccount.get(o.account_id) ?? []).map(toAccountPartner),
      },
      touchpoints: touches,
    };
  });
}

function toPartner(r: PartnerColumns): PartnerFacts {
  return { key: r.partner_key, name: r.partner_name, type: r.partner_type, tier: r.partner_tier };
}

function toAccountPartner(r: AccountPartnerRow): AccountPartnerFacts {
  return { partner: toPartner(r), since: toDate(r.since), until: toDateOrNull(r.until) };
}

function toTouch(t: TouchpointRow, accountLevel: boolean): TouchpointFacts {
  return {
    id: t.id,
    source: t.source,
    externalId: t.external_id,
    partner: toPartner(t),
    action: t.action,
    channel: t.channel,
    occurredAt: toDate(t.occurred_at),
    proof: t.proof,
    owner: t.owner,
    nextJointStep: t.next_joint_step,
    engagementDepth: t.engagement_depth === null ? null : Number(t.engagement_depth),
    stageAtTouch: t.stage_at_touch,
    accountLevel,
  };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}
