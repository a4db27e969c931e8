// In-file tests: `test "name" { given … as of … expect … }` blocks become
// opportunity facts plus expectations checked against the evaluation.
import type {
  AccountPartnerFacts,
  OpportunityAttribution,
  OpportunityFacts,
  PartnerFacts,
  TouchpointFacts,
} from '../domain/attribution.js';
import type { ActionType, Channel, OpportunityStage, OpportunityType, PartnerTier, PartnerType } from '../domain/enums.js';
import type * as A from './ast.js';
import { dateOf, decimalOf } from './literals.js';
import { formatDecimal, parseAmount } from '../domain/decimal.js';
import { mul, parseRatio, ratio, roundRatio } from '../domain/rational.js';
import { printTestItem } from './printer.js';

export interface Expectation {
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

export function buildRuleTest(t: A.TestDecl): RuleTest {
  const givens = t.items.filter((i): i is A.TestItem & { kind: 'given' } => i.kind === 'given');
  const opp = props(
    givens.find((g) => g.subject.name === 'opportunity') ?? {
      kind: 'given',
      subject: { name: 'opportunity', range: t.range },
      name: null,
      properties: [],
      range: t.range,
    },
  );
  const acc = props(
    givens.find((g) => g.subject.name === 'account') ?? {
      kind: 'given',
      subject: { name: 'account', range: t.range },
      name: null,
      properties: [],
      range: t.range,
    },
  );
  const partners = new Map<string, PartnerFacts>();
  const accountPartners: AccountPartnerFacts[] = [];
  const partnerOf = (key: string): PartnerFacts => {
    let p = partners.get(key);
    if (!p) {
      p = { key, name: key, type: 'other', tier: 'registered' };
      partners.set(key, p);
    }
    return p;
  };
  for (const g of givens.filter((x) => x.subject.name === 'partner' && x.name)) {
    const pr = props(g);
    const p = partnerOf(g.name!.name);
    p.name = str(pr.get('name')) ?? p.name;
    p.type = (str(pr.get('type')) ?? p.type) as PartnerType;
    p.tier = (str(pr.get('tier')) ?? p.tier) as PartnerTier;
    if (str(pr.get('on')) === 'account') {
      accountPartners.push({ partner: p, since: date(pr.get('since')) ?? new Date(0), until: date(pr.get('until')) });
    }
  }
  const createdAt = date(opp.get('created')) ?? new Date(0);
  const closedAt = date(opp.get('closed'));
  const touchpoints: TouchpointFacts[] = givens
    .filter((g) => g.subject.name === 'touch')
    .map((g, i) => {
      const pr = props(g);
      const name = g.name?.name ?? `touch${i + 1}`;
      const depth = pr.get('depth');
      return {
        id: str(pr.get('id')) ?? name,
        source: str(pr.get('source')) ?? 'test',
        externalId: str(pr.get('id')) ?? name,
        partner: partnerOf(str(pr.get('partner')) ?? 'unknown'),
        action: (str(pr.get('action')) ?? 'other') as ActionType,
        channel: (str(pr.get('channel')) ?? 'co_sell') as Channel,
        occurredAt: date(pr.get('on')) ?? createdAt,
        proof: str(pr.get('proof')),
        owner: str(pr.get('owner')),
        nextJointStep: str(pr.get('next_joint_step')),
        engagementDepth: depth && depth.kind === 'number' ? Number(depth.text) : null,
        stageAtTouch: str(pr.get('stage')) as OpportunityStage | null,
        accountLevel: str(pr.get('scope')) === 'account',
      };
    });
  const amount = opp.get('amount');
  const facts: OpportunityFacts = {
    id: `test:${t.name.text}`,
    key: str(opp.get('key')) ?? 'TEST-1',
    name: str(opp.get('name')) ?? t.name.text,
    type: (str(opp.get('type')) ?? 'new_business') as OpportunityType,
    amount: amount && amount.kind === 'number' ? formatDecimal(parseAmount(amount.text), 2) : '100000.00',
    currency: str(opp.get('currency')) ?? 'USD',
    stage: (str(opp.get('stage')) ?? (closedAt ? 'closed_won' : 'proposal')) as OpportunityStage,
    createdAt,
    closedAt,
    account: {
      key: str(acc.get('key')) ?? 'test-account',
      name: str(acc.get('name')) ?? 'Test account',
      domain: str(acc.get('domain')),
      segment: str(acc.get('segment')),
      region: str(acc.get('region')),
      partners: accountPartners,
    },
    touchpoints,
  };
  const asOfItem = t.items.find((i): i is A.TestItem & { kind: 'asOf' } => i.kind === 'asOf');
  const expectations = t.items
    .filter((i): i is A.TestItem & { kind: 'expect' } => i.kind === 'expect')
    .map((e) => ({ text: printTestItem(e), range: e.range, check: expectationCheck(e) }));
  return { name: t.name.text, range: t.range, facts, asOf: asOfItem ? date(asOfItem.date) : null, expectations };
}

/** Compares a 6-place share with a percentage literal at the literal's precision. */
export function shareMatches(actual: string, expectedPercent: A.Value): boolean {
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
