// Property tests (fast-check) of the engine's invariants on random data:
//  - per opportunity and lane: shares sum to at most 100%, amounts sum
//    exactly to what the lane grants, no partner twice in a lane;
//  - overrides keep those invariants and survive recomputation.
// Pure properties run many cases; database properties fewer, each a real run.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AllocationResult, LaneResult, OpportunityAttribution } from '../../src/domain/attribution.js';
import { ACTION_TYPES, CHANNELS, type Lane } from '../../src/domain/enums.js';
import {
  applyShare,
  formatAmount,
  formatShare,
  largestRemainder,
  parseAmount,
  parseShare,
  SHARE_ONE,
  sumUnits,
} from '../../src/domain/decimal.js';
import { attributionProblems } from '../../src/engine/invariants.js';
import { applyOverrides, type OverrideFacts } from '../../src/engine/overrides.js';
import { recomputeOpportunities } from '../../src/engine/recompute.js';
import { startRun } from '../../src/engine/run.js';
import { createRuleSet, publishRuleVersion, saveDraft } from '../../src/rules/index.js';
import { createTestDatabase, backendLabel, type TestDatabase } from '../support/db.js';
import { insertOpportunities, type OpportunitySpec } from './support/data.js';

const PARTNERS = ['p1', 'p2', 'p3', 'p4', 'p5'];

// ---------------------------------------------------------------------------
// Pure: largest remainder and overrides over random sound rule results.
// ---------------------------------------------------------------------------

const cents = fc.bigInt({ min: 0n, max: 10n ** 12n });

const laneArb = (lane: Lane) =>
  fc
    .record({
      share: fc.bigInt({ min: 0n, max: SHARE_ONE }),
      partners: fc.uniqueArray(fc.constantFrom(...PARTNERS), { maxLength: 5 }),
      weights: fc.array(fc.bigInt({ min: 1n, max: 1000n }), { minLength: 5, maxLength: 5 }),
    })
    .map(({ share, partners, weights }) => ({ lane, share, partners, weights }));

function soundResult(
  amount: bigint,
  lanes: { lane: Lane; share: bigint; partners: string[]; weights: bigint[] }[],
): OpportunityAttribution {
  return {
    opportunityKey: 'X',
    excluded: [],
    lanes: lanes
      .filter((l) => l.partners.length > 0)
      .map((l): LaneResult => {
        const shares = largestRemainder(l.share, l.weights.slice(0, l.partners.length), { allZero: 'zeros' });
        const granted = applyShare(amount, l.share);
        const amounts = largestRemainder(granted, shares, { allZero: 'zeros' });
        return {
          lane: l.lane,
          grantedShare: formatShare(l.share),
          grantedAmount: formatAmount(granted),
          rule: 'r',
          allocations: l.partners.map(
            (p, i): AllocationResult => ({
              lane: l.lane,
              partnerKey: p,
              role: 'influenced',
              share: formatShare(shares[i]!),
              amount: formatAmount(amounts[i]!),
              rule: 'r',
              touchpointIds: [],
              explanation: [],
            }),
          ),
        };
      }),
  };
}

const overrideArb = fc.record({
  partnerKey: fc.option(fc.constantFrom(...PARTNERS), { nil: null, freq: 4 }),
  lane: fc.constantFrom<Lane>('source', 'influence'),
  role: fc.constantFrom('sourced', 'influenced', 'assisted_close', 'disputed'),
  share: fc.bigInt({ min: 0n, max: SHARE_ONE }),
  day: fc.integer({ min: 1, max: 28 }),
});

describe('engine invariants (pure)', () => {
  it('largest remainder always sums exactly and stays proportional within one unit', () => {
    fc.assert(
      fc.property(cents, fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 12 }), (total, weights) => {
        const parts = largestRemainder(total, weights, { allZero: 'zeros' });
        const w = sumUnits(weights);
        if (w === 0n) return parts.every((p) => p === 0n);
        expect(sumUnits(parts)).toBe(total);
        parts.forEach((p, i) => {
          const exact = (total * weights[i]!) / w;
          expect(p === exact || p === exact + 1n).toBe(true);
        });
        return true;
      }),
      { numRuns: 500 },
    );
  });

  it('overrides on sound results keep every lane sound, exact, and without double counting', () => {
    fc.assert(
      fc.property(
        cents,
        laneArb('source'),
        laneArb('influence'),
        fc.array(overrideArb, { maxLength: 6 }),
        (amount, src, infl, overrides) => {
          const base = soundResult(amount, [src, infl]);
          expect(attributionProblems(base, formatAmount(amount))).toEqual([]);
          const ovs: OverrideFacts[] = overrides.map((o, i) => ({
            id: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
            opportunityId: 'o',
            partnerKey: o.partnerKey,
            disputeId: null,
            ruleSetKey: null,
            lane: o.lane,
            role: o.role,
            share: formatShare(o.share),
            reason: 'r',
            approvedBy: 'fin',
            approvedAt: new Date(Date.UTC(2025, 0, o.day)),
          }));
          const result = applyOverrides(base, formatAmount(amount), ovs);
          expect(attributionProblems(result, formatAmount(amount))).toEqual([]);
          for (const lane of result.lanes) {
            expect(sumUnits(lane.allocations.map((a) => parseShare(a.share))) <= SHARE_ONE).toBe(true);
            expect(sumUnits(lane.allocations.map((a) => parseAmount(a.amount)))).toBe(parseAmount(lane.grantedAmount));
            const keys = lane.allocations.filter((a) => a.partnerKey).map((a) => a.partnerKey);
            expect(new Set(keys).size).toBe(keys.length);
            // The last-approved override for a partner in this lane is reflected (capped at what was left).
            const mine = ovs.filter((o) => o.lane === lane.lane);
            for (const p of PARTNERS) {
              const last = [...mine]
                .sort((a, b) => a.approvedAt.getTime() - b.approvedAt.getTime() || (a.id < b.id ? -1 : 1))
                .filter((o) => o.partnerKey === p || o.partnerKey === null)
                .at(-1);
              if (!last || last.partnerKey === null) continue;
              const got = lane.allocations.find((a) => a.partnerKey === p);
              if (parseShare(last.share) === 0n) expect(got).toBeUndefined();
              else if (got) {
                expect(got.overrideId).toBe(last.id);
                expect(parseShare(got.share) <= parseShare(last.share)).toBe(true);
              }
            }
          }
          // Applying the same overrides again changes nothing (idempotent, deterministic).
          expect(applyOverrides(result, formatAmount(amount), [])).toEqual(result);
          expect(applyOverrides(base, formatAmount(amount), ovs)).toEqual(result);
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------
// Database: random opportunities and touches through real runs (real DSL).
// ---------------------------------------------------------------------------

let db: TestDatabase;
const versionIds: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  for (const file of ['two_lane.attr', 'models/linear.attr', 'models/w_shaped.attr', 'models/time_decay.attr']) {
    const source = readFileSync(join(import.meta.dirname, '..', '..', 'dsl', file), 'utf8');
    const key = /^ruleset\s+(\S+)/m.exec(source)![1]!;
    await createRuleSet(db, { key, actor: 'test' });
    const { ruleVersion } = await saveDraft(db, { ruleSetKey: key, source, author: 'test' });
    versionIds.push((await publishRuleVersion(db, { ruleVersionId: ruleVersion.id, actor: 'test' })).ruleVersion.id);
  }
}, 120_000);
afterAll(async () => {
  await db?.close();
});

const dayArb = fc.integer({ min: 0, max: 200 }).map((d) => new Date(Date.UTC(2026, 0, 2) + d * 86_400_000).toISOString());
const touchArb = fc.record({
  partner: fc.constantFrom(...PARTNERS),
  action: fc.constantFrom(...ACTION_TYPES),
  channel: fc.constantFrom(...CHANNELS),
  at: dayArb,
  proof: fc.option(fc.constant('https://crm.example.com/n/1'), { nil: null }),
  depth: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  accountLevel: fc.boolean(),
});
const oppArb = fc.record({
  amount: fc.bigInt({ min: 0n, max: 5n * 10n ** 9n }).map((c) => formatAmount(c)),
  touches: fc.array(touchArb, { maxLength: 7 }),
  open: fc.boolean(),
});

let iteration = 0;

async function laneProblems(keys: string[]): Promise<string[]> {
  const rows = await db.sql.query<{
    opp: string;
    rs: string;
    lane: string;
    shares: string;
    amounts: string;
    granted: string;
    partners: number;
    partner_rows: number;
    overridden: number;
  }>(
    `SELECT o.key AS opp, rs.key AS rs, ca.lane::text AS lane, sum(ca.share)::text AS shares, sum(ca.amount)::text AS amounts,
            min(credit_explanation_of(ca)->'lane'->>'grantedAmount') AS granted, count(DISTINCT ca.partner_id)::int AS partners,
            count(ca.partner_id)::int AS partner_rows, count(ca.override_id)::int AS overridden
       FROM credit_allocation ca JOIN opportunity o ON o.id = ca.opportunity_id
       JOIN rule_version rv ON rv.id = ca.rule_version_id JOIN rule_set rs ON rs.id = rv.rule_set_id
      WHERE ca.is_current AND o.key = ANY($1::text[])
      GROUP BY o.key, rs.key, ca.lane`,
    [`{${keys.join(',')}}`],
  );
  const problems: string[] = [];
  for (const r of rows) {
    const where = `${r.rs}/${r.opp}/${r.lane}`;
    if (parseShare(r.shares) > SHARE_ONE) problems.push(`${where}: shares ${r.shares} > 1`);
    if (r.amounts !== r.granted && !(r.granted === null && r.amounts === '0.00'))
      problems.push(`${where}: amounts ${r.amounts} != granted ${r.granted}`);
    if (r.partners !== r.partner_rows) problems.push(`${where}: a partner twice`);
  }
  return problems;
}

describe(`engine invariants on random data ${backendLabel}`, () => {
  it('every run keeps every lane exact; overrides hold and survive recomputation', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(oppArb, { minLength: 1, maxLength: 4 }),
        fc.record({
          partner: fc.constantFrom(...PARTNERS),
          lane: fc.constantFrom<Lane>('source', 'influence'),
          share: fc.bigInt({ min: 1n, max: SHARE_ONE }),
        }),
        async (opps, ov) => {
          const it = ++iteration;
          const specs: OpportunitySpec[] = opps.map((o, i) => ({
            key: `R${it}-${i}`,
            account: `acct-R${it}-${i}`,
            amount: o.amount,
            createdAt: '2026-01-01T00:00:00Z',
            closedAt: o.open ? null : '2026-07-31T00:00:00Z',
            touches: o.touches,
          }));
          const ids = await insertOpportunities(db, specs);
          const keys = specs.map((s) => s.key);
          for (const id of versionIds) {
            await startRun(db, {
              ruleVersionId: id,
              kind: 'full',
              scope: { opportunityKeys: keys },
              triggeredBy: 'prop',
              asOf: '2026-08-15T00:00:00Z',
            });
          }
          expect(await laneProblems(keys)).toEqual([]);

          // An approved override on the first opportunity, for every rule set.
          const partnerId = (
            await db.sql.query<{ id: string }>(
              `INSERT INTO partner (id, key, name, type, updated_at) VALUES (gen_random_uuid(), $1, $1, 'referral', now())
           ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name RETURNING id::text AS id`,
              [ov.partner],
            )
          )[0]!.id;
          const [row] = await db.sql.query<{ id: string }>(
            `INSERT INTO override (id, opportunity_id, partner_id, lane, role, share, reason, approved_by)
           VALUES (gen_random_uuid(), $1::uuid, $2::uuid, $3::"Lane", 'influenced', $4::numeric, 'prop', 'fin') RETURNING id::text AS id`,
            [ids.get(keys[0]!)!, partnerId, ov.lane, formatShare(ov.share)],
          );
          for (let round = 0; round < 2; round++) {
            await recomputeOpportunities(db, [...ids.values()], { triggeredBy: 'prop', asOf: '2026-08-15T00:00:00Z' });
            expect(await laneProblems(keys)).toEqual([]);
            const held = await db.sql.query<{ share: string; n: number }>(
              `SELECT min(share)::text AS share, count(*)::int AS n FROM credit_allocation WHERE override_id = $1::uuid AND is_current`,
              [row!.id],
            );
            expect(held[0]!.n).toBe(versionIds.length); // one per rule set, after every recompute
            expect(held[0]!.share).toBe(formatShare(ov.share));
          }
          return true;
        },
      ),
      { numRuns: 6 },
    );
  }, 180_000);
});
