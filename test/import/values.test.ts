import { describe, expect, it } from 'vitest';
import { ACTION_TYPES, OPPORTUNITY_STAGES } from '../../src/domain/enums.js';
import { closest, parseDepth, parseDomain, parseEnum, parseInstant, parseMoney, parseText } from '../../src/import/values.js';

describe('import value parsers', () => {
  it('reads money as an exact two-place decimal string', () => {
    expect(parseMoney('1250')).toEqual({ ok: true, value: '1250.00' });
    expect(parseMoney('1250.5')).toEqual({ ok: true, value: '1250.50' });
    expect(parseMoney('0012.34')).toEqual({ ok: true, value: '12.34' });
    expect(parseMoney('9999999999999999.99')).toEqual({ ok: true, value: '9999999999999999.99' });
  });

  it.each([
    ['12.345', /3 decimal places/],
    ['1e5', /scientific notation/],
    ['1.5E+05', /scientific notation/],
    ['1,250.00', /thousands separators/],
    ['$1250', /currency symbol/],
    ['-5.00', /negative/],
    ['abc', /not a decimal number/],
    ['', /empty/],
    ['12345678901234567.00', /too large/],
  ])('rejects the amount %j with a reason', (raw, reason) => {
    const result = parseMoney(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('reads ISO-8601 instants with Z or an offset, and bare dates as UTC midnight', () => {
    const at = (s: string) => {
      const r = parseInstant(s);
      return r.ok ? r.value.toISOString() : r.reason;
    };
    expect(at('2025-03-01T10:00:00Z')).toBe('2025-03-01T10:00:00.000Z');
    expect(at('2025-03-01T10:00:00.25+02:00')).toBe('2025-03-01T08:00:00.250Z');
    expect(at('2025-03-01T10:00-0130')).toBe('2025-03-01T11:30:00.000Z');
    expect(at('2025-03-01')).toBe('2025-03-01T00:00:00.000Z');
    expect(at('2024-02-29')).toBe('2024-02-29T00:00:00.000Z');
  });

  it.each([
    ['2025-02-29', /28 days/],
    ['2025-13-01', /month 13/],
    ['2025-03-01T10:00:00', /no time zone/],
    ['2025-03-01T24:00:00Z', /impossible time/],
    ['03/01/2025', /not an ISO-8601/],
    ['yesterday', /not an ISO-8601/],
  ])('rejects the date %j', (raw, reason) => {
    const result = parseInstant(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('explains an ambiguous slash date', () => {
    const result = parseInstant('03/01/2025');
    expect(!result.ok && result.hint).toMatch(/ambiguous/);
  });

  it('suggests the nearest vocabulary word for labels, case and typos', () => {
    expect(closest('Closed Won', OPPORTUNITY_STAGES)).toBe('closed_won');
    expect(closest('deal-registration', ACTION_TYPES)).toBe('deal_registration');
    expect(closest('joint_discvery', ACTION_TYPES)).toBe('joint_discovery');
    expect(closest('banana', OPPORTUNITY_STAGES)).toBeUndefined();
    const r = parseEnum('Proposal', OPPORTUNITY_STAGES, 'stage');
    expect(r).toEqual({ ok: false, reason: '"Proposal" is not a known stage', hint: expect.stringContaining('did you mean "proposal"?') });
  });

  it('normalises domains and rejects URLs and e-mail addresses with the fix', () => {
    expect(parseDomain('Acme.COM')).toEqual({ ok: true, value: 'acme.com' });
    expect(parseDomain('')).toEqual({ ok: true, value: null });
    expect(parseDomain('https://www.acme.com/about')).toMatchObject({ ok: false, hint: 'write only the domain: acme.com' });
    expect(parseDomain('sales@acme.com')).toMatchObject({ ok: false, hint: 'write only the domain: acme.com' });
  });

  it('rejects control characters that PostgreSQL cannot store, keeps line breaks and tabs', () => {
    expect(parseText('a\u0000b', 'owner')).toMatchObject({ ok: false, reason: 'the owner contains the control character U+0000' });
    expect(parseText(' two\nlines\tok ', 'next step')).toEqual({ ok: true, value: 'two\nlines\tok' });
  });

  it('accepts engagement depth 1–5 or empty', () => {
    expect(parseDepth('')).toEqual({ ok: true, value: null });
    expect(parseDepth('5')).toEqual({ ok: true, value: 5 });
    expect(parseDepth('0').ok).toBe(false);
    expect(parseDepth('2.5').ok).toBe(false);
  });
});
