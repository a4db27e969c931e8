-- GraphQL reads a run's allocations and a partner's credit one bounded page at
-- a time (ORDER BY … LIMIT per parent). These indexes serve those pages in
-- order, so a page costs the same with 10 or 3,000,000 rows under the parent.
-- They replace the narrower indexes they extend (same leading columns), so a
-- run writes no extra index.

-- A run's allocations, by opportunity then id.
DROP INDEX "credit_allocation_run_id_idx";
CREATE INDEX "credit_allocation_run_id_opportunity_id_id_idx" ON "credit_allocation"("run_id", "opportunity_id", "id");

-- A partner's (current) credit, newest first.
DROP INDEX "credit_allocation_partner_id_is_current_idx";
CREATE INDEX "credit_allocation_partner_id_is_current_created_at_id_idx" ON "credit_allocation"("partner_id", "is_current", "created_at", "id");
