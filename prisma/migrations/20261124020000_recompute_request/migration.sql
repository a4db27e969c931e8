-- The recompute outbox. Ingestion (and other data changes) insert one row per
-- change, naming the affected opportunities, in the same transaction as the change, so a crash
-- between the change and the recompute loses nothing: the server's recompute
-- worker drains the table (at start-up too), recomputes the opportunities and
-- deletes exactly the rows it read. An opportunity that no longer exists is
-- simply skipped by the recompute.
CREATE TABLE "recompute_request" (
    "id" UUID NOT NULL,
    "ticket" UUID NOT NULL,
    "opportunity_ids" UUID[],
    "reason" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recompute_request_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "recompute_request_ticket_idx" ON "recompute_request"("ticket");
CREATE INDEX "recompute_request_next_attempt_at_idx" ON "recompute_request"("next_attempt_at");
