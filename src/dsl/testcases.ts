// In-file tests: `test "name" { given … as of … expect … }` blocks become
// opportunity facts plus expectations checked against the evaluation. The
// facts are built from the field table (schema.ts): each field a test can
// give is stored where the rules read it, with the table's default when the
// test leaves it out.
import type {
  AccountPartnerFacts,
  OpportunityAttribution,
  OpportunityFacts,
  PartnerFacts,
  TouchpointFacts,
} from '../domain/attribution.js';
import type * as A from './ast.js';
import { dateOf, decimalOf } from './literals.js';
import { formatDecimal, parseAmount } from '../domain/decimal.js';
import { mul, parseRatio, ratio, roundRatio } from '../domain/rational.js';
import { printTestItem } from './printer.js';
import { GIVEN_FIELDS, type FactRef, type FieldSpec, type FieldValue, type GivenDefaults, type GivenSubject } from './schema.js';

interface Expectation {
  text: string;
  range: A.SourceRange;
  /** null when met, else what went wrong in plain language. */
  check(result: OpportunityAttribution): string | null;
}

export interface RuleTest {
  name: string;
  range: A.SourceRange;
  facts: OpportunityFacts;
  asOf: Date | null;
  expectations: Expectation[];
}

export interface RuleTestResult {
  name: string;
  passed: boolean;
  failures: string[];
  range: A.SourceRange;
}

type Props = Map<string, A.Value>;
const props = (g: A.TestItem & { kind: 'given' }): Props => new Map(g.properties.filter((p) => p.value).map((p) => [p.key.name, p.value!]));
const str = (v: A.Value | undefined): string | null =>
  v === undefined
    ? null
    : v.kind === 'name'
      ? v.name
      : v.kind === 'string'
        ? v.value
        : v.kind === 'number'
          ? v.text
          : v.kind === 'date'
            ? v.text
            : null;
const date = (v: A.Value | undefined): Date | null => (v && v.kind === 'date' ? dateOf(v.text) : null);

/** The value a `given` property gives a field, read as the field's type (null: not given, or not of that type). */
function givenValue(f: FieldSpec, v: A.Value | undefined): FieldValue {
  switch (f.type.kind) {
    case 'number':
      return v && v.kind === 'number' ? Number(v.text) : null;
    case 'date':
      return date(v);
    case 'money':
      return v && v.kind === 'number' ? formatDecimal(parseAmount(v.text), 2) : null;
    default:
      return str(v);
  }
}

/**
 * Sets on `record` every field of the table stored on `record` (`fact.record`)
 * that a test gives on `subject`: the given value, else (when `fill`) the
 * field's default, stored as the facts keep it (`codec`). Plain defaults
 * first, then those computed from the record.
 */
function applyGiven(
  record: Record<string, unknown>,
  kind: FactRef['record'],
  subject: GivenSubject,
  given: Props,
  fill: boolean,
  context: Omit<GivenDefaults, 'record'>,
): void {
  const fields = [...GIVEN_FIELDS[subject].values()].filter((f) => f.fact.record === kind);
  const store = (f: FieldSpec, v: FieldValue) => {
    record[f.fact.key] = f.codec ? f.codec.encode(v) : v;
  };
  const later: FieldSpec[] = [];
  for (const f of fields) {
    const v = givenValue(f, given.get(f.given!.property));
    if (v !== null) store(f, v);
    else if (!fill) continue;
    else if (typeof f.given!.default === 'function') later.push(f);
    else store(f, f.given!.default ?? null);
  }
  for (const f of later) store(f, (f.given!.default as (d: GivenDefaults) => FieldValue)({ ...context, record }));
}

export function buildRuleTest(t: A.TestDecl): RuleTest {
  const givens = t.items.filter((i): i is A.TestItem & { kind: 'given' } => i.kind === 'given');
  const given = (subject: GivenSubject): Props => {
    const g = givens.find((x) => x.subject.name === subject);
    return g ? props(g) : new Map();
  };
  const none = { testName: t.name.text, opportunity: { createdAt: new Date(0), closedAt: null } };
  const opportunity: Record<string, unknown> = { id: `test:${t.name.text}` };
  applyGiven(opportunity, 'opportunity', 'opportunity', given('opportunity'), true, none);
  const opp = opportunity as unknown as Omit<OpportunityFacts, 'account' | 'touchpoints'>;
  const context = { testName: t.name.text, opportunity: { createdAt: opp.createdAt, closedAt: opp.closedAt } };
  const account: Record<string, unknown> = {};
  applyGiven(account, 'account', 'account', given('account'), true, context);

  const partners = new Map<string, PartnerFacts>();
  const accountPartners: AccountPartnerFacts[] = [];
  const partnerOf = (key: string): PartnerFacts => {
    let p = partners.get(key);
    if (!p) {
      const record: Record<string, unknown> = { key };
      applyGiven(record, 'partner', 'partner', new Map(), true, context);
      p = record as unknown as PartnerFacts;
      partners.set(key, p);
    }
    return p;
  };
  for (const g of givens.filter((x) => x.subject.name === 'partner' && x.name)) {
    const pr = props(g);
    const p = partnerOf(g.name!.name);
    applyGiven(p as unknown as Record<string, unknown>, 'partner', 'partner', pr, false, context);
    if (str(pr.get('on')) === 'account') {
      accountPartners.push({ partner: p, since: date(pr.get('since')) ?? new Date(0), until: date(pr.get('until')) });
    }
  }
  // The field a touch names its partner by (`given touch t1 { partner acme }`).
  const partnerField = [...GIVEN_FIELDS.touch.values()].find((f) => f.fact.record === 'partner')!;
  const touchpoints: TouchpointFacts[] = givens
    .filter((g) => g.subject.name === 'touch')
    .map((g, i) => {
      const pr = props(g);
      const name = g.name?.name ?? `touch${i + 1}`;
      const id = str(pr.get('id')) ?? name;
      const partnerKey = givenValue(partnerField, pr.get(partnerField.given!.property)) ?? partnerField.given!.default;
      const touch: Record<string, unknown> = { id, externalId: id, partner: partnerOf(String(partnerKey)) };
      applyGiven(touch, 'touch', 'touch', pr, true, context);
      return touch as unknown as TouchpointFacts;
    });
  const facts: OpportunityFacts = {
    ...opp,
    account: { ...(account as unknown as Omit<OpportunityFacts['account'], 'partners'>), partners: accountPartners },
    touchpoints,
  };
  const asOfItem = t.items.find((i): i is A.TestItem & { kind: 'asOf' } => i.kind === 'asOf');
  const expectations = t.items
    .filter((i): i is A.TestItem & { kind: 'expect' } => i.kind === 'expect')
    .map((e) => ({ text: printTestItem(e), range: e.range, check: expectationCheck(e) }));
  return { name: t.name.text, range: t.range, facts, asOf: asOfItem ? date(asOfItem.date) : null, expectations };
}

/** Compares a 6-place share with a percentage literal at the literal's precision. */
function shareMatches(actual: string, expectedPercent: A.Value): boolean {
  if (expectedPercent.kind !== 'number') return false;
  const places = Math.min(6, (expectedPercent.text.split('.')[1]?.length ?? 0) + 2);
  const want = mul(parseRatio(expectedPercent.text), ratio(1n, 100n));
  const a = roundRatio(mul(parseRatio(actual), ratio(10n ** BigInt(places))), 'half-up');
  const w = roundRatio(mul(want, ratio(10n ** BigInt(places))), 'half-up');
  return a === w;
}

const pctText = (share: string): string => {
  const r = parseRatio(share);
  return `${formatDecimal(roundRatio(mul(r, ratio(10000n * 100n, 100n)), 'half-up'), 4).replace(/\.?0+$/, '')}%`;
};

function expectationCheck(e: A.TestItem & { kind: 'expect' }): (r: OpportunityAttribution) => string | null {
  const laneClause = e.clauses.find((c): c is A.ExpectClause & { kind: 'inLane' } => c.kind === 'inLane');
  return (result) => {
    const laneName = e.subject === 'lane' ? e.target.name : laneClause?.lane.name;
    const lane = result.lanes.find((l) => l.lane === laneName);
    if (!lane) return `the result has no lane ${laneName ?? '(none given)'}`;
    const failures: string[] = [];
    if (e.subject === 'partner') {
      const who = e.target.name;
      const alloc = lane.allocations.find((a) => a.partnerKey === who);
      const others = lane.allocations.map((a) => `${a.partnerKey ?? '(no partner)'} ${a.role} ${pctText(a.share)}`).join(', ') || 'nothing';
      if (laneClause?.negated)
        return alloc ? `expected ${who} not to be in lane ${lane.lane}, but it is ${alloc.role} with ${pctText(alloc.share)}` : null;
      if (!alloc) return `expected ${who} in lane ${lane.lane}, but it is not there (lane ${lane.lane} has: ${others})`;
      for (const c of e.clauses) {
        if (c.kind === 'role' && alloc.role !== c.role.name)
          failures.push(`expected ${who} to be ${c.role.name} in lane ${lane.lane}, but it is ${alloc.role} (rule "${alloc.rule}")`);
        if (c.kind === 'share' && !shareMatches(alloc.share, c.value))
          failures.push(
            `expected ${who} to have a share of ${c.value.kind === 'number' ? c.value.text : '?'}% in lane ${lane.lane}, but it has ${pctText(alloc.share)}`,
          );
        if (c.kind === 'amount') {
          const want = decimalOf(c.value);
          if (!want || mul(want, ratio(100n)).num !== parseAmount(alloc.amount) * mul(want, ratio(100n)).den)
            failures.push(
              `expected ${who} to get ${c.value.kind === 'number' ? c.value.text : '?'} in lane ${lane.lane}, but it gets ${alloc.amount}`,
            );
        }
        if (c.kind === 'rule' && alloc.rule !== c.name.text)
          failures.push(
            `expected ${who}'s credit in lane ${lane.lane} to come from rule "${c.name.text}", but it comes from "${alloc.rule}"`,
          );
      }
    } else {
      for (const c of e.clauses) {
        if (c.kind === 'rule' && lane.rule !== c.name.text)
          failures.push(
            `expected lane ${lane.lane} to be decided by rule "${c.name.text}", but it was ${lane.rule === null ? 'no rule' : `"${lane.rule}"`}`,
          );
        if (c.kind === 'role' && !lane.allocations.some((a) => a.role === c.role.name)) {
          failures.push(
            `expected a ${c.role.name} result in lane ${lane.lane}, but it has: ${lane.allocations.map((a) => `${a.partnerKey ?? '(no partner)'} ${a.role}`).join(', ')}`,
          );
        }
        if (c.kind === 'grants' && !shareMatches(lane.grantedShare, c.value))
          failures.push(
            `expected lane ${lane.lane} to grant ${c.value.kind === 'number' ? c.value.text : '?'}%, but it grants ${pctText(lane.grantedShare)}`,
          );
        if (c.kind === 'amount') {
          const want = decimalOf(c.value);
          if (!want || mul(want, ratio(100n)).num !== parseAmount(lane.grantedAmount) * mul(want, ratio(100n)).den)
            failures.push(
              `expected lane ${lane.lane} to grant ${c.value.kind === 'number' ? c.value.text : '?'}, but it grants ${lane.grantedAmount}`,
            );
        }
      }
    }
    return failures.length ? failures.join('; ') : null;
  };
}

export function runRuleTest(test: RuleTest, evaluate: (f: OpportunityFacts, o: { asOf?: Date }) => OpportunityAttribution): RuleTestResult {
  const failures: string[] = [];
  try {
    const result = evaluate(test.facts, test.asOf ? { asOf: test.asOf } : {});
    for (const e of test.expectations) {
      const problem = e.check(result);
      if (problem) failures.push(`line ${e.range.start.line}: ${problem}`);
    }
  } catch (err) {
    failures.push(`evaluation failed: ${(err as Error).message}`);
  }
  return { name: test.name, passed: failures.length === 0, failures, range: test.range };
}
