-- Report rollups: the scorecard's sums and counts of current credit, written
-- by the engine in the transaction of every change of current credit (a run's
-- switch, a withdrawal) and of every opportunity edit (src/engine/report-rollup.ts).
-- No triggers: each write path calls the rollup writer explicitly.
--
-- One row per rule set x grouping (partner, partner_type, channel, all; and
-- `opp`: one group per deal with any current allocation, for the "other"
-- baseline) x group x rule version x kind (open, won, lost) x day (open: the
-- first day of the created month; closed: the UTC close day, so each closed
-- deal converts at its own close day's rate) x opportunity type x currency.
-- Amounts stay in the deal's currency: a report multiplies each row's sums by
-- its rate (numeric x numeric is exact) and rounds each figure once. A row
-- whose deals fall to zero is deleted, so the table always equals a rebuild.
CREATE TABLE "report_rollup" (
    "rule_set_id" UUID NOT NULL,
    "grouping" TEXT NOT NULL,
    "group_key" TEXT NOT NULL,
    "rule_version_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "opportunity_type" TEXT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "deals" INTEGER NOT NULL,
    "involved_deals" INTEGER NOT NULL,
    "sourced" DECIMAL(30,2) NOT NULL,
    "influenced" DECIMAL(30,2) NOT NULL,
    "involved_amount" DECIMAL(30,2) NOT NULL,
    "involved_days" DECIMAL(40,20) NOT NULL,

    CONSTRAINT "report_rollup_pkey" PRIMARY KEY ("rule_set_id", "grouping", "group_key", "rule_version_id", "kind", "day", "opportunity_type", "currency")
);

CREATE INDEX "report_rollup_rule_set_id_grouping_day_idx" ON "report_rollup"("rule_set_id", "grouping", "day");

-- A rule set's rollup exists (and is kept) from its first rebuild on: the
-- scorecard reads the rollup only for rule sets listed here.
CREATE TABLE "report_rollup_state" (
    "rule_set_id" UUID NOT NULL,
    "built_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_rollup_state_pkey" PRIMARY KEY ("rule_set_id")
);
