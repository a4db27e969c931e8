// The weekly revenue-hygiene report and work queue: the records that keep
// attribution from being trusted, each with the keys the UI needs to link to
// it, counted for this week and the previous one.
//
// DEFINITIONS (also in the README).
// As of: the report looks at the data as it stood at the end of the `asOf`
//   day (UTC). The week is the ISO week (Monday–Sunday, UTC) containing asOf;
//   the previous week's count is the same check evaluated at the end of the
//   previous ISO week (Monday 00:00 UTC), reconstructed from timestamps
//   (occurred_at, deleted_at, created_at, resolved_at, since/until). Fields
//   edited since then are judged by their current value. Allocation-based
//   checks (disputed_allocation, dangling citations, next_step_missing) read
//   the current attribution results for both weeks: results are recomputed
//   in place, so their history is not reconstructed.
// A touch is on record at T when it occurred before T and was not deleted
//   before T. Occurrence, not ingestion, dates it, so backfilled history
//   (imports, the demo seed) reads correctly as of any past day.
// Checks:
//   missing_proof_or_owner  live touches with a blank proof or owner.
//   inactive_partner        partners (prospect/onboarding/active) attached to
//                           at least one account at T with no live touch in
//                           the `inactiveDays` (default 60) days before T:
//                           "the partner who finished onboarding and then
//                           disappeared".
//   open_dispute            disputes raised before T and not resolved by T.
//   disputed_allocation     current allocations whose role is `disputed`.
//   touch_after_close       live touches on a closed opportunity dated after
//                           its close.
//   unknown_reference       records pointing at something that does not fit:
//                           a touch whose account is not its opportunity's
//                           account; an account-level touch on an account that
//                           has no opportunity; a current allocation citing a
//                           touchpoint that no longer exists or was deleted.
//   suspected_duplicate     two live touches with the same partner, the same
//                           opportunity (or account, for account-level
//                           touches) and the same action within
//                           `duplicateDays` (default 3) days of each other,
//                           from different source/external ids; the later one
//                           is listed, pointing at the earlier (relatedId).
//   next_step_missing       open opportunities where a partner holds current
//                           influence-lane credit but the partner's latest
//                           live touch on it has no next joint step.
//   missing_fx_rate         opportunities created before T in a currency other
//                           than the reporting one with no exchange rate on or
//                           before the day reports convert them at: the close
//                           day when closed before T, else the asOf day.
//                           Scorecards refuse while such a deal is credited in
//                           their range. Rates are read as they are now.
// Edge cases for governance (where the rules' credit rests on thin evidence):
//   unproven_single_touch_credit  current allocations with credit whose only
//                           contributing touch has no proof.
//   touches_without_credit  partners with at least MANY_TOUCHES (5) live touches
//                           before T and no current credit in any lane: either
//                           the rules miss a real motion or the touches are noise.
// Spotlight disagreements (a section of its own, not a counted check): the won
//   deals closed by asOf where the rule set's current credit and the
//   spotlight's model credit split the deal most differently (the spotlight's
//   `deals`, src/reports/spotlight.ts; default markov order 1 by partner, the
//   influence lane, deals in the reporting currency). The rule set is the
//   review's `ruleSetKey`, the section's own, or the only rule set with current
//   results; otherwise the section is empty and says why.
import type { SqlClient } from '../../engine/db.js';
import { toDate as asDate } from '../../db/timestamps.js';
import type { ReportDb } from '../db.js';
import { asCount, queryRows } from '../db.js';
import { ReportError } from '../errors.js';
import type { Period } from '../periods.js';
import { addDays, isoDate, isoWeekOf } from '../periods.js';
import type { CheckSpec, HygieneCheckKey } from './check.js';
import { disputedAllocation, nextStepMissing, unprovenSingleTouchCredit } from './credit.js';
import { type HygieneDisagreements, type HygieneDisagreementsInput, spotlightDisagreements } from './disagreements.js';
import { openDispute } from './disputes.js';
import { suspectedDuplicate } from './duplicates.js';
import { missingFxRate } from './fx.js';
import { inactivePartner, touchesWithoutCredit } from './partners.js';
import { unknownReference } from './references.js';
import { PARAMS } from './sql.js';
import { missingProofOrOwner, touchAfterClose } from './touches.js';

export { HYGIENE_CHECKS } from './check.js';
export { DEFAULT_DISAGREEMENTS, type HygieneDisagreements } from './disagreements.js';
export { MANY_TOUCHES } from './partners.js';

export interface HygieneInput {
  /** The day the review is for (UTC date); the report reads the data as of the end of that day. */
  asOf: Date;
  /** Days without action after which an attached partner is inactive (default 60). */
  inactiveDays?: number;
  /** Days within which same partner/opportunity/action touches look duplicated (default 3). */
  duplicateDays?: number;
  /** Restrict allocation-based checks to one rule set (default: every rule set). */
  ruleSetKey?: string;
  /** Maximum items listed per check (default 100); counts are always exact. */
  limit?: number;
  /** The reporting currency (ATTRIB_REPORTING_CURRENCY; default USD): deals in it need no rate. */
  reportingCurrency?: string;
  /** The spotlight-disagreements section's options. */
  disagreements?: HygieneDisagreementsInput;
}

export interface HygieneItem {
  entityType: 'touchpoint' | 'partner' | 'dispute' | 'allocation' | 'opportunity';
  entityId: string;
  label: string;
  opportunityKey: string | null;
  partnerKey: string | null;
  accountKey: string | null;
  touchpointId: string | null;
  disputeId: string | null;
  allocationId: string | null;
  /** The other record involved (the earlier touch of a suspected duplicate). */
  relatedId: string | null;
  /** When the underlying event happened (touch date, dispute raised, last action). */
  at: Date | null;
  detail: string;
}

export interface HygieneCheck {
  key: HygieneCheckKey;
  title: string;
  /** What the weekly review should do about these records. */
  action: string;
  /** Records in the queue as of the end of asOf. */
  count: number;
  /** The same check at the end of the previous ISO week. */
  previousCount: number;
  delta: number;
  items: HygieneItem[];
  /** true when `items` lists fewer than `count` records (raise `limit`). */
  truncated: boolean;
}

export interface HygieneReport {
  asOf: string;
  week: { key: string; start: string; end: string };
  previousWeek: { key: string; start: string; end: string };
  inactiveDays: number;
  duplicateDays: number;
  ruleSetKey: string | null;
  checks: HygieneCheck[];
  totals: { count: number; previousCount: number; delta: number };
  /** The won deals where rule and model credit disagree most (not counted in totals). */
  disagreements: HygieneDisagreements;
}

/** The checks in the report's order (HYGIENE_CHECKS). */
const CHECKS: CheckSpec[] = [
  missingProofOrOwner,
  inactivePartner,
  openDispute,
  disputedAllocation,
  touchAfterClose,
  unknownReference,
  suspectedDuplicate,
  nextStepMissing,
  missingFxRate,
  unprovenSingleTouchCredit,
  touchesWithoutCredit,
];

function positiveInt(name: string, value: number | undefined, fallback: number, max: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1 || v > max) {
    throw new ReportError('INVALID_INPUT', `${name} must be a whole number from 1 to ${max}, got ${String(value)}.`);
  }
  return v;
}

function weekRef(p: Period): { key: string; start: string; end: string } {
  return { key: p.key, start: isoDate(p.start), end: isoDate(p.end) };
}

export async function computeHygiene(db: ReportDb & { sql: SqlClient }, input: HygieneInput): Promise<HygieneReport> {
  if (!(input.asOf instanceof Date) || Number.isNaN(input.asOf.getTime())) {
    throw new ReportError('INVALID_INPUT', 'asOf must be a valid date (YYYY-MM-DD).');
  }
  const inactiveDays = positiveInt('inactiveDays', input.inactiveDays, 60, 3650);
  const duplicateDays = positiveInt('duplicateDays', input.duplicateDays, 3, 365);
  const limit = positiveInt('limit', input.limit, 100, 10_000);
  const ruleSetKey = input.ruleSetKey ?? null;
  if (ruleSetKey) {
    const found = await queryRows(db, 'SELECT 1 FROM rule_set WHERE key = $1', [ruleSetKey]);
    if (found.length === 0)
      throw new ReportError('RULE_SET_NOT_FOUND', `rule set "${ruleSetKey}" does not exist; check the key or omit it.`);
  }

  const week = isoWeekOf(input.asOf);
  const previousWeek = isoWeekOf(addDays(week.start, -7));
  const endOfAsOf = addDays(new Date(Date.UTC(input.asOf.getUTCFullYear(), input.asOf.getUTCMonth(), input.asOf.getUTCDate())), 1);
  const reportingCurrency = input.reportingCurrency ?? 'USD';
  if (!/^[A-Z]{3}$/.test(reportingCurrency)) {
    throw new ReportError(
      'INVALID_INPUT',
      `reportingCurrency "${reportingCurrency}" is not a 3-letter ISO 4217 code such as USD (ATTRIB_REPORTING_CURRENCY).`,
    );
  }
  // $6, the previous week's T, is the start of asOf's ISO week: always before $1.
  const params = [endOfAsOf, inactiveDays, duplicateDays, ruleSetKey, reportingCurrency, week.start];

  // The checks are independent reads: on PostgreSQL they run side by side on the pool's connections.
  const checks: HygieneCheck[] = await Promise.all(
    CHECKS.map(async (spec): Promise<HygieneCheck> => {
      const [items, counts] = await Promise.all([
        queryRows<Record<string, unknown>>(db, `${PARAMS} ${spec.items(limit)}`, params),
        queryRows<{ now: unknown; before: unknown }>(db, `${PARAMS} ${spec.counts}`, params),
      ]);
      const count = asCount(counts[0]?.now);
      const previousCount = asCount(counts[0]?.before);
      return {
        key: spec.key,
        title: spec.title,
        action: spec.action,
        count,
        previousCount,
        delta: count - previousCount,
        items: items.map(toItem),
        truncated: items.length < count,
      };
    }),
  );
  const count = checks.reduce((s, c) => s + c.count, 0);
  const previousCount = checks.reduce((s, c) => s + c.previousCount, 0);
  const disagreements = await spotlightDisagreements(db, input.asOf, ruleSetKey, reportingCurrency, input.disagreements ?? {});
  return {
    asOf: isoDate(input.asOf),
    week: weekRef(week),
    previousWeek: weekRef(previousWeek),
    inactiveDays,
    duplicateDays,
    ruleSetKey,
    checks,
    totals: { count, previousCount, delta: count - previousCount },
    disagreements,
  };
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toItem(r: Record<string, unknown>): HygieneItem {
  return {
    entityType: String(r.entity_type) as HygieneItem['entityType'],
    entityId: String(r.entity_id),
    label: String(r.label ?? ''),
    opportunityKey: str(r.opportunity_key),
    partnerKey: str(r.partner_key),
    accountKey: str(r.account_key),
    touchpointId: str(r.touchpoint_id),
    disputeId: str(r.dispute_id),
    allocationId: str(r.allocation_id),
    relatedId: str(r.related_id),
    at: r.at === null || r.at === undefined ? null : asDate(r.at),
    detail: String(r.detail ?? ''),
  };
}
