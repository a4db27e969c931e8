// Scorecard selection: input validation, which allocations are scored (current,
// a rule version's, a run's), and the SQL fragments every query shares.
import { asCount, queryRows, type ReportDb } from '../db.js';
import { ReportError } from '../errors.js';
import { isoDate } from '../periods.js';
import type { ScorecardGroupBy, ScorecardInput, ScorecardSelection } from './types.js';

export interface ResolvedSelection {
  selection: ScorecardSelection;
  ruleSetId: string;
  /** SQL condition over `ca` (credit_allocation) and its parameters. */
  condition: (p: Params) => string;
  /** The same selection over report_rollup `r` (current credit only); null: not served by the rollup. */
  rollupCondition: ((p: Params) => string) | null;
}

/** Positional SQL parameters. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export function validateInput(input: ScorecardInput): void {
  if (!input.ruleSetKey) throw new ReportError('INVALID_INPUT', 'ruleSetKey is required: name the rule set to score, e.g. "default".');
  if (!['partner', 'partner_type', 'channel', 'period'].includes(input.groupBy)) {
    throw new ReportError('INVALID_INPUT', `groupBy "${String(input.groupBy)}" is not one of partner, partner_type, channel, period.`);
  }
  if (input.period !== 'month' && input.period !== 'quarter') {
    throw new ReportError('INVALID_INPUT', `period "${String(input.period)}" is not one of month, quarter.`);
  }
  if (
    !(input.from instanceof Date) ||
    Number.isNaN(input.from.getTime()) ||
    !(input.to instanceof Date) ||
    Number.isNaN(input.to.getTime())
  ) {
    throw new ReportError('INVALID_INPUT', 'from and to must be valid dates (YYYY-MM-DD).');
  }
  if (input.to.getTime() < input.from.getTime()) {
    throw new ReportError('INVALID_INPUT', `to (${isoDate(input.to)}) is before from (${isoDate(input.from)}); swap them.`);
  }
  if (
    input.fiscalYearStart !== undefined &&
    (!Number.isInteger(input.fiscalYearStart) || input.fiscalYearStart < 1 || input.fiscalYearStart > 12)
  ) {
    throw new ReportError(
      'INVALID_INPUT',
      `fiscalYearStart ${String(input.fiscalYearStart)} is not a month: use 1 (January) to 12 (December), see ATTRIB_FISCAL_YEAR_START.`,
    );
  }
  if (input.reportingCurrency !== undefined && !/^[A-Z]{3}$/.test(input.reportingCurrency)) {
    throw new ReportError(
      'INVALID_INPUT',
      `reportingCurrency "${input.reportingCurrency}" is not a 3-letter ISO 4217 code such as USD (ATTRIB_REPORTING_CURRENCY).`,
    );
  }
  if (input.asOf !== undefined && (!(input.asOf instanceof Date) || Number.isNaN(input.asOf.getTime()))) {
    throw new ReportError('INVALID_INPUT', 'asOf must be a valid date (YYYY-MM-DD).');
  }
  if (input.source !== undefined && input.source !== 'direct' && input.source !== 'rollup') {
    throw new ReportError('INVALID_INPUT', `source "${String(input.source)}" is not one of direct, rollup.`);
  }
  if (input.ruleVersionId && input.runId) {
    throw new ReportError('INVALID_INPUT', 'give either ruleVersionId or runId, not both: a run already names its rule version.');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function resolveSelection(db: ReportDb, input: ScorecardInput): Promise<ResolvedSelection> {
  const sets = await queryRows<{ id: string }>(db, 'SELECT id::text AS id FROM rule_set WHERE key = $1', [input.ruleSetKey]);
  const ruleSetId = sets[0]?.id;
  if (!ruleSetId) {
    throw new ReportError(
      'RULE_SET_NOT_FOUND',
      `rule set "${input.ruleSetKey}" does not exist; list rule sets with the ruleSets query or check the key.`,
    );
  }
  const base: ScorecardSelection = { kind: 'current', ruleSetKey: input.ruleSetKey, ruleVersionId: null, runId: null };

  if (input.runId) {
    const runs = UUID.test(input.runId)
      ? await queryRows<{ id: string; rule_version_id: string }>(
          db,
          `SELECT r.id::text AS id, r.rule_version_id::text AS rule_version_id FROM attribution_run r
        JOIN rule_version v ON v.id = r.rule_version_id WHERE r.id = $1::uuid AND v.rule_set_id = $2::uuid`,
          [input.runId, ruleSetId],
        )
      : [];
    const run = runs[0];
    if (!run) throw new ReportError('RUN_NOT_FOUND', `run ${input.runId} does not exist in rule set "${input.runId && input.ruleSetKey}".`);
    return {
      ruleSetId,
      selection: { ...base, kind: 'run', runId: run.id, ruleVersionId: run.rule_version_id },
      condition: (p) => `ca.run_id = ${p.add(run.id)}::uuid`,
      rollupCondition: null,
    };
  }

  if (input.ruleVersionId) {
    const found = UUID.test(input.ruleVersionId)
      ? await queryRows<{ id: string; current: number; latest_run: string | null }>(
          db,
          `SELECT v.id::text AS id,
              (SELECT count(*)::int FROM credit_allocation ca WHERE ca.rule_version_id = v.id AND ca.is_current) AS current,
              (SELECT r.id::text FROM attribution_run r WHERE r.rule_version_id = v.id AND r.status = 'succeeded'
                ORDER BY r.finished_at DESC NULLS LAST, r.created_at DESC LIMIT 1) AS latest_run
         FROM rule_version v WHERE v.id = $1::uuid AND v.rule_set_id = $2::uuid`,
          [input.ruleVersionId, ruleSetId],
        )
      : [];
    const version = found[0];
    if (!version) {
      throw new ReportError(
        'RULE_VERSION_NOT_FOUND',
        `rule version ${input.ruleVersionId} does not exist in rule set "${input.ruleSetKey}".`,
      );
    }
    if (asCount(version.current) > 0) {
      return {
        ruleSetId,
        selection: { ...base, kind: 'rule_version', ruleVersionId: version.id },
        condition: (p) => `ca.is_current AND ca.rule_version_id = ${p.add(version.id)}::uuid`,
        rollupCondition: (p) => `r.rule_version_id = ${p.add(version.id)}::uuid`,
      };
    }
    const runId = version.latest_run;
    if (!runId) {
      throw new ReportError(
        'NO_RESULTS_FOR_VERSION',
        `rule version ${version.id} has no results yet: run a preview first (attrib run --preview) and score that run.`,
      );
    }
    return {
      ruleSetId,
      selection: { ...base, kind: 'rule_version', ruleVersionId: version.id, runId },
      condition: (p) => `ca.run_id = ${p.add(runId)}::uuid`,
      rollupCondition: null,
    };
  }

  return { ruleSetId, selection: base, condition: () => 'ca.is_current', rollupCondition: () => 'true' };
}

/** The selected allocations of the rule set, as a CTE named `sel`. */
export function selectionCte(p: Params, resolved: ResolvedSelection): string {
  return `sel AS (
    SELECT ca.id, ca.opportunity_id, ca.partner_id, ca.lane::text AS lane, ca.role, ca.amount,
           ca.rule_version_id, ca.created_at, ca.contributing_touchpoint_ids
      FROM credit_allocation ca
      JOIN rule_version rv ON rv.id = ca.rule_version_id
     WHERE rv.rule_set_id = ${p.add(resolved.ruleSetId)}::uuid AND ${resolved.condition(p)}
  )`;
}

/** Group key and label of an allocation row `s` joined to `partner p`. */
export function allocationGroup(groupBy: ScorecardGroupBy): { key: string; label: string; join: string } {
  switch (groupBy) {
    case 'partner':
      return { key: 'p.key', label: 'p.name', join: '' };
    case 'partner_type':
      return { key: 'p.type::text', label: 'p.type::text', join: '' };
    case 'channel':
      return {
        key: `COALESCE(ch.channel::text, 'none')`,
        label: `COALESCE(ch.channel::text, 'none')`,
        join: `LEFT JOIN LATERAL (SELECT t.channel FROM touchpoint t WHERE t.id = ANY(s.contributing_touchpoint_ids)
               ORDER BY t.occurred_at, t.id LIMIT 1) ch ON true`,
      };
    case 'period':
      return { key: `'all'`, label: `'All partners'`, join: '' };
  }
}

/**
 * Group key and label of a touchpoint row `t` joined to `partner p`, and the
 * touch columns the key depends on (`distinct`: coverage first reduces the
 * touches to distinct (those columns, opportunity) pairs on narrow ids).
 */
export function touchGroup(groupBy: ScorecardGroupBy): { key: string; label: string; distinct: string } {
  switch (groupBy) {
    case 'partner':
      return { key: 'p.key', label: 'p.name', distinct: 't.partner_id' };
    case 'partner_type':
      return { key: 'p.type::text', label: 'p.type::text', distinct: 't.partner_id' };
    case 'channel':
      return { key: 't.channel::text', label: 't.channel::text', distinct: 't.partner_id, t.channel' };
    case 'period':
      return { key: `'all'`, label: `'All partners'`, distinct: 't.partner_id' };
  }
}

export function reportingCurrencyOf(input: ScorecardInput): string {
  return input.reportingCurrency ?? 'USD';
}

export function fiscalStartOf(input: ScorecardInput): number {
  return input.fiscalYearStart ?? 1;
}

/**
 * SQL for the start (timestamptz) of the period containing a timestamptz
 * expression: the UTC month, or the quarter of the fiscal year (the
 * timestamp shifted back by the months the fiscal year starts late, truncated
 * to its calendar quarter, shifted forward again). Same periods as periodOf.
 */
export function periodTrunc(p: Params, input: ScorecardInput): (ts: string) => string {
  const unit = p.add(input.period);
  const shift = `make_interval(months => ${p.add(fiscalStartOf(input) - 1)}::int)`;
  return (ts) => `((date_trunc(${unit}, ((${ts}) AT TIME ZONE 'UTC') - ${shift}) + ${shift}) AT TIME ZONE 'UTC')`;
}
