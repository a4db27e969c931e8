// Fixed reference points of the generated dataset. Nothing in the seed reads
// the clock: the same seed gives the same rows on any day, and tests (and the
// other engineers' fixtures) can rely on these constants.

/** The data "as of": the end of the last of the six quarters. */
export const SEED_AS_OF = new Date('2026-09-30T23:59:59.000Z');

/** Six calendar quarters ending 2026-09-30 (Q2 2025 … Q3 2026), UTC. */
export const SEED_QUARTERS: readonly { label: string; start: Date; end: Date }[] = [
  { label: '2025-Q2', start: utc(2025, 4, 1), end: utc(2025, 6, 30) },
  { label: '2025-Q3', start: utc(2025, 7, 1), end: utc(2025, 9, 30) },
  { label: '2025-Q4', start: utc(2025, 10, 1), end: utc(2025, 12, 31) },
  { label: '2026-Q1', start: utc(2026, 1, 1), end: utc(2026, 3, 31) },
  { label: '2026-Q2', start: utc(2026, 4, 1), end: utc(2026, 6, 30) },
  { label: '2026-Q3', start: utc(2026, 7, 1), end: utc(2026, 9, 30) },
];

/** First instant of the dataset window (opportunities are created from here). */
export const SEED_WINDOW_START = SEED_QUARTERS[0]!.start;

/** Default PRNG seed of `attrib seed` and of the demo data. */
export const DEFAULT_SEED = 20260930;

/** Sizes of the demo dataset loaded on first start. */
export const DEMO_SIZE = {
  opportunities: 5_000,
  touchpointsPerOpportunity: 4,
} as const;

/** Systems touches come from; (source, external_id) is unique. */
export const TOUCH_SOURCES = {
  crm: 'salesforce',
  prm: 'partner_portal',
  marketplace: 'aws_marketplace',
  product: 'product_telemetry',
} as const;

const SEGMENTS = ['enterprise', 'mid_market', 'smb'] as const;
export type Segment = (typeof SEGMENTS)[number];
export const REGIONS = ['NA', 'EMEA', 'APAC', 'LATAM'] as const;

export const INVESTMENT_CATEGORIES = ['mdf', 'enablement', 'co_marketing', 'partner_headcount'] as const;

/**
 * The edge cases real CRMs have. The first opportunities of every generated
 * dataset are forced to one scenario each (in this order), so any dataset of
 * at least this many opportunities contains each of them at a known key;
 * later opportunities draw scenarios at random.
 */
export const SCENARIOS = [
  'typical',
  'no_partner',
  'attached_only',
  'multi_partner',
  'touch_after_close',
  'duplicate_submission',
  'missing_proof',
  'soft_deleted',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** Opportunity key of the i-th generated opportunity (0-based). */
export function opportunityKey(index: number): string {
  return `OPP-${String(index + 1).padStart(7, '0')}`;
}

/** Account key of the i-th generated account (0-based). */
export function accountKey(index: number): string {
  return `ACC-${String(index + 1).padStart(6, '0')}`;
}

/** The opportunity key that is guaranteed to show each scenario. */
export const EDGE_CASE_OPPORTUNITIES: Readonly<Record<Scenario, string>> = Object.fromEntries(
  SCENARIOS.map((s, i) => [s, opportunityKey(i)]),
) as Record<Scenario, string>;

function utc(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}
