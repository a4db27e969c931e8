// The one FactRow builder: the credited facts of one group and period, from a
// row of queryFacts (the allocation rows) or queryRollupFacts (the rollups),
// which name their columns alike.
import { asCount } from '../db.js';
import type { FactRow } from './types.js';

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const list = (v: unknown): string[] => (v ? String(v).split(',') : []);

/** The FactRow of a result row `r` in `period`; `overrides` replaces the figures the query does not carry. */
export function factRowOf(r: Record<string, unknown>, period: string, overrides: Partial<FactRow> = {}): FactRow {
  return {
    groupKey: String(r.group_key),
    groupLabel: String(r.group_label),
    period,
    sourcedPipeline: String(r.sourced_pipeline),
    influencedPipeline: String(r.influenced_pipeline),
    involvedPipeline: String(r.involved_pipeline),
    sourcedRevenue: String(r.sourced_revenue),
    influencedRevenue: String(r.influenced_revenue),
    involvedRevenue: String(r.involved_revenue),
    expansion: {
      sourced: String(r.expansion_sourced),
      influenced: String(r.expansion_influenced),
      involvedRevenue: String(r.expansion_revenue),
    },
    renewal: { sourced: String(r.renewal_sourced), influenced: String(r.renewal_influenced), involvedRevenue: String(r.renewal_revenue) },
    closedInvolved: asCount(r.closed_involved),
    wonInvolved: asCount(r.won_involved),
    velocityInvolved: text(r.velocity_involved),
    p50: text(r.p50),
    p90: text(r.p90),
    ttiSamples: asCount(r.tti_samples),
    ttiStale: asCount(r.tti_stale),
    ruleVersionIds: [...new Set(list(r.rvs))],
    conversions: list(r.conversions),
    ...overrides,
  };
}
