// The spotlight view's pure parts, without a browser: its filters in the URL
// and the `spotlight` input they become, where a row links to, and the
// Markdown subset the in-app explainer (docs/spotlight.md) is rendered from.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from '../../web/src/markdown.js';
import { dealLink, spotlightFilters, spotlightInput, spotlightQuery, unitLink } from '../../web/src/spotlight.js';

const RULE_SETS = [
  { key: 'draft_only' },
  { key: 'two_lane', currentVersion: { version: 1 } },
  { key: 'ecosystem_channels', currentVersion: {} },
];

describe('spotlight filters', () => {
  it('defaults to the API defaults and the first rule set with a current version', () => {
    const f = spotlightFilters(new URLSearchParams(''), RULE_SETS)!;
    expect(f).toEqual({
      ruleSet: 'two_lane',
      model: 'markov',
      order: 1,
      heuristic: 'linear',
      by: 'partner',
      lane: 'influence',
      from: '',
      to: '',
      currency: '',
      resamples: 200,
    });
    expect(spotlightInput(f)).toEqual({
      ruleSetKey: 'two_lane',
      model: 'markov',
      order: 1,
      by: 'partner',
      lane: 'influence',
      resamples: 200,
    });
    expect(spotlightFilters(new URLSearchParams(''), [])).toBeNull();
    expect(spotlightFilters(new URLSearchParams(''), [{ key: 'only_draft' }])!.ruleSet).toBe('only_draft');
  });

  it('round-trips through the URL, sending each model only its own option', () => {
    const q = new URLSearchParams(
      'ruleSet=ecosystem_channels&model=heuristic&heuristic=first&order=3&by=partner_type&lane=source&from=2026-01-01&to=2026-06-30&currency=eur&resamples=50',
    );
    const f = spotlightFilters(q, RULE_SETS)!;
    expect(f).toMatchObject({ ruleSet: 'ecosystem_channels', model: 'heuristic', heuristic: 'first', by: 'partner_type', currency: 'EUR' });
    expect(spotlightInput(f)).toEqual({
      ruleSetKey: 'ecosystem_channels',
      model: 'heuristic',
      heuristic: 'first',
      by: 'partner_type',
      lane: 'source',
      from: '2026-01-01',
      to: '2026-06-30',
      currency: 'EUR',
      resamples: 50,
    });
    const back = spotlightFilters(new URLSearchParams(spotlightQuery(f).slice(1)), RULE_SETS);
    expect(back).toEqual({ ...f, order: 1 });
    expect(spotlightQuery(f)).not.toContain('order=');

    const markov = spotlightFilters(new URLSearchParams('model=markov&order=4&heuristic=last'), RULE_SETS)!;
    expect(spotlightInput(markov)).toMatchObject({ model: 'markov', order: 4 });
    expect(spotlightInput(markov)).not.toHaveProperty('heuristic');
    expect(spotlightInput({ ...markov, model: 'shapley' })).not.toHaveProperty('order');
  });

  it('falls back on unknown or malformed values instead of sending them', () => {
    const f = spotlightFilters(
      new URLSearchParams('ruleSet=nope&model=oracle&order=9&by=region&lane=both&from=2026-13&to=yesterday&currency=dollars&resamples=7'),
      RULE_SETS,
    )!;
    expect(f).toMatchObject({ ruleSet: 'two_lane', model: 'markov', order: 1, by: 'partner', lane: 'influence', from: '', to: '' });
    expect(f.currency).toBe('');
    expect(f.resamples).toBe(200);
  });
});

describe('spotlight links', () => {
  it('links partners to their deals, channels and partner types to the scorecard grouped so, and nothing else', () => {
    expect(unitLink('partner', 'granite advisory/x', 'two_lane')).toBe('/dashboard/partner/granite%20advisory%2Fx?ruleSet=two_lane');
    expect(unitLink('channel', 'co_sell', 'two_lane')).toBe('/dashboard?ruleSet=two_lane&groupBy=channel');
    expect(unitLink('partner_type', 'reseller', 'a&b')).toBe('/dashboard?ruleSet=a%26b&groupBy=partner_type');
    expect(unitLink('action', 'deal_registration', 'two_lane')).toBeNull();
    expect(unitLink('partner', '(no touch)', 'two_lane')).toBeNull();
    expect(dealLink('OPP-0000095', 'two_lane')).toBe('/dashboard/deal/OPP-0000095?ruleSet=two_lane');
  });
});

describe('the explainer Markdown', () => {
  it('reads inline code, strong, emphasis and link text, and nothing as HTML', () => {
    expect(parseInline('a `b` **c** *d* [e](f.md) <i>g</i>')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'code', text: 'b' },
      { kind: 'text', text: ' ' },
      { kind: 'strong', text: 'c' },
      { kind: 'text', text: ' ' },
      { kind: 'em', text: 'd' },
      { kind: 'text', text: ' e <i>g</i>' },
    ]);
    expect(parseInline('2 * 3 * 4')).toEqual([{ kind: 'text', text: '2 * 3 * 4' }]);
  });

  it('splits headings, paragraphs, lists with continuation lines, tables, fences and images', () => {
    const blocks = parseMarkdown(
      '# T\n\nline one\nline two\n\n- a\n  more a\n- b\n\n1. x\n2. y\n\n| h1 | h2 |\n|---|---|\n| c `d` | e |\n\n```\ncode *not em*\n```\n![alt](images/x.png)\n| not a table\n',
    );
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'list', 'table', 'code', 'image', 'paragraph']);
    expect(blocks[1]).toEqual({ kind: 'paragraph', text: [{ kind: 'text', text: 'line one line two' }] });
    expect(blocks[2]).toEqual({
      kind: 'list',
      ordered: false,
      items: [[{ kind: 'text', text: 'a more a' }], [{ kind: 'text', text: 'b' }]],
    });
    expect(blocks[3]).toMatchObject({ kind: 'list', ordered: true });
    expect(blocks[4]).toEqual({
      kind: 'table',
      header: [[{ kind: 'text', text: 'h1' }], [{ kind: 'text', text: 'h2' }]],
      rows: [
        [
          [
            { kind: 'text', text: 'c ' },
            { kind: 'code', text: 'd' },
          ],
          [{ kind: 'text', text: 'e' }],
        ],
      ],
    });
    expect(blocks[5]).toEqual({ kind: 'code', text: 'code *not em*' });
    expect(blocks[6]).toEqual({ kind: 'image', alt: 'alt', src: 'images/x.png' });
  });

  it('renders docs/spotlight.md completely: every section heading, the table, the steps', () => {
    const source = readFileSync(new URL('../../docs/spotlight.md', import.meta.url), 'utf8');
    const blocks = parseMarkdown(source);
    const headings = blocks.filter((b) => b.kind === 'heading').map((b) => b.text.map((t) => t.text).join(''));
    expect(headings).toEqual(source.match(/^#{1,6} .*$/gm)!.map((h) => h.replace(/^#+ /, '')));
    expect(blocks.some((b) => b.kind === 'table' && b.rows.length >= 5)).toBe(true);
    expect(blocks.some((b) => b.kind === 'list' && b.ordered && b.items.length === 3)).toBe(true);
    // No Markdown syntax is left in the text shown.
    const text = JSON.stringify(blocks.filter((b) => b.kind !== 'code'));
    expect(text).not.toMatch(/\*\*|\]\(/);
  });
});
