// An independent, deliberately plain re-implementation of the built-in
// model semantics, compared on random opportunities with (a) the exported
// model functions and (b) the compiled standard-library model files.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OpportunityFacts } from '../../src/domain/attribution.js';
import { compileRules, standardModelCredit, type BuiltinModel, U_SHAPED_DEFAULT, W_SHAPED_DEFAULT } from '../../src/dsl/index.js';
import { AS_OF, factsArb } from './support/facts.js';
import { ROOT } from './support/files.js';

// --- a tiny exact fraction, written here so the reference shares no code ---
type Q = [bigint, bigint];
const g = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  while (b) [a, b] = [b, a % b];
  return a;
};
const q = (n: bigint, d = 1n): Q => {
  const k = g(n, d) || 1n;
  return [n / k, d / k];
};
const qadd = (a: Q, b: Q): Q => q(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
const qmul = (a: Q, b: Q): Q => q(a[0] * b[0], a[1] * b[1]);
const qdiv = (a: Q, b: Q): Q => q(a[0] * b[1], a[1] * b[0]);

type RefModel = 'first_touch' | 'last_touch' | 'linear' | 'u_shaped' | 'w_shaped' | 'time_decay';

/** Touch weights in model order; exact for positional models. */
function refWeights(model: RefModel, n: number): Q[] {
  const w: Q[] = [];
  for (let i = 0; i < n; i++) {
    if (model === 'first_touch') w.push(q(i === 0 ? 1n : 0n));
    else if (model === 'last_touch') w.push(q(i === n - 1 ? 1n : 0n));
    else if (model === 'linear') w.push(q(1n, BigInt(n)));
    else if (model === 'u_shaped') {
      if (n === 1) w.push(q(1n));
      else if (n === 2) w.push(q(1n, 2n));
      else w.push(i === 0 || i === n - 1 ? q(2n, 5n) : q(1n, 5n * BigInt(n - 2)));
    } else if (model === 'w_shaped') {
      if (n <= 3) w.push(q(1n, BigInt(n)));
      else w.push(i === 0 || i === n - 1 || i === Math.floor((n - 1) / 2) ? q(3n, 10n) : q(1n, 10n * BigInt(n - 3)));
    }
  }
  return w;
}

interface RefAlloc {
  share: number;
  cents: bigint;
}

function reference(model: RefModel, facts: OpportunityFacts): Map<string, RefAlloc> {
  const touches = facts.touchpoints
    .filter((t) => !t.accountLevel && (facts.closedAt === null || t.occurredAt <= facts.closedAt))
    .sort(
      (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0),
    );
  const out = new Map<string, RefAlloc>();
  if (touches.length === 0) return out;
  const cents = BigInt(facts.amount.replace('.', ''));
  if (model === 'time_decay') {
    const ref = facts.closedAt ?? touches[touches.length - 1]!.occurredAt;
    const raw = touches.map((t) => 2 ** (-((ref.getTime() - t.occurredAt.getTime()) / 86_400_000) / 7));
    const total = raw.reduce((a, b) => a + b, 0);
    const per = new Map<string, number>();
    touches.forEach((t, i) => {
      per.set(t.partner.key, (per.get(t.partner.key) ?? 0) + raw[i]! / total);
    });
    const quotas = [...per].map(([k, f]) => ({ k, f, exact: Number(cents) * f }));
    const floors = quotas.map((x) => ({ ...x, c: BigInt(Math.floor(x.exact)) }));
    let left = cents - floors.reduce((s, x) => s + x.c, 0n);
    floors.sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || (a.k < b.k ? -1 : 1));
    for (const x of floors) {
      if (left > 0n) {
        x.c += 1n;
        left--;
      }
      out.set(x.k, { share: x.f, cents: x.c });
    }
    return out;
  }
  const w = refWeights(model, touches.length);
  const per = new Map<string, Q>();
  touches.forEach((t, i) => {
    per.set(t.partner.key, qadd(per.get(t.partner.key) ?? q(0n), w[i]!));
  });
  const credited = [...per].filter(([, f]) => f[0] !== 0n);
  const rows = credited.map(([k, f]) => {
    const exact = qmul(f, q(cents));
    return { k, f, c: exact[0] / exact[1], rem: qdiv(q(exact[0] % exact[1]), q(exact[1])) };
  });
  let left = cents - rows.reduce((s, r) => s + r.c, 0n);
  rows.sort((a, b) => {
    const d = a.rem[0] * b.rem[1] - b.rem[0] * a.rem[1];
    return d > 0n ? -1 : d < 0n ? 1 : a.k < b.k ? -1 : 1;
  });
  for (const r of rows) {
    if (left > 0n) {
      r.c += 1n;
      left--;
    }
    out.set(r.k, { share: Number(r.f[0]) / Number(r.f[1]), cents: r.c });
  }
  return out;
}

const MODELS: Record<RefModel, BuiltinModel> = {
  first_touch: { kind: 'first_touch' },
  last_touch: { kind: 'last_touch' },
  linear: { kind: 'linear' },
  u_shaped: { kind: 'u_shaped', ...U_SHAPED_DEFAULT },
  w_shaped: { kind: 'w_shaped', ...W_SHAPED_DEFAULT },
  time_decay: { kind: 'time_decay', halfLifeDays: 7 },
};

const toCents = (s: string): bigint => BigInt(s.replace('.', ''));

function compare(
  model: RefModel,
  got: Array<{ partnerKey: string | null; share: string; amount: string }>,
  want: Map<string, RefAlloc>,
): void {
  expect(got.map((a) => a.partnerKey).sort()).toEqual([...want.keys()].sort());
  for (const a of got) {
    const w = want.get(a.partnerKey!)!;
    expect(Math.abs(Number(a.share) - w.share)).toBeLessThanOrEqual(1e-6 + 1e-12);
    if (model === 'time_decay') {
      // Floats in the reference: a cent may move only where remainders nearly tie.
      const d = toCents(a.amount) - w.cents;
      expect(d >= -1n && d <= 1n).toBe(true);
    } else {
      expect(toCents(a.amount)).toBe(w.cents);
    }
  }
}

describe('built-in models agree with an independent reference', () => {
  for (const model of Object.keys(MODELS) as RefModel[]) {
    it(`${model}: exported model function`, () => {
      fc.assert(
        fc.property(factsArb, (facts) => {
          compare(model, standardModelCredit(MODELS[model], facts), reference(model, facts));
        }),
        { numRuns: 150 },
      );
    });

    it(`${model}: compiled dsl/models/${model}.attr`, () => {
      const compiled = compileRules(readFileSync(`${ROOT}dsl/models/${model}.attr`, 'utf8'));
      expect(compiled.ok).toBe(true);
      if (!compiled.ok) return;
      fc.assert(
        fc.property(factsArb, (facts) => {
          const lane = compiled.rules.evaluate(facts, { asOf: AS_OF }).lanes.find((l) => l.lane === 'influence')!;
          const want = reference(model, facts);
          if (want.size === 0) {
            expect(lane.allocations.map((a) => a.role)).toEqual(['unattributed']);
            return;
          }
          compare(model, lane.allocations, want);
          const sum = lane.allocations.reduce((s, a) => s + toCents(a.amount), 0n);
          expect(sum).toBe(toCents(facts.amount));
        }),
        { numRuns: 150 },
      );
    });
  }

  it('time decay at exactly one half-life is exact: 2/3 and 1/3', () => {
    const base = { id: 'x', key: 'K', name: 'n', type: 'new_business' as const, currency: 'USD', stage: 'closed_won' as const };
    const touch = (key: string, day: number, ext: string) => ({
      id: ext,
      source: 'crm',
      externalId: ext,
      partner: { key, name: key, type: 'other' as const, tier: 'gold' as const },
      action: 'webinar' as const,
      channel: 'content' as const,
      occurredAt: new Date(Date.UTC(2026, 0, day)),
      proof: null,
      owner: null,
      nextJointStep: null,
      engagementDepth: null,
      stageAtTouch: null,
      accountLevel: false,
    });
    const facts: OpportunityFacts = {
      ...base,
      amount: '300.00',
      createdAt: new Date(Date.UTC(2026, 0, 1)),
      closedAt: new Date(Date.UTC(2026, 0, 15)),
      account: { key: 'a', name: 'a', domain: null, segment: null, region: null, partners: [] },
      touchpoints: [touch('b', 8, 't1'), touch('a', 15, 't2')],
    };
    expect(standardModelCredit(MODELS.time_decay, facts).map((c) => [c.partnerKey, c.share, c.amount])).toEqual([
      ['a', '0.666667', '200.00'],
      ['b', '0.333333', '100.00'],
    ]);
  });
});
