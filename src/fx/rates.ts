// Exchange rates for reporting (table fx_rate): `rate` units of the reporting
// currency (ATTRIB_REPORTING_CURRENCY) per unit of `currency` on `date`.
// Reports convert each deal at the rate of its close date (open deals: the
// report's as-of date), or the nearest earlier rate (src/reports/README.md).
//
// Rates are exact decimals end to end: parsed from text, never through a
// float; stored as numeric(20,10). Writes are idempotent upserts by
// (currency, date): re-importing the same rates changes nothing, a changed
// rate replaces the stored one. Every write is audited in its transaction.
import { recordAudit, sqlAuditWriter } from '../audit/record.js';
import type { SqlClient } from '../db/client.js';
import { tableColumns } from '../db/columns.js';
import { toDate } from '../db/timestamps.js';
import type { WriteCounts } from '../import/entity.js';
import { upsertRows, type UpsertSpec } from '../import/upsert.js';
import type { Parsed } from '../import/values.js';

/** One rate as stored: currency (ISO 4217), day (YYYY-MM-DD), rate (canonical decimal text). */
export interface FxRateRow {
  currency: string;
  date: string;
  rate: string;
}

export interface FxRateRecord extends FxRateRow {
  createdAt: Date;
  updatedAt: Date;
}

type FxErrorCode = 'INVALID_FX_RATE';

interface FxIssue {
  /** Index of the rate in the input list. */
  index: number;
  field: 'currency' | 'date' | 'rate';
  message: string;
}

/** A refused write of rates; `issues` lists every bad item (nothing was written). */
export class FxError extends Error {
  constructor(
    readonly code: FxErrorCode,
    message: string,
    readonly issues: FxIssue[] = [],
  ) {
    super(message);
    this.name = 'FxError';
  }
}

/** Integer and fraction digits a rate may have (numeric(20,10)). */
const RATE_INTEGER_DIGITS = 10;
const RATE_FRACTION_DIGITS = 10;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string, hint?: string): Parsed<never> => (hint ? { ok: false, reason, hint } : { ok: false, reason });

/**
 * A rate: a positive plain decimal with at most 10 integer and 10 fraction
 * digits ("1.0842", "0.0067", "151.2"). No exponent, sign, separator or
 * symbol, and never rounded: a rate with more places is refused. Returns the
 * canonical text (leading zeros and trailing fraction zeros removed).
 */
export function parseRate(raw: string): Parsed<string> {
  const text = raw.trim();
  const hint = 'write the rate as a plain positive decimal such as 1.0842 (units of the reporting currency per unit of the currency)';
  if (text === '') return fail('the rate is empty', hint);
  if (/^[+-]?\d*\.?\d+[eE][+-]?\d+$/.test(text)) return fail(`"${text}" is in scientific notation`, hint);
  if (text.startsWith('-')) return fail(`"${text}" is negative; a rate is positive`, hint);
  if (/^\d+,\d+$/.test(text)) return fail(`"${text}" uses a decimal comma`, `write ${text.replace(',', '.')}`);
  const m = /^\+?(\d+)(?:\.(\d+))?$/.exec(text) ?? /^\+?()\.(\d+)$/.exec(text);
  if (!m) return fail(`"${text}" is not a decimal number`, hint);
  const integer = (m[1] ?? '').replace(/^0+/, '') || '0';
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if ((m[2] ?? '').length > RATE_FRACTION_DIGITS) {
    return fail(
      `"${text}" has ${(m[2] ?? '').length} decimal places; rates have at most ${RATE_FRACTION_DIGITS}`,
      'round the rate in the source before importing; the import never rounds a rate for you',
    );
  }
  if (integer.length > RATE_INTEGER_DIGITS)
    return fail(`"${text}" is too large (more than ${RATE_INTEGER_DIGITS} digits before the decimal point)`);
  if (/^0*$/.test(integer) && fraction === '') return fail(`"${text}" is zero; a rate is positive`, hint);
  return ok(fraction ? `${integer}.${fraction}` : integer);
}

/** A currency code: three upper-case letters (ISO 4217 shape). */
export function parseFxCurrency(raw: string): Parsed<string> {
  const text = raw.trim();
  if (text === '') return fail('the currency is empty', 'write a 3-letter ISO 4217 code such as EUR');
  if (/^[A-Z]{3}$/.test(text)) return ok(text);
  if (/^[a-z]{3}$/i.test(text)) return fail(`"${text}" must be upper case`, `write ${text.toUpperCase()}`);
  return fail(`"${text}" is not a 3-letter ISO 4217 currency code`, 'write a code such as EUR, GBP or JPY');
}

/** A day "YYYY-MM-DD" that exists in the calendar. */
export function parseFxDate(raw: string): Parsed<string> {
  const text = raw.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return fail(`"${text}" is not a date`, 'write the day of the rate as YYYY-MM-DD, e.g. 2026-03-31');
  const y = Number(m[1]),
    mo = Number(m[2]),
    d = Number(m[3]);
  if (mo < 1 || mo > 12) return fail(`"${text}" has month ${m[2]}; months run 01–12`);
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > days) return fail(`"${text}" is not a real date: ${m[1]}-${m[2]} has ${days} days`);
  return ok(text);
}

/** Checks raw rates (API input); throws FxError listing every bad item, or returns the canonical rows. */
function validateFxRates(inputs: readonly { currency: string; date: string; rate: string }[]): FxRateRow[] {
  const issues: FxIssue[] = [];
  const rows: FxRateRow[] = [];
  const seen = new Map<string, number>();
  inputs.forEach((input, index) => {
    const currency = parseFxCurrency(input.currency);
    const date = parseFxDate(input.date);
    const rate = parseRate(input.rate);
    for (const [field, r] of [
      ['currency', currency],
      ['date', date],
      ['rate', rate],
    ] as const) {
      if (!r.ok) issues.push({ index, field, message: r.hint ? `${r.reason}: ${r.hint}` : r.reason });
    }
    if (currency.ok && date.ok && rate.ok) {
      const key = `${currency.value} ${date.value}`;
      const first = seen.get(key);
      if (first !== undefined) {
        issues.push({
          index,
          field: 'date',
          message: `${currency.value} on ${date.value} is already given at index ${first}; give one rate per currency and day`,
        });
      } else {
        seen.set(key, index);
        rows.push({ currency: currency.value, date: date.value, rate: rate.value });
      }
    }
  });
  if (issues.length > 0) {
    const first = issues[0]!;
    throw new FxError(
      'INVALID_FX_RATE',
      `${issues.length} problem${issues.length === 1 ? '' : 's'} in the rates, nothing was written; the first: rates[${first.index}].${first.field}: ${first.message}.`,
      issues,
    );
  }
  return rows;
}

const FX_TABLE: UpsertSpec<FxRateRow> = {
  ...tableColumns('fx_rate', { currency: (r) => r.currency, date: (r) => r.date, rate: (r) => r.rate }),
  constants: { updated_at: 'now()' },
  conflict: ['currency', 'date'],
  compare: ['rate'],
};

/** Upserts rates by (currency, date); a rate equal to the stored one is left alone. */
export function upsertFxRates(sql: SqlClient, rows: readonly FxRateRow[]): Promise<WriteCounts> {
  return upsertRows(sql, FX_TABLE, rows);
}

export interface FxImportResult extends WriteCounts {
  /** Rates given. */
  rates: number;
}

/**
 * Validates and writes rates in one transaction with their audit event
 * (`fx_rate.import`): all or nothing. Throws FxError on any bad item.
 */
export async function importFxRates(
  sql: SqlClient,
  inputs: readonly { currency: string; date: string; rate: string }[],
  actor: string,
): Promise<FxImportResult> {
  const rows = validateFxRates(inputs);
  return sql.transaction(async (tx) => {
    const counts = await upsertFxRates(tx, rows);
    const currencies = [...new Set(rows.map((r) => r.currency))].sort();
    const dates = rows.map((r) => r.date).sort();
    await recordAudit(sqlAuditWriter(tx), {
      actor,
      action: 'fx_rate.import',
      entityType: 'fx_rate',
      entityId: currencies.join(',') || null,
      after: { ...counts, rates: rows.length, currencies, from: dates[0] ?? null, to: dates[dates.length - 1] ?? null },
    });
    return { ...counts, rates: rows.length };
  });
}

export interface FxRateFilter {
  currency?: string;
  /** First day, inclusive (YYYY-MM-DD). */
  from?: string;
  /** Last day, inclusive (YYYY-MM-DD). */
  to?: string;
  /** At most this many rates (default 1,000, at most 10,000). */
  limit?: number;
}

/** Stored rates, by currency then day. */
export async function listFxRates(sql: SqlClient, filter: FxRateFilter = {}): Promise<FxRateRecord[]> {
  if (filter.currency !== undefined) {
    const c = parseFxCurrency(filter.currency);
    if (!c.ok) throw new FxError('INVALID_FX_RATE', `currency: ${c.reason}${c.hint ? `: ${c.hint}` : ''}.`);
  }
  for (const [name, value] of [
    ['from', filter.from],
    ['to', filter.to],
  ] as const) {
    if (value === undefined) continue;
    const d = parseFxDate(value);
    if (!d.ok) throw new FxError('INVALID_FX_RATE', `${name}: ${d.reason}${d.hint ? `: ${d.hint}` : ''}.`);
  }
  const limit = filter.limit ?? 1_000;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
    throw new FxError('INVALID_FX_RATE', `limit must be a whole number from 1 to 10000, got ${String(filter.limit)}.`);
  const rows = await sql.query<{ currency: string; date: string; rate: string; created_at: unknown; updated_at: unknown }>(
    `SELECT currency, to_char(date, 'YYYY-MM-DD') AS date, rate::text AS rate, created_at, updated_at
       FROM fx_rate
      WHERE ($1::text IS NULL OR currency = $1::text) AND ($2::date IS NULL OR date >= $2::date) AND ($3::date IS NULL OR date <= $3::date)
      ORDER BY currency, date LIMIT ${limit}`,
    [filter.currency ?? null, filter.from ?? null, filter.to ?? null],
  );
  return rows.map((r) => ({
    currency: r.currency,
    date: r.date,
    rate: canonicalRate(r.rate),
    createdAt: toDate(r.created_at),
    updatedAt: toDate(r.updated_at),
  }));
}

/** numeric(20,10) text ("1.0842000000") in the canonical form parseRate returns ("1.0842"). */
function canonicalRate(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
