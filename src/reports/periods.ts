// Calendar periods for reports, all in UTC: months ("2026-03"), quarters
// ("2026-Q1") and ISO weeks ("2026-W09"). Pure functions; no clock reads.

export type PeriodUnit = 'month' | 'quarter';
export const PERIOD_UNITS: readonly PeriodUnit[] = ['month', 'quarter'];

export interface Period {
  /** "2026-03" for a month, "2026-Q1" for a quarter, "2026-W09" for an ISO week. */
  key: string;
  /** Inclusive start (UTC midnight). */
  start: Date;
  /** Exclusive end (UTC midnight of the next period's first day). */
  end: Date;
}

const DAY_MS = 86_400_000;

function utc(year: number, month0: number, day = 1): Date {
  return new Date(Date.UTC(year, month0, day));
}

/** The month or quarter containing `at`. */
export function periodOf(at: Date, unit: PeriodUnit): Period {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth();
  if (unit === 'month') {
    return { key: `${year}-${String(month + 1).padStart(2, '0')}`, start: utc(year, month), end: utc(year, month + 1) };
  }
  const q = Math.floor(month / 3);
  return { key: `${year}-Q${q + 1}`, start: utc(year, q * 3), end: utc(year, q * 3 + 3) };
}

/** The period `n` periods after (negative: before) `period`. */
export function shiftPeriod(period: Period, unit: PeriodUnit, n: number): Period {
  const months = unit === 'month' ? n : n * 3;
  const s = period.start;
  return periodOf(utc(s.getUTCFullYear(), s.getUTCMonth() + months), unit);
}

/** Every period touching [from, to] (both inclusive dates), oldest first. */
export function periodsBetween(from: Date, to: Date, unit: PeriodUnit): Period[] {
  if (to.getTime() < from.getTime()) throw new RangeError('`to` is before `from`');
  const out: Period[] = [];
  let p = periodOf(from, unit);
  while (p.start.getTime() <= to.getTime()) {
    out.push(p);
    p = shiftPeriod(p, unit, 1);
    if (out.length > 1200) throw new RangeError('period range too long (more than 1200 periods)');
  }
  return out;
}

/** The ISO-8601 week (Monday to Monday, UTC) containing `at`. */
export function isoWeekOf(at: Date): Period {
  const day = utc(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const weekday = (day.getUTCDay() + 6) % 7; // Monday = 0
  const start = new Date(day.getTime() - weekday * DAY_MS);
  const thursday = new Date(start.getTime() + 3 * DAY_MS);
  const isoYear = thursday.getUTCFullYear();
  const firstThursdayWeekStart = (() => {
    const jan4 = utc(isoYear, 0, 4);
    return new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY_MS);
  })();
  const week = Math.round((start.getTime() - firstThursdayWeekStart.getTime()) / (7 * DAY_MS)) + 1;
  return { key: `${isoYear}-W${String(week).padStart(2, '0')}`, start, end: new Date(start.getTime() + 7 * DAY_MS) };
}

/** Parses "YYYY-MM-DD" (or a full ISO timestamp) strictly; throws RangeError with the bad text. */
export function parseDate(text: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(T.*)?$/.exec(text.trim());
  const d = m ? new Date(m[4] ? text.trim() : `${m[1]}-${m[2]}-${m[3]}T00:00:00.000Z`) : new Date(NaN);
  if (!m || Number.isNaN(d.getTime()) || (!m[4] && d.toISOString().slice(0, 10) !== text.trim())) {
    throw new RangeError(`invalid date "${text}": use YYYY-MM-DD`);
  }
  return d;
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

export function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}
