// The credit of any rule (every credit model, weights, caps and floors) on
// exact rationals.
import type { ExplanationStep, TouchpointFacts } from '../../domain/attribution.js';
import { add, cmp, div, mul, ratio, sum, ZERO, type Ratio } from '../../domain/rational.js';
import { allocateLane, applyCap, applyFloor, type Adjustment } from '../allocate.js';
import { modelWeights } from '../models.js';
import type { CompiledRule, CompiledWeight } from './compiled.js';
import { modelLabel, noWeightStep, type CreditModel } from './credit.js';
import { num, pct } from './explanation.js';
import { described } from './prepare.js';

function baseWeights(rule: CompiledRule, touches: TouchpointFacts[], closedAt: Date | null): Ratio[] {
  const spec = rule.credit;
  if (spec.kind === 'none') return touches.map(() => ZERO);
  if (spec.kind === 'even') {
    const counts = new Map<string, number>();
    for (const t of touches) counts.set(t.partner.key, (counts.get(t.partner.key) ?? 0) + 1);
    return touches.map((t) => ratio(1n, BigInt(counts.size * counts.get(t.partner.key)!)));
  }
  return modelWeights(spec, touches, closedAt);
}

function pushStep(steps: Map<string, ExplanationStep[]>, k: string, step: ExplanationStep): void {
  const s = steps.get(k);
  if (s) s.push(step);
  else steps.set(k, [step]);
}

function pushId(ids: Map<string, string[]>, k: string, id: string): void {
  const s = ids.get(k);
  if (s) s.push(id);
  else ids.set(k, [id]);
}

/** Any credit model, weights, caps and floors: exact rational arithmetic. */
export const exactCredit: CreditModel = (rule, lane, p, selected, excluded, excludedData) => {
  const q = p.qualifying;
  const touches = selected.map((i) => q[i]!);
  const n = touches.length;
  const base = baseWeights(rule, touches, p.facts.closedAt);
  const steps = new Map<string, ExplanationStep[]>();
  const touchIds = new Map<string, string[]>();
  // Each weight line's factor for each touch, computed once.
  const applied: Array<Array<{ cw: CompiledWeight; factor: Ratio; label: string; shown: string }>> = [];
  const weights: Ratio[] = [];
  for (let j = 0; j < n; j++) {
    const t = touches[j]!;
    let w = base[j] ?? ZERO;
    const fs: Array<{ cw: CompiledWeight; factor: Ratio; label: string; shown: string }> = [];
    for (const cw of rule.weights) {
      const f = cw.factor(t, p.facts);
      if (f) {
        w = mul(w, f.factor);
        fs.push({ cw, factor: f.factor, label: f.label, shown: num(f.factor) });
      }
    }
    applied.push(fs);
    weights.push(w);
  }
  const total = sum(weights);
  for (let j = 0; j < n; j++) {
    const t = touches[j]!;
    const i = selected[j]!;
    const w = weights[j]!;
    const b = base[j] ?? ZERO;
    const fs = applied[j]!;
    const factorText = fs.length ? `, ${fs.map((f) => `×${f.shown} for ${f.label}`).join(', ')}` : '';
    if (w.num === 0n && rule.credit.kind !== 'none') {
      excluded.push(noWeightStep(rule, p, i, j, n, excludedData, factorText));
      continue;
    }
    const k = t.partner.key;
    pushId(touchIds, k, t.id);
    const ofLane = total.num > 0n ? div(w, total) : ZERO;
    for (const f of fs) {
      pushStep(steps, k, {
        kind: 'weight',
        touchpointId: t.id,
        data: { factor: f.shown, dimension: f.cw.text },
        message: `${described(p, i)} weighs ×${f.shown} because of ${f.label}`,
      });
    }
    pushStep(steps, k, {
      kind: 'included',
      touchpointId: t.id,
      data: { baseWeight: num(b), weight: num(ofLane) },
      message: `${described(p, i)} counts: ${rule.creditText} weight ${num(b)} (${modelLabel(rule, j, n)})${factorText} → ${pct(ofLane)} of the lane`,
    });
  }
  // Partner fractions of the lane.
  let fractions = new Map<string, Ratio>();
  const order: string[] = [];
  for (let j = 0; j < n; j++) {
    const k = touches[j]!.partner.key;
    if (!fractions.has(k)) {
      fractions.set(k, ZERO);
      order.push(k);
    }
    if (total.num > 0n) fractions.set(k, add(fractions.get(k)!, div(weights[j]!, total)));
  }
  const adjustments: Adjustment[] = [];
  if (rule.credit.kind !== 'none' && total.num > 0n) {
    if (rule.floor) fractions = applyFloor(fractions, rule.floor, adjustments);
    if (rule.cap) {
      const before = fractions;
      fractions = applyCap(fractions, rule.cap, adjustments);
      const capped = new Set(adjustments.filter((a) => a.kind === 'cap').map((a) => a.partnerKey));
      for (const [k, f] of fractions) {
        const was = before.get(k) ?? ZERO;
        if (!capped.has(k) && cmp(f, was) > 0) {
          pushStep(steps, k, {
            kind: 'cap',
            data: { before: num(was), after: num(f) },
            message: `received part of the excess of capped partners: ${pct(was)} → ${pct(f)} of the lane`,
          });
        }
      }
    }
  } else {
    fractions = new Map([...fractions].map(([k]) => [k, ZERO]));
  }
  for (const a of adjustments) {
    pushStep(steps, a.partnerKey, {
      kind: a.kind,
      data: { before: num(a.before), after: num(a.after) },
      message:
        a.kind === 'cap'
          ? `capped at ${pct(rule.cap!)} of the lane (was ${pct(a.before)}); the excess went to the other partners in proportion`
          : `raised to the floor of ${pct(rule.floor!)} of the lane (was ${pct(a.before)}), taken from partners above the floor in proportion`,
    });
  }
  const alloc = allocateLane(p.amountCents, lane.grants, fractions);
  const grants = lane.grants;
  return {
    order,
    steps,
    touchIds,
    alloc,
    noCredit: rule.credit.kind === 'none' || total.num === 0n,
    rounded: (a) => {
      const exact = mul(mul(grants, a.fraction), ratio(p.amountCents, 100n));
      const exactCents = mul(exact, ratio(100n));
      return exactCents.den !== 1n || exactCents.num !== a.cents ? num(exact) : null;
    },
  };
};
