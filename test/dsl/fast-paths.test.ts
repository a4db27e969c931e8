// The runtime's fast paths against the exact ones they replace: the
// integer-weight credit path (chosen at compile time for first_touch,
// last_touch, linear and none without weights, caps or floors) must give the
// same result, to the byte of the stored JSON, as the general BigInt-rational
// path; the integer largest remainder must equal the rational one; and the
// day-number isoDate must equal toISOString().
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateLane, allocateLaneByUnits, splitByUnits } from '../../src/dsl/allocate.js';
import { isoDate } from '../../src/dsl/conditions.js';
import { compileRules } from '../../src/dsl/index.js';
import { largestRemainderOfRatios, mul, parseRatio, ratio } from '../../src/domain/rational.js';
import { orderTouches } from '../../src/dsl/models.js';
import { evaluateLanes, hasIntegerCredit } from '../../src/dsl/runtime/index.js';
import { AS_OF, amountArb, factsArb } from './support/facts.js';
import { parseAmount } from '../../src/domain/decimal.js';

interface RuleSettings {
  grants: string;
  model: string;
  select: string;
  when: string;
  second: boolean;
  policy: string;
  otherwise: string;
}

const ruleArb: fc.Arbitrary<RuleSettings> = fc.record({
  grants: fc.constantFrom('100', '60', '33.5', '0', '12.345', '99.9999'),
  model: fc.constantFrom('first_touch', 'last_touch', 'linear', 'none'),
  select: fc.constantFrom('all', 'earliest', 'latest'),
  when: fc.constantFrom(
    '',
    'when proof is present',
    'when within 45 days before close',
    'when channel in [co_sell, content] or depth >= 3',
    'when action not in [webinar] and partner is on account',
    'when not (stage_at_touch is negotiation)',
  ),
  second: fc.boolean(),
  policy: fc.constantFrom('first', 'unique'),
  otherwise: fc.constantFrom(
    '',
    'otherwise role attached for partners on account',
    'otherwise role attached for partners on account credit even',
    'otherwise role unattributed',
  ),
});

function ruleFile(r: RuleSettings): string {
  return `ruleset generated "Generated"
lane influence grants ${r.grants}% hit policy ${r.policy} {
  rule "Generated rule" ${r.when} {
    credit ${r.model}
    select ${r.select}
  }
  ${r.second ? 'rule "Second" when proof is missing { role disputed credit linear }' : ''}
  ${r.otherwise}
}
lane source grants 100% {
  rule "Origin" when action in [referral, deal_registration] { select earliest credit first_touch }
}
`;
}

describe('integer-weight credit path', () => {
  it('is chosen from the rule structure only', () => {
    const compiled = compileRules(`ruleset x "X"
lane influence grants 100% {
  rule "A" when proof is present { credit linear }
  rule "B" when depth >= 3 { credit linear weight channel co_sell 2 }
  rule "C" when depth >= 2 { credit first_touch cap partner 50% }
  rule "D" { credit u_shaped }
}
`);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
    expect(compiled.rules.lanes[0]!.rules.map((r) => [r.name, r.integerCredit, hasIntegerCredit(r)])).toEqual([
      ['A', true, true],
      ['B', false, false],
      ['C', false, false],
      ['D', false, false],
    ]);
  });

  it('gives the same JSON as the exact rational path on random opportunities', () => {
    fc.assert(
      fc.property(ruleArb, factsArb, fc.boolean(), (r, facts, open) => {
        const compiled = compileRules(ruleFile(r));
        if (!compiled.ok)
          throw new Error(`generated file does not compile: ${JSON.stringify(compiled.diagnostics.map((d) => d.message))}\n${ruleFile(r)}`);
        expect(compiled.rules.lanes.every((l) => l.rules.every((x) => x.integerCredit))).toBe(true);
        const options = open ? {} : { asOf: AS_OF };
        const fast = evaluateLanes(compiled.rules.lanes, facts, options);
        const exact = evaluateLanes(compiled.rules.lanes, facts, options, { integerCredit: false });
        expect(JSON.stringify(fast)).toBe(JSON.stringify(exact));
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same JSON as the exact path for the standard library files', async () => {
    const { readFileSync } = await import('node:fs');
    for (const file of ['dsl/two_lane.attr', 'dsl/models/linear.attr', 'dsl/models/first_touch.attr', 'dsl/models/last_touch.attr']) {
      const compiled = compileRules(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));
      if (!compiled.ok) throw new Error(file);
      fc.assert(
        fc.property(factsArb, (facts) => {
          const fast = evaluateLanes(compiled.rules.lanes, facts, { asOf: AS_OF });
          const exact = evaluateLanes(compiled.rules.lanes, facts, { asOf: AS_OF }, { integerCredit: false });
          expect(JSON.stringify(fast)).toBe(JSON.stringify(exact));
        }),
        { numRuns: 150 },
      );
    }
  });
});

describe('integer largest remainder', () => {
  const keysArb = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3, unit: fc.constantFrom('a', 'b', 'c', 'd') }), {
    minLength: 1,
    maxLength: 6,
  });
  it('splits like the rational largest remainder, for safe and huge totals', () => {
    fc.assert(
      fc.property(
        keysArb,
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 6, maxLength: 6 }),
        fc.oneof(fc.bigInt({ min: 0n, max: 10_000_000_000n }), fc.bigInt({ min: 2n ** 52n, max: 2n ** 70n })),
        (keys, units, total) => {
          const credited = keys.map((key, i) => ({ key, units: units[i]! + 1 }));
          const W = credited.reduce((s, c) => s + c.units, 0);
          const expected = largestRemainderOfRatios(
            total,
            credited.map((c) => ratio(BigInt(c.units), BigInt(W))),
            { tieKeys: credited.map((c) => c.key) },
          );
          const parts = splitByUnits(total, credited);
          expect(parts.reduce((s, x) => s + x, 0n)).toBe(total);
          expect(credited.map((c, i) => [c.key, parts[i]])).toEqual(credited.map((c, i) => [c.key, expected[i]]));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('allocates a lane like allocateLane with the same fractions', () => {
    fc.assert(
      fc.property(
        keysArb,
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 6, maxLength: 6 }),
        amountArb,
        fc.constantFrom(ratio(1n), ratio(3n, 5n), ratio(67n, 200n), ratio(0n), ratio(12345n, 100000n)),
        (keys, units, amount, share) => {
          const credited = keys.map((key, i) => ({ key, units: units[i]! }));
          const W = credited.reduce((s, c) => s + c.units, 0);
          const cents = parseAmount(amount);
          const byUnits = allocateLaneByUnits(cents, share, credited, W);
          const exact = allocateLane(cents, share, new Map(credited.map((c) => [c.key, ratio(BigInt(c.units), BigInt(W))])));
          expect(byUnits).toEqual(exact);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('isoDate', () => {
  it('equals toISOString().slice(0, 10) for any valid date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 }), (ms) => {
        const d = new Date(ms);
        expect(isoDate(d)).toBe(d.toISOString().slice(0, 10));
      }),
      { numRuns: 2000 },
    );
    for (const ms of [
      0,
      -1,
      86_399_999,
      86_400_000,
      Date.UTC(2000, 1, 29),
      Date.UTC(1900, 2, 1) - 1,
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(1000, 0, 1),
      Date.UTC(999, 11, 31),
    ]) {
      expect(isoDate(new Date(ms))).toBe(new Date(ms).toISOString().slice(0, 10));
    }
  });
});

describe('parseAmount', () => {
  it('equals the rational definition (decimal x 100, integral) or throws like it', () => {
    const decimalArb = fc
      .tuple(
        fc.boolean(),
        fc.bigInt({ min: 0n, max: 10n ** 20n }),
        fc.option(fc.string({ minLength: 1, maxLength: 5, unit: fc.constantFrom('0', '1', '5', '9') }), { nil: null }),
      )
      .map(([neg, whole, frac]) => `${neg ? '-' : ''}${whole}${frac === null ? '' : `.${frac}`}`);
    fc.assert(
      fc.property(fc.oneof(decimalArb, fc.constantFrom(' 12.30 ', '1.', '.5', 'abc', '', '1e3', '1.2.3')), (text) => {
        let expected: bigint | 'throws';
        try {
          const c = mul(parseRatio(text), ratio(100n));
          expected = c.den === 1n ? c.num : 'throws';
        } catch {
          expected = 'throws';
        }
        let actual: bigint | 'throws';
        try {
          actual = parseAmount(text);
        } catch {
          actual = 'throws';
        }
        expect(actual).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('orderTouches', () => {
  it('orders like a stable sort by time then external id, short and long lists, ties included', () => {
    const touchArb = fc
      .record({ at: fc.integer({ min: 0, max: 6 }), ext: fc.constantFrom('a', 'b', 'c', 'a1'), tag: fc.nat() })
      .map((x) => ({ occurredAt: new Date(Date.UTC(2026, 0, 1) + x.at * 3_600_000), externalId: x.ext, tag: x.tag }));
    fc.assert(
      fc.property(fc.oneof(fc.array(touchArb, { maxLength: 12 }), fc.array(touchArb, { minLength: 30, maxLength: 60 })), (touches) => {
        const expected = [...touches].sort(
          (a, b) =>
            a.occurredAt.getTime() - b.occurredAt.getTime() || (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0),
        );
        const input = [...touches];
        expect(orderTouches(touches)).toEqual(expected);
        expect(orderTouches(touches).every((t, i) => t === expected[i])).toBe(true);
        expect(touches).toEqual(input); // the input is not reordered
      }),
      { numRuns: 500 },
    );
  });
});
