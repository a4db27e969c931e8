// The pure language service: what the CLI's `attrib lsp` and the web
// workbench both use.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TAXONOMY, Vocabulary } from '../../src/domain/taxonomy.js';
import { checkRules, formatRules } from '../../src/dsl/index.js';
import { KEYWORD_DESCRIPTIONS } from '../../src/dsl/language/keywords.js';
import { complete, diagnose, diagnosticMessage, format, hover, KEYWORDS } from '../../src/dsl/language/service.js';
import { RESERVED_WORDS, SOFT_WORDS } from '../../src/dsl/lexer.js';
import { CHANNELS, PARTNER_TIERS } from '../../src/domain/enums.js';
import { FIELD_PATHS } from '../../src/dsl/schema.js';

const TWO_LANE = readFileSync(new URL('../../dsl/two_lane.attr', import.meta.url), 'utf8');
const labels = (source: string, offset = source.length, vocabulary?: Vocabulary) =>
  complete(source, offset, vocabulary ? { vocabulary } : {}).items.map((i) => i.label);
const withEntry = new Vocabulary([
  ...DEFAULT_TAXONOMY,
  {
    kind: 'channel',
    key: 'events',
    label: 'Field events',
    description: 'trade shows and dinners',
    active: true,
    outcome: null,
    position: 99,
  },
]);

describe('diagnostics', () => {
  it("are exactly attrib check's, with the hint in the message", () => {
    const bad = TWO_LANE.replace('action in [referral, deal_registration]', 'action in [referal, deal_registration]');
    const ds = diagnose(bad);
    expect(ds).toEqual(checkRules(bad).diagnostics);
    const lines = bad.split('\n');
    const line = lines.findIndex((l) => l.includes('referal'));
    expect(ds.filter((d) => d.severity === 'error').map((d) => [d.range.start.line, d.range.start.column, d.message, d.hint])).toEqual([
      [line + 1, lines[line]!.indexOf('referal') + 1, '`referal` is not an action type', 'did you mean `referral`?'],
    ]);
    expect(diagnosticMessage(ds[0]!)).toBe('`referal` is not an action type\nhint: did you mean `referral`?');
  });

  it('check taxonomy values against the vocabulary given', () => {
    const src = 'ruleset demo "Demo"\ndefine e as channel is events\n';
    expect(
      diagnose(src)
        .filter((d) => d.code === 'unknown-value')
        .map((d) => d.message),
    ).toEqual(['`events` is not a channel']);
    expect(diagnose(src, { vocabulary: withEntry }).filter((d) => d.code === 'unknown-value')).toEqual([]);
  });
});

describe('format', () => {
  it('is the formatter, and null on a file that does not parse', () => {
    const messy = TWO_LANE.replace('ruleset two_lane', 'ruleset   two_lane');
    expect(format(messy).text).toBe(formatRules(messy).text);
    expect(format(messy).text).toBe(TWO_LANE);
    const broken = format('lane source grants {');
    expect(broken.text).toBeNull();
    expect(broken.diagnostics.length).toBeGreaterThan(0);
  });
});

describe('completion', () => {
  it('offers the values of the field being compared, from the vocabulary in force', () => {
    expect(labels('define a as channel is ')).toEqual([...CHANNELS]);
    expect(labels('define a as channel is ', undefined, withEntry)).toEqual([...CHANNELS, 'events']);
    expect(labels('define a as partner.tier in [gold, ')).toEqual([...PARTNER_TIERS]);
    expect(labels('define a as partner.tier not in [s')).toEqual(['silver', 'strategic']);
    expect(labels('define a as opportunity.type is not ')).toEqual(['new_business', 'expansion', 'renewal']);
    expect(labels('define a as proof is ')).toEqual([]);
  });

  it('replaces the word being typed', () => {
    const src = 'define a as action is joint_di and proof is present';
    const at = src.indexOf('joint_di') + 5;
    const c = complete(src, at);
    expect(c.items.map((i) => i.label)).toEqual(['joint_discovery']);
    expect([c.from, c.to]).toEqual([src.indexOf('joint_di'), src.indexOf('joint_di') + 'joint_di'.length]);
  });

  it("offers every field and the file's definitions in a condition, sub-fields after a dot", () => {
    const src = `${TWO_LANE}\nlane source grants 100% { rule "x" when `;
    const got = labels(src);
    expect(got).toEqual(expect.arrayContaining([...FIELD_PATHS, 'early_origin', 'late_stage_motion', 'defined_influence']));
    expect(labels('define a as opportunity.c')).toEqual(['currency', 'created', 'closed']);
    expect(complete('define a as account.', 20).items.find((i) => i.label === 'segment')?.documentation).toBe('the account segment');
  });

  it('offers models after credit, roles after role (declared ones too), policies, lanes, weight dimensions and their values', () => {
    expect(labels('rule "x" when a { credit ')).toEqual([
      'first_touch',
      'last_touch',
      'linear',
      'u_shaped',
      'w_shaped',
      'time_decay',
      'even',
      'none',
    ]);
    expect(labels('roles co_seller\nlane source grants 100% { rule "x" when a { role ')).toContain('co_seller');
    expect(labels('lane source grants 100% hit policy ')).toEqual(['first', 'priority', 'unique']);
    expect(labels('lane ')).toEqual(['source', 'influence']);
    expect(labels('rule "x" when a { weight ')).toContain('partner_type');
    expect(labels('rule "x" when a { weight channel co_sell 2, ')).toEqual([...CHANNELS]);
    expect(labels('define a as within 30 days before ')).toEqual(['close', 'closed', 'closing', 'created', 'creation']);
  });

  it('offers test properties and their values inside given blocks', () => {
    expect(labels('test "t" { given touch t1 { partner acme channel ')).toEqual([...CHANNELS]);
    expect(labels('test "t" { given touch t1 { partner acme on 2026-01-05 ')).toContain('proof');
    expect(labels('test "t" { given partner acme { tier ')).toEqual([...PARTNER_TIERS]);
    expect(labels('test "t" { given opportunity { amount ')).toEqual([]);
  });

  it('offers nothing in a comment or an unclosed text', () => {
    expect(labels('-- define a as channel is ')).toEqual([]);
    expect(labels('rule "credit ')).toEqual([]);
  });

  it('offers keywords at the top level', () => {
    expect(labels('rul')).toEqual(['rule', 'ruleset']);
  });
});

describe('hover', () => {
  const at = (needle: string, delta = 1) => TWO_LANE.indexOf(needle) + delta;

  it('explains fields (with their values), models, definitions, taxonomy values and keywords', () => {
    expect(hover(TWO_LANE, at('proof is present'))?.contents).toBe(
      '**proof** (field: string, may be missing): link or note proving the action',
    );
    const action = hover(TWO_LANE, at('action in [referral'))!;
    expect(action.contents).toContain('the partner action type');
    expect(action.contents).toContain('`deal_registration`');
    expect(hover(TWO_LANE, at('first_touch'))?.contents).toBe(
      '**first_touch** (credit model): all of the lane to the first matching touch',
    );
    expect(hover(TWO_LANE, at('early_origin and'))?.contents).toBe(
      '**early_origin** (definition): `define early_origin as action in [referral, deal_registration] and no later than 30 days after created`',
    );
    expect(hover(TWO_LANE, at('deal_registration]'))?.contents).toBe('**deal_registration**: action type — Deal registration');
    expect(hover(TWO_LANE, at('within 90'))?.contents).toContain('(keyword): a time window');
    expect(hover(TWO_LANE, at('hit policy first', 'hit policy '.length + 1))?.contents).toContain('first rule in file order');
    expect(hover(TWO_LANE, at('role sourced', 6))?.contents).toBe('**sourced** (role): the partner originated the deal');
  });

  it('covers a dotted field as a whole, and reads taxonomy descriptions from the vocabulary', () => {
    const src = 'define x as partner.tier is gold and channel is events';
    const h = hover(src, src.indexOf('tier'))!;
    expect(src.slice(h.from, h.to)).toBe('partner.tier');
    expect(h.contents).toContain('the partner tier');
    expect(hover(src, src.indexOf('events') + 1, { vocabulary: withEntry })?.contents).toBe(
      '**events**: channel — Field events (trade shows and dinners)',
    );
    expect(hover(src, src.indexOf('events') + 1)).toBeNull();
    expect(hover(src, src.indexOf(' is'))).toBeNull();
  });
});

describe('keywords', () => {
  it("are the lexer's, each with a description", () => {
    expect(new Set(KEYWORDS)).toEqual(new Set([...RESERVED_WORDS, ...SOFT_WORDS]));
    expect(Object.keys(KEYWORD_DESCRIPTIONS).sort()).toEqual([...KEYWORDS].sort());
  });
});
