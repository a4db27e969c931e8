// SQL for the engine's own rows: overrides in force, partner keys, credit
// allocation inserts. Bounded queries per batch, values as exact text.
import type { Lane } from '../domain/enums.js';
import type { AllocationRow } from './allocations.js';
import type { SqlClient } from './db.js';
import { pgArray, toDate } from './db.js';
import type { OverrideFacts } from './overrides.js';

export class UnknownPartnerError extends Error {
  readonly code = 'UNKNOWN_PARTNER';
  constructor(readonly partnerKeys: string[]) {
    super(`the rules credited partner${partnerKeys.length > 1 ? 's' : ''} ${partnerKeys.join(', ')} that ${partnerKeys.length > 1 ? 'are' : 'is'} not in the database; credit only partners from the facts, or import the partner first`);
    this.name = 'UnknownPartnerError';
  }
}

interface OverrideRow {
  id: string; opportunity_id: string; partner_key: string | null; dispute_id: string | null; rule_set_key: string | null;
  lane: Lane; role: string; share: string; reason: string; approved_by: string; approved_at: unknown;
}

/** Active overrides for these opportunities that apply to the rule set, in approval order. */
export async function loadActiveOverrides(sql: SqlClient, opportunityIds: readonly string[], ruleSetKey: string): Promise<Map<string, OverrideFacts[]>> {
  const rows = await sql.query<OverrideRow>(
    `SELECT ov.id::text AS id, ov.opportunity_id::text AS opportunity_id, p.key AS partner_key,
            ov.dispute_id::text AS dispute_id, ov.rule_set_key, ov.lane::text AS lane, ov.role,
            ov.share::text AS share, ov.reason, ov.approved_by, ov.approved_at
       FROM override ov LEFT JOIN partner p ON p.id = ov.partner_id
      WHERE ov.status = 'active' AND ov.opportunity_id = ANY($1::uuid[])
        AND (ov.rule_set_key IS NULL OR ov.rule_set_key = $2)
      ORDER BY ov.approved_at, ov.id`,
    [pgArray(opportunityIds), ruleSetKey],
  );
  const map = new Map<string, OverrideFacts[]>();
  for (const r of rows) {
    const o: OverrideFacts = {
      id: r.id, opportunityId: r.opportunity_id, partnerKey: r.partner_key, disputeId: r.dispute_id,
      ruleSetKey: r.rule_set_key, lane: r.lane, role: r.role, share: r.share, reason: r.reason,
      approvedBy: r.approved_by, approvedAt: toDate(r.approved_at),
    };
    const list = map.get(o.opportunityId);
    if (list) list.push(o); else map.set(o.opportunityId, [o]);
  }
  return map;
}

/** Resolves partner keys to ids, caching across batches; unknown keys fail. */
export class PartnerDirectory {
  private readonly ids = new Map<string, string>();
  constructor(private readonly sql: SqlClient) {}

  async resolve(keys: Iterable<string>): Promise<Map<string, string>> {
    const missing = [...new Set(keys)].filter((k) => !this.ids.has(k));
    if (missing.length) {
      const rows = await this.sql.query<{ key: string; id: string }>(
        'SELECT key, id::text AS id FROM partner WHERE key = ANY($1::text[])', [pgArray(missing)],
      );
      for (const r of rows) this.ids.set(r.key, r.id);
      const unknown = missing.filter((k) => !this.ids.has(k));
      if (unknown.length) throw new UnknownPartnerError(unknown.sort());
    }
    return this.ids;
  }
}

export interface AllocationTags {
  runId: string;
  ruleVersionId: string;
  ruleVersionNumber: number | null;
  sourceHash: string;
}

/** Inserts the rows (not current) in one statement (column arrays + unnest); returns how many. */
export async function insertAllocations(sql: SqlClient, tags: AllocationTags, rows: readonly AllocationRow[], partners: PartnerDirectory): Promise<number> {
  if (rows.length === 0) return 0;
  const ids = await partners.resolve(rows.flatMap((r) => (r.partnerKey ? [r.partnerKey] : [])));
  const column = (f: (r: AllocationRow) => string | null) => pgArray(rows.map(f));
  await sql.query(
    `INSERT INTO credit_allocation (id, run_id, rule_version_id, rule_version_number, source_hash, opportunity_id,
                                    partner_id, lane, role, share, amount, currency, contributing_touchpoint_ids,
                                    explanation, is_current, override_id)
     SELECT gen_random_uuid(), $1::uuid, $2::uuid, $3::int, $4, u.o::uuid, u.p::uuid, u.l::"Lane", u.r,
            u.s::numeric, u.a::numeric, u.c, u.t::uuid[], u.e::jsonb, false, u.ov::uuid
       FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
            WITH ORDINALITY AS u(o, p, l, r, s, a, c, t, e, ov, ord)
      ORDER BY u.ord`,
    [
      tags.runId, tags.ruleVersionId, tags.ruleVersionNumber, tags.sourceHash,
      column((r) => r.opportunityId),
      column((r) => (r.partnerKey ? ids.get(r.partnerKey)! : null)),
      column((r) => r.lane),
      column((r) => r.role),
      column((r) => r.share),
      column((r) => r.amount),
      column((r) => r.currency),
      column((r) => pgArray(r.contributingTouchpointIds)),
      column((r) => JSON.stringify(r.explanation)),
      column((r) => r.overrideId),
    ],
  );
  return rows.length;
}
