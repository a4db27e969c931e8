// Targeted checks of the checker: each case is a small rule file and the
// diagnostic it must produce (code, severity, position, wording), plus
// cases that must stay clean.
import { describe, expect, it } from 'vitest';
import { checkRules, type Diagnostic } from '../../src/dsl/index.js';

const HEAD = 'ruleset t "T"\nowner "o@example.com"\n';
const lane = (body: string, head = 'lane influence grants 100%') => `${HEAD}${head} {\n${body}\n}\n`;

function find(src: string, code: string): Diagnostic {
  const { diagnostics } = checkRules(src, 't.attr');
  const d = diagnostics.find((x) => x.code === code);
  if (!d) throw new Error(`no ${code} in ${JSON.stringify(diagnostics.map((x) => `${x.code}: ${x.message}`))}`);
  return d;
}
const at = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.column}`;

describe('checker diagnostics', () => {
  const cases: Array<[string, string, string, Diagnostic['severity'], string, RegExp, RegExp?]> = [
    [
      'unknown enum value with a suggestion',
      lane('  rule "R" when action is joint_discovry { credit linear }'),
      'unknown-value',
      'error',
      '4:27',
      /`joint_discovry` is not an action type/,
      /did you mean `joint_discovery`\?/,
    ],
    [
      'unknown field with a suggestion',
      lane('  rule "R" when partner.teir is gold { credit linear }'),
      'unknown-field',
      'error',
      '4:17',
      /unknown field `partner.teir`/,
      /`partner.tier`/,
    ],
    [
      'partial word suggestion',
      lane('  rule "R" when action in [discovery] { credit linear }'),
      'unknown-value',
      'error',
      '4:28',
      /discovery/,
      /`joint_discovery`/,
    ],
    [
      'money compared with a percentage',
      lane('  rule "R" when opportunity.amount > 50% { credit linear }'),
      'unit-mismatch',
      'error',
      '4:38',
      /money, not a percentage/,
    ],
    [
      'window without a unit',
      lane('  rule "R" when within 90 before close { credit linear }'),
      'unit-mismatch',
      'error',
      '4:24',
      /number of days/,
      /write 90 days/,
    ],
    [
      'days where money is expected',
      lane('  rule "R" when opportunity.amount >= 30 days { credit linear }'),
      'unit-mismatch',
      'error',
      '4:39',
      /money, not a number of days/,
    ],
    [
      'lane over 100%',
      lane('  rule "R" { credit linear }', 'lane influence grants 100.5%'),
      'lane-over-100',
      'error',
      '3:23',
      /more than the whole amount/,
    ],
    ['u_shaped not summing to 100', lane('  rule "R" { credit u_shaped 50/20/40 }'), 'percent-sum', 'error', '4:14', /add up to 110%/],
    [
      'contradiction',
      lane('  rule "R" when action is referral and action in [webinar, co_marketing] { credit linear }'),
      'always-false',
      'warning',
      '4:17',
      /can never be true/,
    ],
    [
      'presence contradiction via definition',
      `${HEAD}define proven as proof is present\n${lane('  rule "R" when proven and proof is missing { credit linear }').slice(HEAD.length)}`,
      'always-false',
      'warning',
      '5:17',
      /never be true/,
    ],
    [
      'non-optional field is always present',
      lane('  rule "R" when action is present { credit linear }'),
      'always-true',
      'warning',
      '4:17',
      /always present/,
    ],
    [
      'unused definition',
      `${HEAD}define stale as within 400 days before close\n${lane('  rule "R" { credit linear }').slice(HEAD.length)}`,
      'unused-definition',
      'warning',
      '3:8',
      /`stale` is defined but never used/,
    ],
    [
      'undefined name',
      lane('  rule "R" when early_origin { credit linear }'),
      'unknown-definition',
      'error',
      '4:17',
      /`early_origin` is not defined/,
    ],
    [
      'a field used as a condition',
      lane('  rule "R" when proof { credit linear }'),
      'incomplete-condition',
      'error',
      '4:17',
      /is a field/,
      /proof is present/,
    ],
    [
      'cyclic definitions',
      `${HEAD}define a as b\ndefine b as a\n${lane('  rule "R" when a { credit linear }').slice(HEAD.length)}`,
      'cyclic-definition',
      'error',
      '3:8',
      /itself/,
    ],
    [
      'overlap under unique',
      lane(
        '  rule "A" when channel is co_sell { credit linear }\n  rule "B" when proof is present { credit linear }',
        'lane influence grants 100% hit policy unique',
      ),
      'overlapping-rules',
      'warning',
      '5:8',
      /"A" and "B" can both match/,
    ],
    [
      'overlap under first is reported as information',
      lane('  rule "A" when channel is co_sell { credit linear }\n  rule "B" when proof is present { credit linear }'),
      'overlapping-rules',
      'info',
      '5:8',
      /"A" wins because it comes first/,
    ],
    [
      'unreachable after a catch-all',
      lane('  rule "A" { credit linear }\n  rule "B" when proof is present { credit linear }'),
      'unreachable-rule',
      'warning',
      '5:8',
      /can never apply/,
    ],
    [
      'missing priority',
      lane('  rule "A" when proof is present { credit linear }', 'lane influence grants 100% hit policy priority'),
      'missing-priority',
      'error',
      '4:8',
      /needs a priority/,
    ],
    [
      'unknown role',
      lane('  rule "A" { role influencer credit linear }'),
      'unknown-role',
      'error',
      '4:19',
      /unknown role `influencer`/,
      /`influenced`/,
    ],
    [
      'unknown lane',
      lane('  rule "A" { credit linear }', 'lane sourced grants 100%'),
      'unknown-lane',
      'error',
      '3:6',
      /no lane `sourced`/,
      /`source`/,
    ],
    [
      'floor above cap',
      lane('  rule "A" { credit linear cap partner 20% floor partner 30% }'),
      'floor-above-cap',
      'error',
      '4:58',
      /above the cap/,
    ],
    [
      'weight with a percentage',
      lane('  rule "A" { credit linear weight channel co_sell 200% }'),
      'unit-mismatch',
      'error',
      '4:51',
      /plain multiplier/,
    ],
    [
      'unknown weight dimension',
      lane('  rule "A" { credit linear weight colour red 2 }'),
      'unknown-weight',
      'error',
      '4:35',
      /cannot weigh by `colour`/,
    ],
    [
      'effective dates reversed',
      `ruleset t "T"\nowner "o"\neffective from 2026-05-01 to 2026-01-01\nlane influence grants 100% { rule "R" { credit linear } }\n`,
      'invalid-effective-range',
      'error',
      '3:30',
      /ends \(2026-01-01\) before it starts/,
    ],
    [
      'impossible date',
      `ruleset t "T"\nowner "o"\neffective from 2026-02-30\nlane influence grants 100% { rule "R" { credit linear } }\n`,
      'invalid-date',
      'error',
      '3:16',
      /not a calendar date/,
    ],
    ['missing header', 'lane influence grants 100% { rule "R" { credit linear } }\n', 'missing-header', 'error', '1:1', /which rule set/],
    [
      'test with an unknown property',
      `${lane('  rule "R" { credit linear }')}test "x" {\n  given opportunity { created 2026-01-01 colour red }\n  expect lane influence grants 100%\n}\n`,
      'unknown-property',
      'error',
      '7:42',
      /has no `colour`/,
    ],
  ];
  for (const [name, src, code, severity, pos, message, hint] of cases) {
    it(name, () => {
      const d = find(src, code);
      expect(d.severity).toBe(severity);
      expect(at(d)).toBe(pos);
      expect(d.message).toMatch(message);
      if (hint) expect(d.hint ?? '').toMatch(hint);
      expect(d.file).toBe('t.attr');
    });
  }

  it('reports every problem of a file in one pass, in source order', () => {
    const src = lane(
      '  rule "A" when action is referal { role sourcd credit linear }\n  rule "B" when channel is co_selll { credit linear }',
    );
    const { diagnostics, ok } = checkRules(src);
    expect(ok).toBe(false);
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, at(d)])).toEqual([
      ['unknown-value', '4:27'],
      ['unknown-role', '4:42'],
      ['unknown-value', '5:28'],
    ]);
  });

  it('accepts custom roles once declared', () => {
    const src = `${HEAD}roles co_sell_led\n${lane('  rule "A" { role co_sell_led credit linear }').slice(HEAD.length)}`;
    expect(checkRules(src).ok).toBe(true);
  });

  it('keeps clean files clean: exclusive rules raise no overlap', () => {
    const src = lane(
      '  rule "A" when proof is present { credit linear }\n  rule "B" when proof is missing { credit none }',
      'lane influence grants 100% hit policy unique',
    );
    expect(checkRules(src).diagnostics).toEqual([]);
  });
});
