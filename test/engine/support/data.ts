// Inserts small, explicit data sets for engine tests through the real schema.
import type { Database } from '../../../src/db/client.js';
import type { ActionType, Channel } from '../../../src/domain/enums.js';

export interface TouchSpec {
  partner: string;
  action: ActionType;
  channel?: Channel;
  at: string;
  depth?: number;
  /** Logged on the account instead of the opportunity. */
  accountLevel?: boolean;
  deleted?: boolean;
  proof?: string | null;
}

export interface OpportunitySpec {
  key: string;
  account?: string;
  amount: string;
  stage?: 'prospecting' | 'closed_won' | 'closed_lost' | 'negotiation';
  createdAt?: string;
  closedAt?: string | null;
  touches?: TouchSpec[];
}

let externalSeq = 0;

export async function insertPartners(db: Pick<Database, 'sql'>, keys: string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const key of keys) {
    const [row] = await db.sql.query<{ id: string }>(
      `INSERT INTO partner (id, key, name, type, updated_at) VALUES (gen_random_uuid(), $1, $2, 'referral', now())
       ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name RETURNING id::text AS id`,
      [key, `Partner ${key}`],
    );
    ids.set(key, row!.id);
  }
  return ids;
}

export async function insertOpportunities(db: Pick<Database, 'sql'>, specs: OpportunitySpec[]): Promise<Map<string, string>> {
  const partnerKeys = [...new Set(specs.flatMap((s) => (s.touches ?? []).map((t) => t.partner)))];
  const partners = await insertPartners(db, partnerKeys);
  const ids = new Map<string, string>();
  for (const s of specs) {
    const accountKey = s.account ?? `acct-${s.key}`;
    const [account] = await db.sql.query<{ id: string }>(
      `INSERT INTO account (id, key, name, updated_at) VALUES (gen_random_uuid(), $1, $1, now())
       ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name RETURNING id::text AS id`,
      [accountKey],
    );
    const closedAt = s.closedAt === undefined ? '2025-03-15T12:00:00Z' : s.closedAt;
    const [opp] = await db.sql.query<{ id: string }>(
      `INSERT INTO opportunity (id, key, account_id, name, type, amount, stage, created_at, closed_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2::uuid, $1, 'new_business', $3::numeric, $4, $5::timestamptz, $6::timestamptz, now())
       RETURNING id::text AS id`,
      [s.key, account!.id, s.amount, s.stage ?? (closedAt ? 'closed_won' : 'prospecting'), s.createdAt ?? '2025-01-10T09:00:00Z', closedAt],
    );
    ids.set(s.key, opp!.id);
    for (const t of s.touches ?? [])
      await insertTouch(db, { opportunityId: opp!.id, accountId: account!.id, partnerId: partners.get(t.partner)!, touch: t });
  }
  return ids;
}

export async function insertTouch(
  db: Pick<Database, 'sql'>,
  input: { opportunityId: string; accountId: string; partnerId: string; touch: TouchSpec },
): Promise<string> {
  const t = input.touch;
  const [row] = await db.sql.query<{ id: string }>(
    `INSERT INTO touchpoint (id, source, external_id, opportunity_id, account_id, partner_id, action, channel, occurred_at,
                             engagement_depth, deleted_at, proof, updated_at)
     VALUES (gen_random_uuid(), 'test', $1, $2::uuid, $3::uuid, $4::uuid, $5, $6, $7::timestamptz, $8, $9::timestamptz, $10, now())
     RETURNING id::text AS id`,
    [
      `t${++externalSeq}-${Math.random().toString(36).slice(2, 8)}`,
      t.accountLevel ? null : input.opportunityId,
      input.accountId,
      input.partnerId,
      t.action,
      t.channel ?? 'co_sell',
      t.at,
      t.depth ?? null,
      t.deleted ? '2025-06-01T00:00:00Z' : null,
      t.proof ?? null,
    ],
  );
  return row!.id;
}

export interface CurrentAllocation {
  opportunity: string;
  partner: string | null;
  lane: string;
  role: string;
  share: string;
  amount: string;
  run_id: string;
  rule_version_number: number | null;
  override_id: string | null;
}

/** Current allocations by opportunity key, lane, partner key. */
export async function currentAllocations(db: Pick<Database, 'sql'>, ruleSetKey?: string): Promise<CurrentAllocation[]> {
  return db.sql.query<CurrentAllocation>(
    `SELECT o.key AS opportunity, p.key AS partner, ca.lane::text AS lane, ca.role, ca.share::text AS share, ca.amount::text AS amount,
            ca.run_id::text AS run_id, ca.rule_version_number, ca.override_id::text AS override_id
       FROM credit_allocation ca
       JOIN opportunity o ON o.id = ca.opportunity_id
       JOIN rule_version rv ON rv.id = ca.rule_version_id
       JOIN rule_set rs ON rs.id = rv.rule_set_id
       LEFT JOIN partner p ON p.id = ca.partner_id
      WHERE ca.is_current AND ($1::text IS NULL OR rs.key = $1)
      ORDER BY o.key, ca.lane, p.key NULLS FIRST, ca.role`,
    [ruleSetKey ?? null],
  );
}
