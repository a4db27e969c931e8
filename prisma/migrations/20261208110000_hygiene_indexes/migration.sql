-- Partial indexes for the revenue-hygiene report (src/reports/hygiene/): each
-- holds only the touches one check looks at, so the check reads those rows
-- and not the whole table. A touch that is not one of them costs its insert
-- only the evaluation of the predicate.

-- missing_proof_or_owner: touches with a blank proof or owner, by time (the
-- items are the latest; deleted_at lets both weeks' counts read the index only).
CREATE INDEX "touchpoint_missing_proof_or_owner_idx" ON "touchpoint" ("occurred_at", "deleted_at")
    WHERE NULLIF(btrim("proof"), '') IS NULL OR NULLIF(btrim("owner"), '') IS NULL;

-- unknown_reference: touches naming both an opportunity and an account (the
-- account may not be the opportunity's), and account-level touches (the
-- account may have no opportunity).
CREATE INDEX "touchpoint_opportunity_and_account_idx" ON "touchpoint" ("opportunity_id", "account_id")
    WHERE "opportunity_id" IS NOT NULL AND "account_id" IS NOT NULL;
CREATE INDEX "touchpoint_account_level_idx" ON "touchpoint" ("account_id")
    WHERE "opportunity_id" IS NULL;
