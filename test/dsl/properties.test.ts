// Property tests for the credit invariants: on random opportunities and
// random rule settings (models, weights, caps, floors, selections, lane
// percentages), lane shares stay within what the lane grants, amounts sum
// exactly to the granted amount, no partner appears twice in a lane, and the
// result is deterministic and independent of the input order of touches.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/dsl/index.js';
import { AS_OF, factsArb } from './support/facts.js';
import { stdlibFiles } from './support/files.js';
import { creditProblems } from './support/invariants.js';

const ruleArb = fc
  .record({
    grants: fc.constantFrom('100', '60', '33.5', '0', '12.345'),
    model: fc.constantFrom(
      'first_touch',
      'last_touch',
      'linear',
      'u_shaped 30/40/30',
      'w_shaped',
      'time_decay half life 3.5 days',
      'even',
      'none',
    ),
    select: fc.constantFrom('all', 'earliest', 'latest'),
    cap: fc.option(fc.constantFrom('10%', '33.3333%', '50%', '60%', '100%'), { nil: null }),
    floor: fc.option(fc.constantFrom('0%', '5%', '10%', '30%'), { nil: null }),
    weights: fc.boolean(),
    when: fc.constantFrom(
      '',
      'when proof is present',
      'when within 45 days before close',
      'when channel in [co_sell, content] or depth >= 3',
    ),
  })
  .filter(
    (r) => !(r.cap && r.floor && parseFloat(r.floor) > parseFloat(r.cap)) && !(r.model === 'none' && (r.cap || r.floor || r.weights)),
  );

interface RuleSettings {
  grants: string;
  model: string;
  select: string;
  cap: string | null;
  floor: string | null;
  weights: boolean;
  when: string;
}

function ruleFile(r: RuleSettings): string {
  return `ruleset generated "Generated"
lane influence grants ${r.grants}% {
  rule "Generated rule" ${r.when} {
    credit ${r.model}
    select ${r.select}
    ${r.weights ? 'weight channel co_sell 2, content 0.5\n    weight depth at least 4 by 1.5\n    weight action referral 0' : ''}
    ${r.cap ? `cap partner ${r.cap}` : ''}
    ${r.floor ? `floor partner ${r.floor}` : ''}
  }
  otherwise role attached for partners on account credit even
}
`;
}

const shuffled = <T>(xs: T[], seed: number): T[] => {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

describe('credit invariants', () => {
  it('hold for random rule settings on random opportunities', () => {
    fc.assert(
      fc.property(ruleArb, factsArb, fc.nat(), (r, facts, seed) => {
        const compiled = compileRules(ruleFile(r));
        if (!compiled.ok)
          throw new Error(`generated file does not compile: ${JSON.stringify(compiled.diagnostics.map((d) => d.message))}\n${ruleFile(r)}`);
        const result = compiled.rules.evaluate(facts, { asOf: AS_OF });
        expect(creditProblems(result, facts.amount)).toEqual([]);
        const lane = result.lanes[0]!;
        const grantedMicro = BigInt(lane.grantedShare.replace('.', ''));
        const laneMicro = BigInt(Math.round(parseFloat(r.grants) * 10_000));
        expect(grantedMicro <= laneMicro).toBe(true);
        if (r.cap && lane.rule === 'Generated rule') {
          const capMicro = (laneMicro * BigInt(Math.round(parseFloat(r.cap) * 10_000))) / 1_000_000n;
          for (const a of lane.allocations) expect(BigInt(a.share.replace('.', '')) <= capMicro + 1n).toBe(true);
        }
        // Deterministic, and independent of the order touches arrive in.
        const again = compiled.rules.evaluate({ ...facts, touchpoints: shuffled(facts.touchpoints, seed) }, { asOf: AS_OF });
        expect(again).toEqual(result);
      }),
      { numRuns: 300 },
    );
  });

  for (const { file, source } of stdlibFiles()) {
    it(`hold for ${file}`, () => {
      const compiled = compileRules(source, file);
      expect(compiled.ok).toBe(true);
      if (!compiled.ok) return;
      fc.assert(
        fc.property(factsArb, (facts) => {
          const result = compiled.rules.evaluate(facts, { asOf: AS_OF });
          expect(creditProblems(result, facts.amount)).toEqual([]);
          expect(compiled.rules.evaluate(facts, { asOf: AS_OF })).toEqual(result);
        }),
        { numRuns: 80 },
      );
    });
  }

  it('two_lane grants each lane to at most one role set and never double counts a partner', () => {
    const compiled = compileRules(stdlibFiles().find((f) => f.file === 'dsl/two_lane.attr')!.source);
    if (!compiled.ok) throw new Error('two_lane does not compile');
    fc.assert(
      fc.property(factsArb, (facts) => {
        const result = compiled.rules.evaluate(facts, { asOf: AS_OF });
        const source = result.lanes.find((l) => l.lane === 'source')!;
        // The source lane credits at most one partner (select earliest).
        expect(source.allocations.filter((a) => a.partnerKey !== null).length).toBeLessThanOrEqual(1);
        expect(new Set(result.lanes.map((l) => l.lane)).size).toBe(result.lanes.length);
      }),
      { numRuns: 150 },
    );
  });
});
