// A tiny rules "language" for engine tests: the source is JSON naming a rule
// set, an effective window and a crediting model, plus in-file "tests" that
// pass or fail on purpose. It implements the same contract as src/dsl
// (OpportunityFacts in, OpportunityAttribution out, exact decimals), so the
// engine is tested independently of the real language. (The real standard
// models are exercised in dsl-models.test.ts when src/dsl is present.)
import { createHash } from 'node:crypto';
import type { AllocationResult, LaneResult, OpportunityAttribution, OpportunityFacts } from '../../../src/domain/attribution.js';
import type { RuleProgram, RulesLanguage } from '../../../src/engine/compile.js';
import { applyShare, formatAmount, formatShare, largestRemainder, parseAmount, parseShare } from '../../../src/domain/decimal.js';

export interface TestRulesSpec {
  ruleSet: string;
  effectiveFrom?: string | null;
  effectiveTo?: string | null;
  /** Share of the amount the source lane grants (default "1"). */
  sourceShare?: string;
  /** Share the influence lane grants (default "0.5"). */
  influenceShare?: string;
  /** Influence weights: "even" or "depth" (engagement depth). */
  weighting?: 'even' | 'depth';
  /** In-file tests: name → passes? */
  tests?: Record<string, boolean>;
  /** Makes the source fail to check (a diagnostic with this message). */
  error?: string;
  /** Makes evaluate throw for this opportunity key. */
  explodeOn?: string;
  /** Makes evaluate return broken numbers (to test the invariant guard). */
  broken?: boolean;
}

export function rulesSource(spec: TestRulesSpec): string {
  return JSON.stringify(spec, null, 2);
}

const SOURCING = new Set(['referral', 'deal_registration', 'marketplace_lead']);

function evaluate(spec: TestRulesSpec, facts: OpportunityFacts): OpportunityAttribution {
  if (spec.explodeOn === facts.key) throw new Error(`rule exploded on ${facts.key}`);
  const amount = parseAmount(facts.amount);
  const lanes: LaneResult[] = [];
  const direct = facts.touchpoints.filter((t) => !t.accountLevel);
  const sourcing = direct.find((t) => SOURCING.has(t.action));
  if (sourcing) {
    const share = parseShare(spec.sourceShare ?? '1');
    const granted = applyShare(amount, share);
    lanes.push({
      lane: 'source',
      grantedShare: formatShare(share),
      grantedAmount: formatAmount(granted),
      rule: 'first_sourcing_touch',
      allocations: [
        {
          lane: 'source',
          partnerKey: sourcing.partner.key,
          role: 'sourced',
          share: formatShare(share),
          amount: spec.broken ? formatAmount(granted + 1n) : formatAmount(granted),
          rule: 'first_sourcing_touch',
          touchpointIds: [sourcing.id],
          explanation: [
            { kind: 'rule', message: `${sourcing.partner.key} logged the first ${sourcing.action}`, touchpointId: sourcing.id },
          ],
        },
      ],
    });
  }
  const influencers = new Map<string, { ids: string[]; weight: bigint }>();
  for (const t of direct) {
    if (t === sourcing || t.partner.key === sourcing?.partner.key) continue;
    const w = spec.weighting === 'depth' ? BigInt(t.engagementDepth ?? 1) : 1n;
    const e = influencers.get(t.partner.key) ?? { ids: [], weight: 0n };
    e.ids.push(t.id);
    e.weight = spec.weighting === 'depth' ? e.weight + w : 1n;
    influencers.set(t.partner.key, e);
  }
  if (influencers.size) {
    const laneShare = parseShare(spec.influenceShare ?? '0.5');
    const keys = [...influencers.keys()].sort();
    const shares = largestRemainder(
      laneShare,
      keys.map((k) => influencers.get(k)!.weight),
      { allZero: 'zeros' },
    );
    const granted = applyShare(amount, laneShare);
    const amounts = largestRemainder(granted, shares, { allZero: 'zeros' });
    const allocations: AllocationResult[] = keys.map((k, i) => ({
      lane: 'influence',
      partnerKey: k,
      role: 'influenced',
      share: formatShare(shares[i]!),
      amount: formatAmount(amounts[i]!),
      rule: 'weighted_influence',
      touchpointIds: influencers.get(k)!.ids,
      explanation: [{ kind: 'weight', message: `${k} weight ${influencers.get(k)!.weight}` }],
    }));
    lanes.push({
      lane: 'influence',
      grantedShare: formatShare(laneShare),
      grantedAmount: formatAmount(granted),
      rule: 'weighted_influence',
      allocations,
    });
  }
  const excluded = facts.touchpoints
    .filter((t) => t.accountLevel)
    .map((t) => ({
      kind: 'excluded' as const,
      message: `account-level ${t.action} by ${t.partner.key} does not count`,
      touchpointId: t.id,
    }));
  return { opportunityKey: facts.key, lanes, excluded };
}

export const testLanguage: RulesLanguage = {
  compile(source) {
    let spec: TestRulesSpec;
    try {
      spec = JSON.parse(source) as TestRulesSpec;
    } catch (err) {
      return { ok: false, diagnostics: [{ code: 'SYNTAX', severity: 'error', message: (err as Error).message }] };
    }
    if (spec.error) return { ok: false, diagnostics: [{ code: 'CHECK', severity: 'error', message: spec.error }] };
    const hash = createHash('sha256').update(source).digest('hex');
    const program: RuleProgram = {
      header: { ruleSet: spec.ruleSet, effectiveFrom: spec.effectiveFrom ?? null, effectiveTo: spec.effectiveTo ?? null },
      sourceHash: hash,
      semanticHash: hash,
      evaluate: (facts) => evaluate(spec, facts),
    };
    return { ok: true, rules: program, diagnostics: [] };
  },
  runTests(source) {
    const spec = JSON.parse(source) as TestRulesSpec;
    const results = Object.entries(spec.tests ?? { default: true }).map(([name, ok]) => ({
      name,
      ok,
      message: ok ? undefined : 'expected sourced, got influenced',
    }));
    return { ok: results.every((r) => r.ok), results, diagnostics: [] };
  },
};
