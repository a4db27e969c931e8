-- Compact explanations. A run writes the parts of an opportunity's
-- explanations that its allocation rows share ONCE, in credit_explanation:
-- every excluded step of the opportunity (a row's `excluded` is the steps of
-- its lane plus those naming no lane, in order) and, per lane, the lane grant
-- and the steps every row of the lane starts with. Each credit_allocation row
-- of that run keeps only its own part: {"rule", "steps"} (the steps after the
-- lane's shared head), plus {"excludedAll": true} on an unattributed row,
-- whose `excluded` is the whole list.
--
-- Readers render the full document with credit_explanation_of(row): the same
-- jsonb value the row held when it carried everything. A row whose run wrote
-- no credit_explanation (rows written before this migration) is returned as
-- stored: old rows are read in their old format, and are replaced by the
-- next run that covers them.
CREATE TABLE "credit_explanation" (
    "run_id" UUID NOT NULL,
    "opportunity_id" UUID NOT NULL,
    "excluded" JSONB NOT NULL DEFAULT '[]',
    "lanes" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "credit_explanation_pkey" PRIMARY KEY ("run_id", "opportunity_id")
);

CREATE INDEX "credit_explanation_opportunity_id_idx" ON "credit_explanation"("opportunity_id");

ALTER TABLE "credit_explanation"
    ADD CONSTRAINT "credit_explanation_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "attribution_run"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    ADD CONSTRAINT "credit_explanation_opportunity_id_fkey" FOREIGN KEY ("opportunity_id") REFERENCES "opportunity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Out of line and compressed like the rows' explanations were.
ALTER TABLE "credit_explanation" SET (toast_tuple_target = 128);
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE "credit_explanation" ALTER COLUMN "excluded" SET COMPRESSION lz4, ALTER COLUMN "lanes" SET COMPRESSION lz4;
  END IF;
END
$$;

-- The whole explanation of an allocation row (what CreditAllocation.explanation means).
CREATE FUNCTION credit_explanation_of(a "credit_allocation") RETURNS JSONB
LANGUAGE sql STABLE AS $$
  SELECT CASE
           WHEN ce.run_id IS NULL OR a.explanation ? 'lane' THEN a.explanation
           ELSE jsonb_build_object(
             'rule', a.explanation -> 'rule',
             'lane', ce.lanes -> (a.lane::text) -> 'lane',
             'steps', (ce.lanes -> (a.lane::text) -> 'head') || (a.explanation -> 'steps'),
             'excluded', CASE
               WHEN a.explanation ? 'excludedAll' THEN ce.excluded
               ELSE coalesce(
                 (SELECT jsonb_agg(e ORDER BY n) FROM jsonb_array_elements(ce.excluded) WITH ORDINALITY AS t(e, n)
                   WHERE e -> 'data' -> 'lane' IS NULL OR e -> 'data' ->> 'lane' = a.lane::text),
                 '[]'::jsonb)
             END)
         END
    FROM (SELECT 1) AS one
    LEFT JOIN "credit_explanation" ce ON ce.run_id = a.run_id AND ce.opportunity_id = a.opportunity_id
$$;

-- Rows of a run are deleted per run (a failed run), per partition slice (a
-- retried partition) or per opportunity: their shared part goes with them.
CREATE FUNCTION credit_explanation_prune() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "credit_explanation" ce
   USING (SELECT DISTINCT run_id, opportunity_id FROM gone) g
   WHERE ce.run_id = g.run_id AND ce.opportunity_id = g.opportunity_id
     AND NOT EXISTS (SELECT 1 FROM "credit_allocation" ca WHERE ca.run_id = g.run_id AND ca.opportunity_id = g.opportunity_id);
  RETURN NULL;
END
$$;

CREATE TRIGGER "credit_allocation_prune_explanations"
  AFTER DELETE ON "credit_allocation"
  REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION credit_explanation_prune();
