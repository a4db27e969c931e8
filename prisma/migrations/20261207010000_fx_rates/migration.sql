-- Exchange rates for reporting: `rate` units of the reporting currency
-- (ATTRIB_REPORTING_CURRENCY) per unit of `currency` on `date`. Reports
-- convert a deal at the rate of its close date (open deals: the report's
-- as-of date), taking the nearest earlier rate when that day has none:
-- one index probe on the primary key (currency, date) per deal, read
-- backwards. Rates are exact decimals (10 places), never floats.
CREATE TABLE "fx_rate" (
    "currency" VARCHAR(3) NOT NULL,
    "date" DATE NOT NULL,
    "rate" DECIMAL(20,10) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "fx_rate_pkey" PRIMARY KEY ("currency", "date")
);

ALTER TABLE "fx_rate"
    ADD CONSTRAINT "fx_rate_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$'),
    ADD CONSTRAINT "fx_rate_rate_positive" CHECK ("rate" > 0);
