-- A run's switch flips `is_current` on every row it replaces and every row it
-- publishes. While `is_current` is a column of an index, each flip is a
-- non-HOT update: a new row version on another page, an entry in every index
-- of the table (the random primary key included) and, after a checkpoint, a
-- full-page image in the WAL per page touched. Out of every index, and with
-- room left on each page (fillfactor), the flip is a heap-only (HOT) update:
-- the new version goes on the same page and no index changes.
--
-- Readers of current credit keep their `is_current` condition: the indexes
-- below find the rows of an opportunity, a partner or a rule version, and the
-- condition is checked on the row.

DROP INDEX "credit_allocation_opportunity_id_is_current_idx";
CREATE INDEX "credit_allocation_opportunity_id_idx" ON "credit_allocation"("opportunity_id");

DROP INDEX "credit_allocation_partner_id_is_current_created_at_id_idx";
CREATE INDEX "credit_allocation_partner_id_created_at_id_idx" ON "credit_allocation"("partner_id", "created_at", "id");

DROP INDEX "credit_allocation_rule_version_id_is_current_idx";
CREATE INDEX "credit_allocation_rule_version_id_idx" ON "credit_allocation"("rule_version_id");

-- A row is flipped twice in its life (published, then replaced), each time
-- inside one transaction that flips the whole page's rows: half of each page
-- is left free for the new versions.
ALTER TABLE "credit_allocation" SET (fillfactor = 50);
