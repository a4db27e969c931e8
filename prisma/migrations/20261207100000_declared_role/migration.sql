-- The partner role a rep declared in the CRM for the partner a touch names
-- (sourced, influenced or assisted_close: the crediting roles of the rules'
-- vocabulary); NULL when nothing was declared. Influence accuracy compares it
-- with the role the rules gave that partner on the deal. A touch carries it
-- because a touch names exactly one partner and one deal: an opportunity-level
-- column could not say which of the deal's partners the rep meant.
ALTER TABLE "touchpoint" ADD COLUMN "declared_role" TEXT;

ALTER TABLE "touchpoint"
    ADD CONSTRAINT "touchpoint_declared_role_known"
    CHECK ("declared_role" IS NULL OR "declared_role" IN ('sourced', 'influenced', 'assisted_close'));
