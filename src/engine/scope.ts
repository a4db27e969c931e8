// Which opportunities a run covers, as data (stored in AttributionRun.scope)
// and as SQL. A run streams its opportunities with keyset pagination on id,
// one partition at a time, so memory stays bounded whatever the data size.
//
// Attribution date: an opportunity is dated by closed_at, or created_at while
// it is open, taken as a UTC calendar date. A rule version applies to the
// opportunities whose attribution date lies inside its effective window
// [effectiveFrom, effectiveTo], both ends inclusive, either end open.
import { arrayLiteral as pgArray } from '../db/sql-arrays.js';
import type { SqlClient } from './db.js';

export interface RunScope {
  opportunityKeys?: string[];
  /** Internal (incremental recompute): database ids. */
  opportunityIds?: string[];
  /** Attribution dates from this day (inclusive), YYYY-MM-DD. */
  from?: string;
  /** Attribution dates up to this day (inclusive), YYYY-MM-DD. */
  to?: string;
  /** Opportunities the partner touched, is present on, or holds credit in. */
  partnerKey?: string;
}

export interface VersionWindow {
  effectiveFrom: string | null;
  effectiveTo: string | null;
}

export const ATTRIBUTION_DATE_SQL = `((COALESCE(o.closed_at, o.created_at) AT TIME ZONE 'UTC')::date)`;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export class ScopeError extends Error {
  readonly code = 'INVALID_SCOPE';
  constructor(message: string) {
    super(message);
    this.name = 'ScopeError';
  }
}

/** Checks a scope's shape: dates are real YYYY-MM-DD days and from <= to. */
export function validateScope(scope: RunScope): RunScope {
  for (const [name, value] of [
    ['from', scope.from],
    ['to', scope.to],
  ] as const) {
    if (value === undefined) continue;
    if (
      !DATE_RE.test(value) ||
      Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
      new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
    ) {
      throw new ScopeError(`scope.${name} "${value}" is not a date; use YYYY-MM-DD, e.g. 2025-01-31`);
    }
  }
  if (scope.from && scope.to && scope.from > scope.to) {
    throw new ScopeError(`scope.from ${scope.from} is after scope.to ${scope.to}; swap them`);
  }
  if (scope.opportunityKeys && scope.opportunityKeys.length === 0) {
    throw new ScopeError('scope.opportunityKeys is empty; name at least one opportunity key or drop the option');
  }
  return scope;
}

/** True when the scope restricts nothing (a full run of the version's window). */
export function isUnrestricted(scope: RunScope): boolean {
  return !scope.opportunityKeys && !scope.opportunityIds && !scope.from && !scope.to && !scope.partnerKey;
}

/** Accumulates SQL conditions over `opportunity o` with positional parameters. */
export class OpportunityFilter {
  readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  constructor(params: unknown[] = []) {
    this.params.push(...params);
  }

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  where(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }

  scope(scope: RunScope): this {
    if (scope.opportunityIds) this.conditions.push(`o.id = ANY(${this.param(pgArray(scope.opportunityIds))}::uuid[])`);
    if (scope.opportunityKeys) this.conditions.push(`o.key = ANY(${this.param(pgArray(scope.opportunityKeys))}::text[])`);
    if (scope.from) this.conditions.push(`${ATTRIBUTION_DATE_SQL} >= ${this.param(scope.from)}::date`);
    if (scope.to) this.conditions.push(`${ATTRIBUTION_DATE_SQL} <= ${this.param(scope.to)}::date`);
    if (scope.partnerKey) {
      const p = this.param(scope.partnerKey);
      this.conditions.push(`(
        EXISTS (SELECT 1 FROM touchpoint t JOIN partner p ON p.id = t.partner_id
                 WHERE p.key = ${p} AND t.deleted_at IS NULL
                   AND (t.opportunity_id = o.id OR (t.opportunity_id IS NULL AND t.account_id = o.account_id)))
        OR EXISTS (SELECT 1 FROM account_partner ap JOIN partner p ON p.id = ap.partner_id
                    WHERE p.key = ${p} AND ap.account_id = o.account_id)
        OR EXISTS (SELECT 1 FROM credit_allocation ca JOIN partner p ON p.id = ca.partner_id
                    WHERE p.key = ${p} AND ca.opportunity_id = o.id AND ca.is_current))`);
    }
    return this;
  }

  window(window: VersionWindow): this {
    if (window.effectiveFrom) this.conditions.push(`${ATTRIBUTION_DATE_SQL} >= ${this.param(window.effectiveFrom)}::date`);
    if (window.effectiveTo) this.conditions.push(`${ATTRIBUTION_DATE_SQL} <= ${this.param(window.effectiveTo)}::date`);
    return this;
  }

  partition(index: number, count: number): this {
    if (count > 1) {
      this.conditions.push(`mod(hashtext(o.id::text)::bigint + 2147483648, ${this.param(count)}::bigint) = ${this.param(index)}::bigint`);
    }
    return this;
  }

  after(cursor: string | null): this {
    if (cursor) this.conditions.push(`o.id > ${this.param(cursor)}::uuid`);
    return this;
  }
}

export async function countOpportunities(sql: SqlClient, filter: OpportunityFilter): Promise<number> {
  const rows = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM opportunity o ${filter.where()}`, filter.params);
  return Number(rows[0]?.n ?? 0);
}

/** Keys in `keys` that name no opportunity (to fail a scope with a clear error). */
export async function unknownOpportunityKeys(sql: SqlClient, keys: readonly string[]): Promise<string[]> {
  const rows = await sql.query<{ key: string }>(`SELECT key FROM opportunity WHERE key = ANY($1::text[])`, [pgArray(keys)]);
  const known = new Set(rows.map((r) => r.key));
  return keys.filter((k) => !known.has(k));
}
