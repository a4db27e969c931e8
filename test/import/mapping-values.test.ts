import { describe, expect, it } from 'vitest';
import { dateFormatProblem, instantsOfWallClock, normaliseDate, normaliseNumber } from '../../src/import/mapping/values.js';

const date = (raw: string, format?: string | string[], timezone?: string) => {
  const r = normaliseDate(raw, { format, timezone });
  return r.ok ? r.value : `error: ${r.reason}`;
};

describe('mapped dates → canonical ISO-8601 instants', () => {
  it('reads US 12-hour date-times with AM/PM, with and without seconds', () => {
    expect(date('9/26/2025 5:00 PM', 'M/d/yyyy h:mm a', 'UTC')).toBe('2025-09-26T17:00:00.000Z');
    expect(date('09/06/2025 12:05 AM', 'M/d/yyyy h:mm a', 'UTC')).toBe('2025-09-06T00:05:00.000Z');
    expect(date('1/2/2026 12:30:15 PM', 'M/d/yyyy h:mm:ss a', 'UTC')).toBe('2026-01-02T12:30:15.000Z');
    expect(date('1/2/2026 12:30:15 pm', ['M/d/yyyy h:mm a', 'M/d/yyyy h:mm:ss a'], 'UTC')).toBe('2026-01-02T12:30:15.000Z');
    expect(date('1/2/2026 7:30 am', ['M/d/yyyy h:mm a', 'M/d/yyyy h:mm:ss a'], 'UTC')).toBe('2026-01-02T07:30:00.000Z');
  });

  it('reads day-first 24-hour dates (dd.MM.yyyy HH:mm) and bare dates as midnight in the zone', () => {
    expect(date('01.02.2025 14:45', 'dd.MM.yyyy HH:mm', 'Europe/Berlin')).toBe('2025-02-01T13:45:00.000Z');
    expect(date('15.07.2025 14:45', 'dd.MM.yyyy HH:mm', 'Europe/Berlin')).toBe('2025-07-15T12:45:00.000Z');
    expect(date('3/1/2025', 'M/d/yyyy', 'UTC')).toBe('2025-03-01T00:00:00.000Z');
  });

  it('converts local times in America/New_York on both sides of daylight saving time', () => {
    // EST (UTC-5) before 9 March 2025 2:00, EDT (UTC-4) after.
    expect(date('3/8/2025 9:00 AM', 'M/d/yyyy h:mm a', 'America/New_York')).toBe('2025-03-08T14:00:00.000Z');
    expect(date('3/10/2025 9:00 AM', 'M/d/yyyy h:mm a', 'America/New_York')).toBe('2025-03-10T13:00:00.000Z');
    expect(date('11/2/2025 3:00 AM', 'M/d/yyyy h:mm a', 'America/New_York')).toBe('2025-11-02T08:00:00.000Z');
  });

  it('refuses a local time the clocks skipped, and one that happened twice, instead of guessing', () => {
    expect(date('3/9/2025 2:30 AM', 'M/d/yyyy h:mm a', 'America/New_York')).toMatch(/does not exist in America\/New_York/);
    expect(date('11/2/2025 1:30 AM', 'M/d/yyyy h:mm a', 'America/New_York')).toMatch(
      /happens twice.*2025-11-02T05:30:00\.000Z or 2025-11-02T06:30:00\.000Z/,
    );
    expect(instantsOfWallClock(Date.UTC(2025, 10, 2, 1, 30), 'America/New_York')).toHaveLength(2);
    expect(instantsOfWallClock(Date.UTC(2025, 2, 9, 2, 30), 'America/New_York')).toHaveLength(0);
  });

  it('keeps ISO when no format is given: offsets as written; a zone for values without one', () => {
    expect(date('2025-04-14T09:30:00Z')).toBe('2025-04-14T09:30:00Z');
    expect(date('2025-04-14T09:30:00+02:00', undefined, 'America/New_York')).toBe('2025-04-14T09:30:00+02:00');
    expect(date('2025-04-14 09:30', undefined, 'America/New_York')).toBe('2025-04-14T13:30:00.000Z');
    // Without a zone the value passes to today's parser, which refuses it with its own reason.
    expect(date('2025-04-14T09:30:00')).toBe('2025-04-14T09:30:00');
    expect(date('')).toBe('');
  });

  it('reads offsets in the value when the format has them', () => {
    expect(date('2025-03-09 10:00 +02:00', 'yyyy-MM-dd HH:mm xxx')).toBe('2025-03-09T08:00:00.000Z');
  });

  it.each([
    ['2/30/2025 2:30 PM', 'M/d/yyyy h:mm a', /does not match the date format "M\/d\/yyyy h:mm a"/],
    ['3/9/2025 13:30 PM', 'M/d/yyyy h:mm a', /does not match/],
    ['2025-03-09', 'M/d/yyyy h:mm a', /does not match/],
    ['3/9/2025 2:30 PM extra', 'M/d/yyyy h:mm a', /does not match/],
    ['3/9/25 2:30 PM', 'M/d/yyyy h:mm a', /year 25, which is not written with four digits/],
    ['32.01.2025 10:00', 'dd.MM.yyyy HH:mm', /does not match/],
  ])('refuses %j for %j', (raw, format, reason) => {
    const r = normaliseDate(raw, { format, timezone: 'UTC' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toMatch(reason);
      expect(r.hint).toBeTruthy();
    }
  });

  it('refuses two formats that read one value differently', () => {
    expect(date('3/4/2025', ['M/d/yyyy', 'd/M/yyyy'], 'UTC')).toMatch(/several date formats with different meanings/);
    expect(date('13/4/2025', ['M/d/yyyy', 'd/M/yyyy'], 'UTC')).toBe('2025-04-13T00:00:00.000Z');
  });

  it('explains formats that cannot be used', () => {
    expect(dateFormatProblem('M/d/yyyy h:mm a')).toBeNull();
    expect(dateFormatProblem('MM/DD/YYYY')).toMatch(/week-numbering year/);
    expect(dateFormatProblem('MM/DD/yyyy')).toMatch(/day of the year/);
    expect(dateFormatProblem('M/d/yyyy h:mm')).toMatch(/12-hour clock/);
    expect(dateFormatProblem('HH:mm')).toMatch(/year.*month.*day/);
    expect(dateFormatProblem('yyyy-MM-dd foo')).toMatch(/not a valid date format/);
  });
});

describe('mapped numbers → canonical plain decimals', () => {
  const us = { thousandsSeparator: ',', decimalSeparator: '.' };
  const de = { thousandsSeparator: '.', decimalSeparator: ',' };
  const num = (raw: string, s: object) => {
    const r = normaliseNumber(raw, s);
    return r.ok ? r.value : `error: ${r.reason}`;
  };

  it('removes exact digit grouping and normalises the decimal separator', () => {
    expect(num('154,132.60', us)).toBe('154132.60');
    expect(num('1,234,567', us)).toBe('1234567');
    expect(num('1.234,56', de)).toBe('1234.56');
    expect(num('1.234.567,5', de)).toBe('1234567.5');
    expect(num('1234,56', de)).toBe('1234.56');
    expect(num("1'234.50", { thousandsSeparator: "'" })).toBe('1234.50');
    expect(num('1 234,50', { thousandsSeparator: ' ', decimalSeparator: ',' })).toBe('1234.50');
  });

  it('keeps numbers without grouping, signs and digits exactly (never through a float)', () => {
    expect(num('154132.60', us)).toBe('154132.60');
    expect(num('9999999999999999.99', us)).toBe('9999999999999999.99');
    expect(num('-1,250.00', us)).toBe('-1250.00');
    expect(num('+42', us)).toBe('42');
    expect(num('  0.10 ', {})).toBe('0.10');
  });

  it.each([
    ['12,5000.00', us, /malformed digit grouping/],
    ['1,23', us, /malformed digit grouping/],
    [',123', us, /malformed digit grouping/],
    ['1.234.56', us, /more than one decimal separator/],
    ['1,250.00', {}, /contains ",", which the mapping does not declare/],
    ['1 250,00', de, /contains a space, which the mapping does not declare/],
    ['1.234,5,6', de, /more than one decimal separator/],
    ['1.234,', de, /ends with the decimal separator/],
  ])('refuses %j', (raw, settings, reason) => {
    const r = normaliseNumber(raw, settings);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toMatch(reason);
      expect(r.hint).toBeTruthy();
    }
  });

  it('passes text that is not number-like to the entity, which explains it', () => {
    expect(num('$1,250.00', us)).toBe('$1,250.00');
    expect(num('1.5E+05', us)).toBe('1.5E+05');
    expect(num('', us)).toBe('');
  });
});
