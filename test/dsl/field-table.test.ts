// The field table (src/dsl/schema.ts) is the one list of what rules can read:
// every field in it must flow through every consumer. For each field of the
// table, a rule file is generated whose only rule reads that field; the
// checker must accept it, the compiled rules must credit a touch exactly when
// the field's value (given in an in-file test) satisfies the condition, and
// the language service must offer the field in completion, explain it on
// hover and offer its `given` property. The files are built from the table
// itself, so a field added to it is covered here, and a consumer that keeps
// its own list of fields fails for the fields it misses.
import { describe, expect, it } from 'vitest';
import { checkRules, runRuleTests } from '../../src/dsl/index.js';
import { complete, hover } from '../../src/dsl/language/service.js';
import { FIELDS, type FieldSpec, type GivenSubject } from '../../src/dsl/schema.js';

interface Case {
  /** The condition on the field. */
  condition: string;
  /** A written value that satisfies it, and one that does not. */
  matching: string;
  failing: string;
}

/** How `f` is set in an in-file test: its own `given` property, or (an alias such as partner.key) that of a field read from the same fact. */
function givenOf(f: FieldSpec): { subject: GivenSubject; property: string; kind: string } {
  const source =
    f.given !== undefined ? f : [...FIELDS.values()].find((o) => o.given && o.fact.record === f.fact.record && o.fact.key === f.fact.key);
  if (!source?.given) throw new Error(`no in-file test can give ${f.path}`);
  const g = source.given;
  return { subject: g.subject, property: g.property, kind: g.kind ?? (source.type.kind === 'enum' ? 'name' : source.type.kind) };
}

function caseOf(f: FieldSpec, givenKind: string): Case {
  const text = (word: string) => (givenKind === 'name' ? word : `"${word}"`);
  switch (f.type.kind) {
    case 'enum': {
      const [a, b] = f.type.values;
      if (a === undefined || b === undefined) throw new Error(`${f.path} needs two values to tell a match from a miss`);
      return { condition: `${f.path} is ${a}`, matching: a, failing: b };
    }
    case 'string':
      return { condition: `${f.path} is "zz1"`, matching: text('zz1'), failing: text('zz2') };
    case 'number':
      return { condition: `${f.path} >= 3`, matching: '4', failing: '2' };
    case 'money':
      return { condition: `${f.path} >= 50000`, matching: '100000.00', failing: '1000.00' };
    case 'date':
      return { condition: `${f.path} < 2026-02-01`, matching: '2026-01-20', failing: '2026-02-10' };
  }
}

const BASE: Record<GivenSubject, Record<string, string>> = {
  opportunity: { amount: '100000.00', stage: 'closed_won', created: '2026-01-01', closed: '2026-03-01' },
  account: {},
  partner: {},
  touch: { partner: 'acme', action: 'validated_intro', channel: 'co_sell', on: '2026-01-10' },
};

function block(subject: GivenSubject, head: string, set: { subject: GivenSubject; property: string; value: string }): string {
  const props = { ...BASE[subject], ...(set.subject === subject ? { [set.property]: set.value } : {}) };
  if (subject !== 'opportunity' && subject !== 'touch' && set.subject !== subject) return '';
  return `  given ${head} { ${Object.entries(props)
    .map(([k, v]) => `${k} ${v}`)
    .join(' ')} }\n`;
}

function ruleFile(f: FieldSpec): string {
  const given = givenOf(f);
  const c = caseOf(f, given.kind);
  const test = (name: string, value: string, grants: string) => {
    const set = { subject: given.subject, property: given.property, value };
    // A partner given by name is the one the touch names.
    const partnerName = given.subject === 'touch' && given.property === 'partner' ? value : 'acme';
    return [
      `test "${name}" {\n`,
      block('opportunity', 'opportunity', set),
      block('account', 'account', set),
      block('partner', `partner ${partnerName}`, set),
      block('touch', 'touch t1', set),
      `  expect lane influence grants ${grants}\n`,
      '}\n',
    ].join('');
  };
  return [
    'ruleset field_flow "Field flow"\n',
    'owner "revops@example.com"\n\n',
    'lane influence grants 100% {\n',
    `  rule "reads the field" when ${c.condition} { credit linear }\n`,
    '}\n\n',
    test('credits when the value matches', c.matching, '100%'),
    '\n',
    test('credits nothing when it does not', c.failing, '0%'),
  ].join('');
}

const fields = [...FIELDS.values()];

describe('every field of the field table flows through every consumer', () => {
  it('the table is not empty, and the checker refuses a path that is not in it', () => {
    expect(fields.length).toBeGreaterThan(20);
    const f = FIELDS.get('account.region')!;
    const source = ruleFile(f).replace('account.region is', 'account.territory is');
    expect(checkRules(source, 'field-flow.attr').diagnostics.map((d) => d.code)).toContain('unknown-field');
  });

  it.each(fields.map((f) => [f.path, f] as const))(
    '%s: accepted by the checker, compiled, evaluated and given in an in-file test',
    (_path, f) => {
      const source = ruleFile(f);
      const checked = checkRules(source, 'field-flow.attr');
      expect(
        checked.diagnostics.filter((d) => d.severity === 'error'),
        source,
      ).toEqual([]);
      const outcome = runRuleTests(source, 'field-flow.attr');
      expect(
        outcome.results.map((r) => ({ name: r.name, passed: r.passed, failures: r.failures })),
        source,
      ).toEqual([
        { name: 'credits when the value matches', passed: true, failures: [] },
        { name: 'credits nothing when it does not', passed: true, failures: [] },
      ]);
      expect(outcome.ok).toBe(true);
    },
  );

  it.each(fields.map((f) => [f.path, f] as const))('%s: offered by completion and explained on hover', (_path, f) => {
    const head = 'ruleset r "R"\nlane influence {\n  rule "a" when ';
    const offered = complete(head, head.length).items.filter((i) => i.kind === 'field');
    expect(offered.find((i) => i.label === f.path)?.documentation).toBe(f.description);
    const source = `${head}${caseOf(f, givenOf(f).kind).condition} { credit linear }\n}\n`;
    const info = hover(source, head.length);
    expect(info?.contents).toContain(f.description);
    expect(source.slice(info!.from, info!.to)).toBe(f.path);
  });

  it.each(fields.filter((f) => f.given).map((f) => [f.path, f] as const))(
    '%s: its given property is offered inside its given block',
    (_path, f) => {
      const g = f.given!;
      const head = `ruleset r "R"\ntest "t" {\n  given ${g.subject}${g.subject === 'touch' || g.subject === 'partner' ? ' x' : ''} { `;
      const offered = complete(head, head.length).items.filter((i) => i.kind === 'property');
      expect(offered.map((i) => i.label)).toContain(g.property);
    },
  );
});
