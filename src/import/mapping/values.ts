// Date and number normalisation for mapped exports: a source cell written the
// way the export writes it becomes the canonical text of today's format
// (ISO-8601 instants in UTC, "2025-03-01T15:00:00.000Z"; plain decimals,
// "154132.60"), which the entity's own parsers then validate as always.
// Strict: a value that does not match the declared format is an error, never
// a guess. Pure functions.
import { tz, tzOffset } from '@date-fns/tz';
import { format as formatDate, isValid, parse } from 'date-fns';
import type { Parsed } from '../values.js';

export interface DateSettings {
  /** Unicode/date-fns pattern(s), e.g. "M/d/yyyy h:mm a"; absent means ISO-8601. */
  format?: string | readonly string[];
  /** IANA zone for values written without an offset, e.g. "America/New_York". */
  timezone?: string;
}

export interface NumberSettings {
  /** "," in 154,132.60; "." in 1.234,56; absent or "" when numbers are not grouped. */
  thousandsSeparator?: string;
  /** "." (default) or ",". */
  decimalSeparator?: string;
}

export const THOUSANDS_SEPARATORS = [',', '.', ' ', "'", '\u00a0', '\u202f', ''] as const;
export const DECIMAL_SEPARATORS = ['.', ','] as const;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string, hint?: string): Parsed<never> => (hint ? { ok: false, reason, hint } : { ok: false, reason });

// Only fills fields a format does not have (never the date: formats must have y, M and d).
const REFERENCE = new Date(Date.UTC(2000, 0, 1));
const UTC = tz('UTC');
const DAY_MS = 86_400_000;

/** The format without its quoted literals ('T', 'at'), for token checks. */
function tokensOf(format: string): string {
  return format.replace(/'[^']*'/g, '');
}

/** True when values written in this format carry their own UTC offset (X, x tokens). */
export function formatHasOffset(format: string): boolean {
  return /[Xx]/.test(tokensOf(format));
}

/** Why a date format cannot be used, or null when it can. */
export function dateFormatProblem(format: string): string | null {
  const t = tokensOf(format);
  if (format.trim() === '') return 'the date format is empty';
  if (/Y/.test(t)) return `"${format}" uses Y (week-numbering year); write yyyy for the calendar year`;
  if (/D/.test(t)) return `"${format}" uses D (day of the year); write d or dd for the day of the month`;
  if (/[zO]/.test(t))
    return `"${format}" uses a time-zone name token (z, O), which cannot be parsed; use X or xxx for offsets, or set dates.timezone`;
  if (!/[yu]/.test(t) || !/[ML]/.test(t) || !/d/.test(t)) {
    return `"${format}" does not have a year (yyyy), a month (M or MM) and a day (d or dd); every date needs all three`;
  }
  if (/[hK]/.test(t) && !/[abB]/.test(t)) {
    return `"${format}" has a 12-hour clock (h) without AM/PM (a); write "h:mm a" or use HH for a 24-hour clock`;
  }
  try {
    // Formatting walks every token (parsing stops at the first that does not match).
    formatDate(REFERENCE, format, { in: UTC });
    parse(formatDate(REFERENCE, format, { in: UTC }), format, REFERENCE, { in: UTC });
  } catch (err) {
    return `"${format}" is not a valid date format: ${(err as Error).message.replace(/; see: .*$/, '')}`;
  }
  return null;
}

/** True when the IANA zone is known to this Node.js. */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '' || zone !== zone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return Number.isFinite(tzOffset(zone, REFERENCE));
  } catch {
    return false;
  }
}

/** The zone names this Node.js knows (for suggestions). */
export function knownTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return [...(intl.supportedValuesOf?.('timeZone') ?? []), 'UTC'];
}

/**
 * The instants a wall-clock time (its fields read as if UTC) denotes in `zone`:
 * one normally, none in a spring-forward gap, two in a fall-back overlap.
 */
export function instantsOfWallClock(wall: number, zone: string): number[] {
  const offsets = new Set([
    tzOffset(zone, new Date(wall - DAY_MS)),
    tzOffset(zone, new Date(wall)),
    tzOffset(zone, new Date(wall + DAY_MS)),
  ]);
  const out = new Set<number>();
  for (const o of offsets) {
    const instant = wall - o * 60_000;
    if (tzOffset(zone, new Date(instant)) === o) out.add(instant);
  }
  return [...out].sort((a, b) => a - b);
}

type One = { ok: true; instant: number } | { ok: false; reason: string; hint?: string; matched: boolean };

function parseOne(text: string, format: string, zone: string | undefined): One {
  let wall: Date;
  try {
    wall = parse(text, format, REFERENCE, { in: UTC });
  } catch (err) {
    return { ok: false, matched: false, reason: `the date format "${format}" is not valid: ${(err as Error).message}` };
  }
  if (!isValid(wall)) return { ok: false, matched: false, reason: '' };
  const year = wall.getUTCFullYear();
  if (year < 1000) {
    return {
      ok: false,
      matched: true,
      reason: `"${text}" has the year ${year}, which is not written with four digits`,
      hint: `write the year in full (${format})`,
    };
  }
  if (formatHasOffset(format)) return { ok: true, instant: wall.getTime() };
  if (!zone) {
    return {
      ok: false,
      matched: true,
      reason: `"${text}" has no UTC offset and the mapping names no time zone`,
      hint: 'set dates.timezone in the mapping (e.g. "UTC" or "America/New_York")',
    };
  }
  const instants = instantsOfWallClock(wall.getTime(), zone);
  if (instants.length === 0) {
    return {
      ok: false,
      matched: true,
      reason: `"${text}" does not exist in ${zone}: the clocks skipped that time (daylight saving)`,
      hint: 'check the value in the source system; export in UTC or with an offset to avoid local-time gaps',
    };
  }
  if (instants.length > 1) {
    const when = instants.map((i) => new Date(i).toISOString()).join(' or ');
    return {
      ok: false,
      matched: true,
      reason: `"${text}" happens twice in ${zone} (clocks went back): ${when}`,
      hint: 'the import does not guess which one; export this column in UTC or with an offset (X)',
    };
  }
  return { ok: true, instant: instants[0]! };
}

const ISO_WITH_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/;
const ISO_LOCAL_FORMATS = [
  "yyyy-MM-dd'T'HH:mm:ss.SSS",
  "yyyy-MM-dd'T'HH:mm:ss",
  "yyyy-MM-dd'T'HH:mm",
  'yyyy-MM-dd HH:mm:ss.SSS',
  'yyyy-MM-dd HH:mm:ss',
  'yyyy-MM-dd HH:mm',
  'yyyy-MM-dd',
];

/**
 * A date cell as today's canonical text: an ISO-8601 instant in UTC. Empty
 * stays empty (the entity decides whether it may be). Without a format, ISO
 * text passes through unchanged (today's rules), except that a value without
 * an offset is read in `timezone` when the mapping names one.
 */
export function normaliseDate(raw: string, settings: DateSettings): Parsed<string> {
  const text = raw.trim();
  if (text === '') return ok('');
  const formats = settings.format === undefined ? [] : typeof settings.format === 'string' ? [settings.format] : [...settings.format];
  if (formats.length === 0) {
    if (!settings.timezone || ISO_WITH_ZONE.test(text) || !/^\d{4}-\d{2}-\d{2}/.test(text)) return ok(text);
    const local = ISO_LOCAL_FORMATS.map((f) => parseOne(text, f, settings.timezone)).find((r) => r.ok || r.matched);
    if (!local) return ok(text); // not ISO after all: the entity explains
    return local.ok ? ok(new Date(local.instant).toISOString()) : fail(local.reason, local.hint);
  }
  const results = formats.map((f) => parseOne(text, f, settings.timezone));
  const instants = [...new Set(results.flatMap((r) => (r.ok ? [r.instant] : [])))];
  if (instants.length === 1) return ok(new Date(instants[0]!).toISOString());
  if (instants.length > 1) {
    return fail(
      `"${text}" matches several date formats with different meanings (${formats.join(' | ')})`,
      'keep only the format the export uses in dates.format',
    );
  }
  const matched = results.find((r): r is Extract<One, { ok: false }> => !r.ok && r.matched);
  if (matched) return fail(matched.reason, matched.hint);
  const expected =
    formats.length === 1 ? `the date format "${formats[0]}"` : `any of the date formats ${formats.map((f) => `"${f}"`).join(', ')}`;
  return fail(
    `"${text}" does not match ${expected}`,
    'correct the value in the export, or set dates.format in the mapping to how this column is written',
  );
}

const NUMBER_LIKE = /^[+-]?[\d.,\s'\u00a0\u202f]*\d[\d.,\s'\u00a0\u202f]*$/;
const SEPARATOR_CHARS = /[.,\s'\u00a0\u202f]/;

const show = (sep: string) => (sep === ' ' ? 'a space' : sep === '\u00a0' || sep === '\u202f' ? 'a non-breaking space' : `"${sep}"`);

/**
 * A number cell as a plain decimal ("154,132.60" → "154132.60",
 * "1.234,56" → "1234.56", "-5" → "-5"). Digit grouping must be exact
 * (groups of three after the first); anything else is an error. Text that is
 * not number-like (symbols, exponents, letters) passes through unchanged so
 * the entity explains it. Never through a float.
 */
export function normaliseNumber(raw: string, settings: NumberSettings): Parsed<string> {
  const text = raw.trim();
  if (text === '' || !NUMBER_LIKE.test(text)) return ok(text);
  const thousands = settings.thousandsSeparator ?? '';
  const decimal = settings.decimalSeparator ?? '.';
  const sign = text.startsWith('-') ? '-' : '';
  const body = /^[+-]/.test(text) ? text.slice(1) : text;
  const parts = body.split(decimal);
  const declareHint = 'set numbers.thousandsSeparator and numbers.decimalSeparator in the mapping to how this export writes numbers';
  if (parts.length > 2) {
    return fail(
      `"${text}" has more than one decimal separator ${show(decimal)}`,
      thousands === '' ? declareHint : 'correct the value in the export',
    );
  }
  const [intPart = '', frac] = parts as [string, string | undefined];
  if (frac !== undefined && !/^\d+$/.test(frac)) {
    const sep = SEPARATOR_CHARS.exec(frac)?.[0];
    return fail(
      frac === ''
        ? `"${text}" ends with the decimal separator`
        : `"${text}" has ${sep ? show(sep) : 'a separator'} after the decimal separator ${show(decimal)}`,
      'correct the value in the export, or the separators in the mapping (numbers)',
    );
  }
  if (intPart === '') return fail(`"${text}" has no digits before the decimal separator`, `write 0${decimal}… in the export`);
  let digits: string;
  if (/^\d+$/.test(intPart)) {
    digits = intPart;
  } else {
    const other = [...intPart].find((c) => !/\d/.test(c) && c !== thousands);
    if (other !== undefined) {
      return fail(
        `"${text}" contains ${show(other)}, which the mapping does not declare as a separator (thousands: ${thousands === '' ? 'none' : show(thousands)}, decimal: ${show(decimal)})`,
        declareHint,
      );
    }
    const esc = thousands.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (!new RegExp(`^\\d{1,3}(?:${esc}\\d{3})+$`).test(intPart)) {
      return fail(
        `"${text}" has malformed digit grouping: with ${show(thousands)} as the thousands separator, every group after the first has exactly three digits`,
        'correct the value in the export; the import never guesses which digits were meant',
      );
    }
    digits = intPart.split(thousands).join('');
  }
  return ok(`${sign}${digits}${frac !== undefined ? `.${frac}` : ''}`);
}
