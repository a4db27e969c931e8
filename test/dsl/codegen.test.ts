// The generated test of a rule condition (src/dsl/codegen.ts) must answer
// exactly what the closures of conditions.ts answer, for every touch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defines as defineDecls, lanes, type Condition, type Define } from '../../src/dsl/ast.js';
import { compileCondition, compileRuleCondition, type TouchContext } from '../../src/dsl/conditions.js';
import { parseSource } from '../../src/dsl/parse.js';
import { printCondition } from '../../src/dsl/printer.js';
import { AS_OF, factsArb } from './support/facts.js';

const ATOMS = [
  'action in [referral, deal_registration]',
  'action not in [webinar, referral]',
  'action in []',
  'channel in [co_sell, content, referral, services, integration, marketplace, events, other, partner_portal]',
  'channel not in [co_sell, content, referral, services, integration, marketplace, events, other, partner_portal]',
  'proof is present',
  'proof is missing',
  'owner is present',
  'depth >= 3',
  'stage_at_touch is negotiation',
  'partner is on account',
  'partner is not on account',
  'partner.tier in [gold, platinum]',
  'within 90 days before close',
  'within 10 days after close',
  'no later than 30 days after created',
  'no earlier than 5 days before close',
  'no later than 60 days before close',
  'no earlier than 2 days after created',
  'early',
  'late',
  'undefined_name',
];

const conditionArb: fc.Arbitrary<string> = fc.letrec((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...ATOMS),
    fc
      .tuple(tie('cond') as fc.Arbitrary<string>, tie('cond') as fc.Arbitrary<string>, fc.constantFrom('and', 'or'))
      .map(([a, b, op]) => `(${a}) ${op} (${b})`),
    (tie('cond') as fc.Arbitrary<string>).map((a) => `not (${a})`),
  ),
})).cond;

function compile(condition: string): { rule: Condition; defs: Map<string, Define> } {
  const source = `ruleset x "X"
define early as action in [referral, deal_registration] and no later than 30 days after created
define late as (action in [security_review, executive_alignment] or proof is missing) and within 90 days before close
lane influence grants 100% { rule "R" when ${condition} { credit linear } }
`;
  const parsed = parseSource(source);
  const rule = lanes(parsed.ast)[0]?.items[0];
  if (parsed.diagnostics.some((d) => d.severity === 'error') || rule?.kind !== 'rule' || !rule.when)
    throw new Error(`did not parse: ${condition}\n${JSON.stringify(parsed.diagnostics.map((d) => d.message))}`);
  return { rule: rule.when, defs: new Map(defineDecls(parsed.ast).map((d) => [d.name.name, d])) };
}

describe('generated condition tests', () => {
  it('agree with the closure tests on random conditions and touches', () => {
    fc.assert(
      fc.property(conditionArb, factsArb, fc.boolean(), (condition, facts, open) => {
        const { rule, defs } = compile(condition);
        const generated = compileRuleCondition(rule, defs, printCondition).test;
        const closures = compileCondition(rule, defs, printCondition).test;
        const close = open ? AS_OF : (facts.closedAt ?? AS_OF);
        const accountPartners = new Set(facts.account.partners.map((p) => p.partner.key));
        // Every touch as generated, and moved onto each window's edges (and a millisecond either side).
        const DAY = 86_400_000;
        const edges = [0, 2, 5, 10, 30, 60, 90].flatMap((d) => [d * DAY, -d * DAY]).flatMap((ms) => [ms - 1, ms, ms + 1]);
        for (const touch of facts.touchpoints) {
          const variants = [
            touch,
            ...[close.getTime(), facts.createdAt.getTime()].flatMap((anchor) =>
              edges.map((ms) => ({ ...touch, occurredAt: new Date(anchor + ms) })),
            ),
          ];
          for (const t of variants) {
            const ctx: TouchContext = { touch: t, opportunity: facts, close, accountPartners };
            expect(generated(ctx)).toBe(closures(ctx));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('embeds values from the rule file as data, never as code', () => {
    const { rule, defs } = compile('action in ["x\\" || true || \\"", referral]');
    const test = compileRuleCondition(rule, defs, printCondition).test;
    const touch = { action: 'webinar' } as unknown as TouchContext['touch'];
    expect(test({ touch } as TouchContext)).toBe(false);
  });
});
