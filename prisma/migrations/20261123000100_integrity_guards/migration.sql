-- Integrity guards that Prisma's schema language cannot express.
-- They are invisible to the Prisma client and to the drift test (which compares
-- tables, columns, indexes and foreign keys only); they make the database itself
-- refuse data that would corrupt attribution, whatever code writes to it.
--
-- Errors raised by the triggers below use SQLSTATE 'AT001' (immutable rule
-- version) and 'AT002' (append-only audit trail) so callers can recognise them.

-- ---------------------------------------------------------------------------
-- Rule versions: published versions are immutable.
--
-- draft      -> anything may change; may become published or retired.
-- published  -> the rules (source, hashes, version number, author, publication
--               data, effective_from, ...) are frozen. Allowed: retiring it
--               (status 'retired', retired_at) and closing its effective window
--               (effective_to); updated_at follows along.
-- retired    -> frozen entirely.
-- Published and retired versions cannot be deleted: allocations and audit
-- history refer to them.
-- ---------------------------------------------------------------------------
CREATE FUNCTION "rule_version_guard_immutable"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD."status" <> 'draft' THEN
            RAISE EXCEPTION 'rule version % (rule set %, version %) is % and cannot be deleted',
                OLD."id", OLD."rule_set_id", OLD."version", OLD."status"
                USING ERRCODE = 'AT001',
                      HINT = 'Retire the version instead (status ''retired''); only drafts can be deleted.';
        END IF;
        RETURN OLD;
    END IF;

    IF OLD."status" = 'retired' THEN
        IF ROW(NEW.*) IS DISTINCT FROM ROW(OLD.*) THEN
            RAISE EXCEPTION 'rule version % (rule set %, version %) is retired and immutable',
                OLD."id", OLD."rule_set_id", OLD."version"
                USING ERRCODE = 'AT001',
                      HINT = 'Create a new draft from its source and publish that instead.';
        END IF;
        RETURN NEW;
    END IF;

    IF OLD."status" = 'published' THEN
        IF NEW."status" NOT IN ('published', 'retired') THEN
            RAISE EXCEPTION 'rule version % (rule set %, version %) is published and cannot go back to %',
                OLD."id", OLD."rule_set_id", OLD."version", NEW."status"
                USING ERRCODE = 'AT001',
                      HINT = 'A published version can only be retired. Create a new draft to change the rules.';
        END IF;
        IF NEW."id" IS DISTINCT FROM OLD."id"
            OR NEW."rule_set_id" IS DISTINCT FROM OLD."rule_set_id"
            OR NEW."version" IS DISTINCT FROM OLD."version"
            OR NEW."source" IS DISTINCT FROM OLD."source"
            OR NEW."source_hash" IS DISTINCT FROM OLD."source_hash"
            OR NEW."semantic_hash" IS DISTINCT FROM OLD."semantic_hash"
            OR NEW."diagnostics" IS DISTINCT FROM OLD."diagnostics"
            OR NEW."test_results" IS DISTINCT FROM OLD."test_results"
            OR NEW."effective_from" IS DISTINCT FROM OLD."effective_from"
            OR NEW."author" IS DISTINCT FROM OLD."author"
            OR NEW."published_by" IS DISTINCT FROM OLD."published_by"
            OR NEW."published_at" IS DISTINCT FROM OLD."published_at"
            OR NEW."change_note" IS DISTINCT FROM OLD."change_note"
            OR NEW."created_at" IS DISTINCT FROM OLD."created_at"
        THEN
            RAISE EXCEPTION 'rule version % (rule set %, version %) is published and immutable',
                OLD."id", OLD."rule_set_id", OLD."version"
                USING ERRCODE = 'AT001',
                      HINT = 'Only status (to ''retired''), retired_at, effective_to and updated_at may change. Create a new draft to change the rules.';
        END IF;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER "rule_version_immutable_update"
    BEFORE UPDATE ON "rule_version"
    FOR EACH ROW EXECUTE FUNCTION "rule_version_guard_immutable"();

CREATE TRIGGER "rule_version_immutable_delete"
    BEFORE DELETE ON "rule_version"
    FOR EACH ROW EXECUTE FUNCTION "rule_version_guard_immutable"();

ALTER TABLE "rule_version"
    ADD CONSTRAINT "rule_version_version_positive" CHECK ("version" IS NULL OR "version" >= 1),
    ADD CONSTRAINT "rule_version_published_has_version" CHECK ("status" = 'draft' OR ("version" IS NOT NULL AND "published_at" IS NOT NULL)),
    ADD CONSTRAINT "rule_version_retired_has_retired_at" CHECK ("status" <> 'retired' OR "retired_at" IS NOT NULL),
    ADD CONSTRAINT "rule_version_effective_window" CHECK ("effective_to" IS NULL OR "effective_from" IS NULL OR "effective_to" >= "effective_from");

-- ---------------------------------------------------------------------------
-- Audit trail: append-only.
-- ---------------------------------------------------------------------------
CREATE FUNCTION "audit_event_guard_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only (% of audit event % refused)', TG_OP, OLD."id"
        USING ERRCODE = 'AT002',
              HINT = 'Record a new audit event that corrects or supersedes the old one.';
END;
$$;

CREATE TRIGGER "audit_event_append_only"
    BEFORE UPDATE OR DELETE ON "audit_event"
    FOR EACH ROW EXECUTE FUNCTION "audit_event_guard_append_only"();

-- ---------------------------------------------------------------------------
-- Value checks.
-- ---------------------------------------------------------------------------
ALTER TABLE "partner_investment"
    ADD CONSTRAINT "partner_investment_amount_non_negative" CHECK ("amount" >= 0),
    ADD CONSTRAINT "partner_investment_period_order" CHECK ("period_end" >= "period_start"),
    ADD CONSTRAINT "partner_investment_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');

ALTER TABLE "account_partner"
    ADD CONSTRAINT "account_partner_period_order" CHECK ("until" IS NULL OR "until" >= "since");

ALTER TABLE "opportunity"
    ADD CONSTRAINT "opportunity_amount_non_negative" CHECK ("amount" >= 0),
    ADD CONSTRAINT "opportunity_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');

ALTER TABLE "touchpoint"
    ADD CONSTRAINT "touchpoint_engagement_depth_range" CHECK ("engagement_depth" IS NULL OR "engagement_depth" BETWEEN 1 AND 5),
    ADD CONSTRAINT "touchpoint_has_subject" CHECK ("opportunity_id" IS NOT NULL OR "account_id" IS NOT NULL);

ALTER TABLE "attribution_run"
    ADD CONSTRAINT "attribution_run_counts_non_negative" CHECK ("opportunities_total" >= 0 AND "opportunities_done" >= 0 AND "allocations_written" >= 0),
    ADD CONSTRAINT "attribution_run_partitions_positive" CHECK ("partitions" >= 1);

ALTER TABLE "credit_allocation"
    ADD CONSTRAINT "credit_allocation_share_range" CHECK ("share" >= 0 AND "share" <= 1),
    ADD CONSTRAINT "credit_allocation_amount_non_negative" CHECK ("amount" >= 0),
    ADD CONSTRAINT "credit_allocation_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');

ALTER TABLE "override"
    ADD CONSTRAINT "override_share_range" CHECK ("share" >= 0 AND "share" <= 1);
