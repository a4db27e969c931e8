-- Report rollups at month grain and the time-to-insight histogram, kept by the
-- same explicit calls as report_rollup (src/engine/report-rollup.ts), in the
-- transaction of each change.
--
-- report_rollup_month: report_rollup's sums and counts per UTC month of `day`
-- (open deals: the created month; closed deals: the close month). The
-- scorecard reads it for every amount that converts at one rate per row (the
-- reporting currency, and open deals at the as-of day); only closed deals in
-- other currencies read report_rollup's close days.
CREATE TABLE "report_rollup_month" (
    "rule_set_id" UUID NOT NULL,
    "grouping" TEXT NOT NULL,
    "group_key" TEXT NOT NULL,
    "rule_version_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "opportunity_type" TEXT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "deals" INTEGER NOT NULL,
    "involved_deals" INTEGER NOT NULL,
    "sourced" DECIMAL(30,2) NOT NULL,
    "influenced" DECIMAL(30,2) NOT NULL,
    "involved_amount" DECIMAL(30,2) NOT NULL,
    "involved_days" DECIMAL(40,20) NOT NULL,

    CONSTRAINT "report_rollup_month_pkey" PRIMARY KEY ("rule_set_id", "grouping", "group_key", "rule_version_id", "kind", "month", "opportunity_type", "currency")
);

CREATE INDEX "report_rollup_month_rule_set_id_grouping_month_idx" ON "report_rollup_month"("rule_set_id", "grouping", "month");

-- Time-to-insight, two levels. Per group x rule version x UTC month of the
-- deal's event (its close; open deals: its latest live touch): the involved
-- deals per bucket of latency (whole weeks of hours; -1: stale, the credit
-- predates the event), and the exact latencies (hours, 2 places) with their
-- deal counts. A percentile finds its bucket from the bucket counts and its
-- value among that bucket's latencies only.
CREATE TABLE "report_tti_bucket" (
    "rule_set_id" UUID NOT NULL,
    "grouping" TEXT NOT NULL,
    "group_key" TEXT NOT NULL,
    "rule_version_id" UUID NOT NULL,
    "month" DATE NOT NULL,
    "bucket" INTEGER NOT NULL,
    "deals" INTEGER NOT NULL,

    CONSTRAINT "report_tti_bucket_pkey" PRIMARY KEY ("rule_set_id", "grouping", "group_key", "rule_version_id", "month", "bucket")
);

CREATE INDEX "report_tti_bucket_rule_set_id_grouping_month_idx" ON "report_tti_bucket"("rule_set_id", "grouping", "month");

CREATE TABLE "report_tti_value" (
    "rule_set_id" UUID NOT NULL,
    "grouping" TEXT NOT NULL,
    "group_key" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "rule_version_id" UUID NOT NULL,
    "latency" DECIMAL(20,2) NOT NULL,
    "deals" INTEGER NOT NULL,

    CONSTRAINT "report_tti_value_pkey" PRIMARY KEY ("rule_set_id", "grouping", "group_key", "bucket", "month", "rule_version_id", "latency")
);
