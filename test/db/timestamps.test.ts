import { describe, expect, it } from 'vitest';
import { isoDate, isoInstant, toDate, toDateOrNull } from '../../src/db/timestamps.js';

describe('timestamp coercion (src/db/timestamps.ts)', () => {
  const instant = new Date(Date.UTC(2025, 2, 1, 10, 0, 0, 123));

  it('reads a Date, ISO text and epoch milliseconds as the same instant, and refuses anything else', () => {
    expect(toDate(instant)).toBe(instant);
    expect(toDate('2025-03-01T11:00:00.123+01:00').getTime()).toBe(instant.getTime());
    expect(toDate(instant.getTime()).getTime()).toBe(instant.getTime());
    expect(() => toDate(true)).toThrow(TypeError);
    expect(() => toDate({})).toThrow('expected a timestamp');
    expect(toDateOrNull(null)).toBeNull();
    expect(toDateOrNull(undefined)).toBeNull();
    expect(toDateOrNull('2025-03-01T10:00:00.123Z')?.getTime()).toBe(instant.getTime());
  });

  it('writes an instant as ISO-8601 in UTC with milliseconds', () => {
    expect(isoInstant(instant)).toBe('2025-03-01T10:00:00.123Z');
    expect(isoInstant('2025-03-01T05:00:00.123-05:00')).toBe('2025-03-01T10:00:00.123Z');
    expect(isoInstant(instant.getTime())).toBe('2025-03-01T10:00:00.123Z');
  });

  it("writes a calendar date as YYYY-MM-DD: a Date's UTC day, a date text as it is", () => {
    expect(isoDate(new Date(Date.UTC(2025, 0, 31)))).toBe('2025-01-31');
    // 23:30 UTC is still that UTC day, whatever the machine's zone.
    expect(isoDate(new Date(Date.UTC(2025, 0, 31, 23, 30)))).toBe('2025-01-31');
    expect(isoDate('2025-01-31')).toBe('2025-01-31');
    expect(isoDate('2025-01-31T23:30:00-05:00')).toBe('2025-01-31');
    expect(isoDate(Date.UTC(2024, 1, 29))).toBe('2024-02-29');
    expect(() => isoDate(null)).toThrow(TypeError);
  });
});
