// What one hygiene check is: its key, words for the review, and the SQL of its
// items and of its two counts (parameters in ./sql.ts).
export const HYGIENE_CHECKS = [
  'missing_proof_or_owner',
  'inactive_partner',
  'open_dispute',
  'disputed_allocation',
  'touch_after_close',
  'unknown_reference',
  'suspected_duplicate',
  'next_step_missing',
  'missing_fx_rate',
  'unproven_single_touch_credit',
  'touches_without_credit',
] as const;

export type HygieneCheckKey = (typeof HYGIENE_CHECKS)[number];

export interface CheckSpec {
  key: HygieneCheckKey;
  title: string;
  action: string;
  /** The items as of T ($1): COLS rows, at most `limit`, in the check's order (ties broken by TIE_BREAK). */
  items: (limit: number) => string;
  /** SELECT of `now` (as of $1) and `before` (as of $6): the number of items at each instant, without a limit. */
  counts: string;
}
