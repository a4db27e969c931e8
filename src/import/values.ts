// Strict parsers for the values of an import row. Each returns either the
// value or a reason the user can act on; nothing here is lenient by accident.

import { DECLARED_ROLES, declaredRoleMessage, isDeclaredRole, type DeclaredRole } from '../domain/declared-role.js';
import { kindNoun, type TaxonomyKind, type Vocabulary } from '../domain/taxonomy.js';
import { taxonomyHint, taxonomyValueError } from '../taxonomy/validate.js';
import { closest } from '../domain/closest.js';

export { closest };

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string; hint?: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string, hint?: string): Parsed<never> => (hint ? { ok: false, reason, hint } : { ok: false, reason });

/**
 * Money: a plain decimal with at most two places — "1250", "1250.5", "1250.50".
 * No exponents, no thousands separators, no currency symbols: those are where
 * exports silently lose cents. Returns the canonical two-place string.
 */
export function parseMoney(raw: string, { maxIntegerDigits = 16 } = {}): Parsed<string> {
  const text = raw.trim();
  if (text === '') return fail('the amount is empty', 'write the amount as a plain decimal such as 125000.00');
  if (/^[+-]?\d+(\.\d+)?[eE][+-]?\d+$/.test(text)) {
    return fail(
      `"${text}" is in scientific notation`,
      'export the amount as a plain decimal such as 125000.00 (spreadsheets often switch large numbers to 1E+05; format the column as a number with 2 decimals)',
    );
  }
  if (/[,\s]/.test(text) && /^\d[\d,\s]*(\.\d+)?$/.test(text)) {
    return fail(`"${text}" contains thousands separators`, 'remove the separators: 1,250.00 becomes 1250.00');
  }
  if (/^[$€£¥]/.test(text) || /[$€£¥]$/.test(text)) {
    return fail(
      `"${text}" contains a currency symbol`,
      'write only the number here and put the ISO code (USD, EUR …) in the currency column',
    );
  }
  if (text.startsWith('-'))
    return fail(
      `"${text}" is negative`,
      'amounts must be zero or more; record refunds and credits in the CRM, not as negative opportunities',
    );
  const m = /^\+?(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) return fail(`"${text}" is not a decimal number`, 'write the amount as a plain decimal such as 125000.00');
  const [, intPart, frac = ''] = m;
  if (frac.length > 2) {
    return fail(
      `"${text}" has ${frac.length} decimal places; amounts have at most 2 (cents)`,
      'round the amount to cents in the source system before exporting; the import never rounds money for you',
    );
  }
  const integer = intPart!.replace(/^0+(?=\d)/, '');
  if (integer.length > maxIntegerDigits)
    return fail(`"${text}" is too large (more than ${maxIntegerDigits} digits before the decimal point)`);
  return ok(`${integer}.${frac.padEnd(2, '0')}`);
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An ISO-8601 instant: a date-time with "Z" or an offset
 * (2025-03-01T10:00:00Z, 2025-03-01T10:00:00.250+02:00), or a bare date
 * (2025-03-01, read as midnight UTC). A date-time without a zone is rejected:
 * its meaning depends on where the export ran.
 */
export function parseInstant(raw: string): Parsed<Date> {
  const text = raw.trim();
  if (text === '') return fail('the date is empty');
  const m = DATE_TIME.exec(text);
  if (!m) {
    const hint = /^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}/.test(text)
      ? 'dates like 03/01/2025 are ambiguous (March 1 or January 3?); write 2025-03-01 or 2025-03-01T10:00:00Z'
      : 'write an ISO-8601 date-time such as 2025-03-01T10:00:00Z, or a date such as 2025-03-01';
    return fail(`"${text}" is not an ISO-8601 date or date-time`, hint);
  }
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y),
    month = Number(mo),
    day = Number(d);
  if (month < 1 || month > 12) return fail(`"${text}" has month ${mo}; months run 01–12`);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return fail(`"${text}" is not a real date: ${y}-${mo} has ${daysInMonth} days`);
  if (h === undefined) return ok(new Date(Date.UTC(year, month - 1, day)));
  if (zone === undefined) {
    return fail(`"${text}" has no time zone`, `add Z for UTC (${text}Z) or an offset such as +02:00`);
  }
  const hour = Number(h),
    minute = Number(mi),
    second = Number(s ?? '0');
  if (hour > 23 || minute > 59 || second > 59) return fail(`"${text}" has an impossible time of day`);
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2)),
      om = Number(digits.slice(2));
    if (oh > 18 || om > 59) return fail(`"${text}" has an impossible UTC offset ${zone}`);
    offsetMinutes = sign * (oh * 60 + om);
  }
  // Stored with millisecond precision (timestamptz(3)); finer digits are truncated.
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
  const epoch = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  return ok(new Date(epoch));
}

/** One of a closed vocabulary, exactly as written there; suggests the nearest when it is not. */
export function parseEnum<T extends string>(raw: string, values: readonly T[], what: string): Parsed<T> {
  const text = raw.trim();
  if ((values as readonly string[]).includes(text)) return ok(text as T);
  if (text === '') return fail(`the ${what} is empty`, `use one of: ${values.join(', ')}`);
  const suggestion = closest(text, values);
  return fail(
    `"${text}" is not a known ${what}`,
    suggestion ? `did you mean "${suggestion}"? The ${what} must be one of: ${values.join(', ')}` : `use one of: ${values.join(', ')}`,
  );
}

/** Keys (partner, account, opportunity keys; touch sources): CRM ids and slugs. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9._:@/-]*$/;
export function parseKey(raw: string, what: string): Parsed<string> {
  const text = raw.trim();
  if (text === '') return fail(`the ${what} is empty`, `every row needs a ${what}`);
  if (text.length > 200) return fail(`the ${what} is longer than 200 characters`);
  if (!KEY.test(text)) {
    return fail(
      `"${text}" is not a valid ${what}`,
      'keys may contain letters, digits and . _ : @ / - and must start with a letter or digit',
    );
  }
  return ok(text);
}

export function parseText(raw: string, what: string, { required = false, max = 500 } = {}): Parsed<string | null> {
  const text = raw.trim();
  // NUL cannot be stored in PostgreSQL text; other control characters are export debris.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.exec(text);
  if (control) {
    return fail(
      `the ${what} contains the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
      'remove it in the source system or the export; line breaks and tabs are fine',
    );
  }
  if (text === '') return required ? fail(`the ${what} is empty`, `every row needs a ${what}`) : ok(null);
  if (text.length > max) return fail(`the ${what} is longer than ${max} characters`);
  return ok(text);
}

export function parseCurrency(raw: string): Parsed<string> {
  const text = raw.trim();
  if (text === '') return fail('the currency is empty', 'write a 3-letter ISO 4217 code such as USD');
  if (/^[A-Z]{3}$/.test(text)) return ok(text);
  if (/^[a-z]{3}$/i.test(text)) return fail(`"${text}" must be upper case`, `write ${text.toUpperCase()}`);
  return fail(`"${text}" is not a 3-letter ISO 4217 currency code`, 'write a code such as USD, EUR or GBP');
}

/** A web domain such as acme.com (lower-cased); a URL or e-mail address gets a hint. */
export function parseDomain(raw: string): Parsed<string | null> {
  const text = raw.trim().toLowerCase();
  if (text === '') return ok(null);
  if (/^https?:\/\//.test(text))
    return fail(
      `"${raw.trim()}" is a URL, not a domain`,
      `write only the domain: ${text
        .replace(/^https?:\/\//, '')
        .replace(/[/?#].*$/, '')
        .replace(/^www\./, '')}`,
    );
  if (text.includes('@'))
    return fail(`"${raw.trim()}" looks like an e-mail address, not a domain`, `write only the domain: ${text.split('@').pop()}`);
  if (!/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/.test(text)) {
    return fail(`"${raw.trim()}" is not a valid domain`, 'write a domain such as acme.com');
  }
  return ok(text);
}

/** Engagement depth: empty, or a whole number 1–5. */
export function parseDepth(raw: string): Parsed<number | null> {
  const text = raw.trim();
  if (text === '') return ok(null);
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 5) {
    return fail(
      `"${text}" is not an engagement depth`,
      'write a whole number from 1 (light touch) to 5 (deep joint work), or leave it empty',
    );
  }
  return ok(Number(text));
}

/** The rep-declared partner role: empty (not declared), or one of DECLARED_ROLES. */
export function parseDeclaredRole(raw: string): Parsed<DeclaredRole | null> {
  const text = raw.trim();
  if (text === '') return ok(null);
  if (isDeclaredRole(text)) return ok(text);
  const guess = closest(text, DECLARED_ROLES);
  return fail(
    declaredRoleMessage(text),
    `${guess ? `did you mean "${guess}"? ` : ''}a CRM label such as "Partner Sourced" maps onto a role through a mapping's values (declared_role)`,
  );
}

/** A key of the taxonomy in force (active entries); the hint names both fixes: add it, or map it. */
export function parseTaxonomyKey(raw: string, kind: TaxonomyKind, vocabulary: Vocabulary): Parsed<string> {
  const text = raw.trim();
  if (text === '') return fail(`the ${kindNoun(kind)} is empty`, `use one of: ${vocabulary.keys(kind).join(', ')}`);
  const problem = taxonomyValueError(kind, text, vocabulary);
  return problem === null ? ok(text) : fail(problem, taxonomyHint(kind, text, vocabulary, { import: true }));
}
