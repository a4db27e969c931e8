// Periods for reports, all in UTC: months ("2026-03"), quarters and ISO
// weeks ("2026-W09"). Pure functions; no clock reads, no configuration reads:
// the fiscal year's first month is a parameter (`fiscalYearStart`, 1–12,
// default 1), threaded from ATTRIB_FISCAL_YEAR_START by the CLI and the API.
//
// Quarters follow the fiscal year. A fiscal year is named by the calendar year
// in which it ends: with a February start, Feb 2026–Jan 2027 is FY2027 and its
// quarters are FY2027-Q1 (Feb–Apr 2026) … FY2027-Q4 (Nov 2026–Jan 2027). When
// the fiscal year is the calendar year (start 1) a quarter keeps its calendar
// label, "2026-Q1". Months are calendar months under any fiscal year: "2026-03".

export type PeriodUnit = 'month' | 'quarter';

export interface Period {
  /** "2026-03" for a month, "2026-Q1" (or "FY2027-Q1" in a fiscal year not starting in January) for a quarter, "2026-W09" for an ISO week. */
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

/** Checks a fiscal year start month (1–12); throws RangeError otherwise. */
function checkFiscalYearStart(fiscalYearStart: number): number {
  if (!Number.isInteger(fiscalYearStart) || fiscalYearStart < 1 || fiscalYearStart > 12) {
    throw new RangeError(`fiscal year start must be a month from 1 to 12, got ${String(fiscalYearStart)}`);
  }
  return fiscalYearStart;
}

/**
 * The fiscal year containing `at`, named by the calendar year it ends in
 * (start 2: 2026-02-01 … 2027-01-31 is FY2027; start 1: the calendar year).
 */
export function fiscalYearOf(at: Date, fiscalYearStart = 1): number {
  const start0 = checkFiscalYearStart(fiscalYearStart) - 1;
  const year = at.getUTCFullYear();
  if (start0 === 0) return year;
  return at.getUTCMonth() >= start0 ? year + 1 : year;
}

/** The month or (fiscal) quarter containing `at`. */
export function periodOf(at: Date, unit: PeriodUnit, fiscalYearStart = 1): Period {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth();
  if (unit === 'month') {
    return { key: `${year}-${String(month + 1).padStart(2, '0')}`, start: utc(year, month), end: utc(year, month + 1) };
  }
  const start0 = checkFiscalYearStart(fiscalYearStart) - 1;
  const intoYear = (month - start0 + 12) % 12;
  const q = Math.floor(intoYear / 3);
  const first = month - (intoYear % 3);
  const key = start0 === 0 ? `${year}-Q${q + 1}` : `FY${fiscalYearOf(at, fiscalYearStart)}-Q${q + 1}`;
  return { key, start: utc(year, first), end: utc(year, first + 3) };
}

/** The period `n` periods after (negative: before) `period`. */
export function shiftPeriod(period: Period, unit: PeriodUnit, n: number, fiscalYearStart = 1): Period {
  const months = unit === 'month' ? n : n * 3;
  const s = period.start;
  return periodOf(utc(s.getUTCFullYear(), s.getUTCMonth() + months), unit, fiscalYearStart);
}

/** Every period touching [from, to] (both inclusive dates), oldest first. */
export function periodsBetween(from: Date, to: Date, unit: PeriodUnit, fiscalYearStart = 1): Period[] {
  if (to.getTime() < from.getTime()) throw new RangeError('`to` is before `from`');
  const out: Period[] = [];
  let p = periodOf(from, unit, fiscalYearStart);
  while (p.start.getTime() <= to.getTime()) {
    out.push(p);
    p = shiftPeriod(p, unit, 1, fiscalYearStart);
    if (out.length > 1200) throw new RangeError('period range too long (more than 1200 periods)');
  }
  return out;
}

/**
 * Parses a period label: a month "2026-03", a fiscal quarter "FY2027-Q1", or,
 * when the fiscal year starts in January, a calendar quarter "2026-Q1" (the
 * same as FY2026-Q1). With any other start "2026-Q1" is ambiguous and
 * refused. Throws RangeError naming the accepted forms.
 */
export function parsePeriodKey(text: string, fiscalYearStart = 1): { unit: PeriodUnit; period: Period } {
  const start0 = checkFiscalYearStart(fiscalYearStart) - 1;
  const key = text.trim();
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) {
    const m = Number(month[2]);
    if (m >= 1 && m <= 12) return { unit: 'month', period: periodOf(utc(Number(month[1]), m - 1), 'month') };
  }
  const fiscal = /^FY(\d{4})-Q([1-4])$/.exec(key);
  const calendar = /^(\d{4})-Q([1-4])$/.exec(key);
  if (calendar && start0 !== 0) {
    throw new RangeError(
      `"${key}" is ambiguous: the fiscal year starts in month ${fiscalYearStart}; name the fiscal quarter, e.g. FY${Number(calendar[1]) + 1}-Q1`,
    );
  }
  const quarter = fiscal ?? calendar;
  if (quarter) {
    // FYn starts in month start0 of year n-1 (n itself when it is the calendar year).
    const fy = Number(quarter[1]);
    const firstYear = start0 === 0 ? fy : fy - 1;
    return { unit: 'quarter', period: periodOf(utc(firstYear, start0 + (Number(quarter[2]) - 1) * 3), 'quarter', fiscalYearStart) };
  }
  throw new RangeError(
    `"${key}" is not a period: use a month such as 2026-03 or a quarter such as ${start0 === 0 ? '2026-Q1' : 'FY2027-Q1'}`,
  );
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
