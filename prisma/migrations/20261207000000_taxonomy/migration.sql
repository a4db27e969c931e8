-- The program's own vocabulary as data: partner types and tiers, action
-- types, channels and opportunity stages become taxonomy entries instead of
-- database enums, so adding one needs no migration. Entries are never deleted
-- (retiring keeps old rows readable); a stage's outcome (open / won / lost)
-- never changes, so opportunity.outcome can carry it for reports.

CREATE TABLE "taxonomy_entry" (
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "description" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "outcome" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMPTZ(3),

    CONSTRAINT "taxonomy_entry_pkey" PRIMARY KEY ("kind", "key"),
    CONSTRAINT "taxonomy_entry_kind_check" CHECK ("kind" IN ('partner-type', 'partner-tier', 'action-type', 'channel', 'opportunity-stage')),
    CONSTRAINT "taxonomy_entry_key_check" CHECK ("key" ~ '^[a-z][a-z0-9_]{0,62}$'),
    CONSTRAINT "taxonomy_entry_label_check" CHECK (length(btrim("label")) BETWEEN 1 AND 200),
    CONSTRAINT "taxonomy_entry_outcome_check" CHECK (
        ("kind" = 'opportunity-stage' AND "outcome" IN ('open', 'won', 'lost')) OR ("kind" <> 'opportunity-stage' AND "outcome" IS NULL))
);

INSERT INTO "taxonomy_entry" ("kind", "key", "label", "outcome", "position") VALUES
    ('partner-type', 'reseller', 'Reseller', NULL, 0),
    ('partner-type', 'referral', 'Referral', NULL, 1),
    ('partner-type', 'technology', 'Technology', NULL, 2),
    ('partner-type', 'system_integrator', 'System integrator', NULL, 3),
    ('partner-type', 'marketplace', 'Marketplace', NULL, 4),
    ('partner-type', 'agency', 'Agency', NULL, 5),
    ('partner-type', 'msp', 'Msp', NULL, 6),
    ('partner-type', 'other', 'Other', NULL, 7),
    ('partner-tier', 'registered', 'Registered', NULL, 0),
    ('partner-tier', 'silver', 'Silver', NULL, 1),
    ('partner-tier', 'gold', 'Gold', NULL, 2),
    ('partner-tier', 'platinum', 'Platinum', NULL, 3),
    ('partner-tier', 'strategic', 'Strategic', NULL, 4),
    ('action-type', 'referral', 'Referral', NULL, 0),
    ('action-type', 'deal_registration', 'Deal registration', NULL, 1),
    ('action-type', 'validated_intro', 'Validated intro', NULL, 2),
    ('action-type', 'joint_discovery', 'Joint discovery', NULL, 3),
    ('action-type', 'buyer_recommendation', 'Buyer recommendation', NULL, 4),
    ('action-type', 'security_review', 'Security review', NULL, 5),
    ('action-type', 'implementation_scoping', 'Implementation scoping', NULL, 6),
    ('action-type', 'executive_alignment', 'Executive alignment', NULL, 7),
    ('action-type', 'integration_activation', 'Integration activation', NULL, 8),
    ('action-type', 'integration_usage', 'Integration usage', NULL, 9),
    ('action-type', 'marketplace_lead', 'Marketplace lead', NULL, 10),
    ('action-type', 'marketplace_transaction', 'Marketplace transaction', NULL, 11),
    ('action-type', 'content_engagement', 'Content engagement', NULL, 12),
    ('action-type', 'co_marketing', 'Co marketing', NULL, 13),
    ('action-type', 'webinar', 'Webinar', NULL, 14),
    ('action-type', 'other', 'Other', NULL, 15),
    ('channel', 'co_sell', 'Co sell', NULL, 0),
    ('channel', 'integration', 'Integration', NULL, 1),
    ('channel', 'marketplace', 'Marketplace', NULL, 2),
    ('channel', 'content', 'Content', NULL, 3),
    ('channel', 'services', 'Services', NULL, 4),
    ('channel', 'referral', 'Referral', NULL, 5),
    ('opportunity-stage', 'prospecting', 'Prospecting', 'open', 0),
    ('opportunity-stage', 'discovery', 'Discovery', 'open', 1),
    ('opportunity-stage', 'evaluation', 'Evaluation', 'open', 2),
    ('opportunity-stage', 'proposal', 'Proposal', 'open', 3),
    ('opportunity-stage', 'negotiation', 'Negotiation', 'open', 4),
    ('opportunity-stage', 'closed_won', 'Closed won', 'won', 5),
    ('opportunity-stage', 'closed_lost', 'Closed lost', 'lost', 6);

-- Entries are retired, never deleted; kind, key and outcome never change.
CREATE FUNCTION taxonomy_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'taxonomy entry %/% cannot be deleted; retire it instead', OLD.kind, OLD.key USING ERRCODE = 'restrict_violation';
    END IF;
    IF NEW.kind IS DISTINCT FROM OLD.kind OR NEW.key IS DISTINCT FROM OLD.key OR NEW.outcome IS DISTINCT FROM OLD.outcome THEN
        RAISE EXCEPTION 'the kind, key and outcome of taxonomy entry %/% cannot change', OLD.kind, OLD.key USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER "taxonomy_entry_guard" BEFORE UPDATE OR DELETE ON "taxonomy_entry" FOR EACH ROW EXECUTE FUNCTION taxonomy_entry_guard();

-- Enum columns become text holding taxonomy keys.
ALTER TABLE "partner" ALTER COLUMN "tier" DROP DEFAULT;
ALTER TABLE "partner" ALTER COLUMN "type" TYPE TEXT USING "type"::text, ALTER COLUMN "tier" TYPE TEXT USING "tier"::text;
ALTER TABLE "partner" ALTER COLUMN "tier" SET DEFAULT 'registered';
ALTER TABLE "opportunity" ALTER COLUMN "stage" TYPE TEXT USING "stage"::text;
ALTER TABLE "touchpoint" ALTER COLUMN "action" TYPE TEXT USING "action"::text, ALTER COLUMN "channel" TYPE TEXT USING "channel"::text,
    ALTER COLUMN "stage_at_touch" TYPE TEXT USING "stage_at_touch"::text;
DROP TYPE "PartnerType";
DROP TYPE "PartnerTier";
DROP TYPE "OpportunityStage";
DROP TYPE "ActionType";
DROP TYPE "Channel";

-- The outcome of the opportunity's stage, set by the database from the
-- taxonomy whenever the stage is written (an unknown stage is refused).
ALTER TABLE "opportunity" ADD COLUMN "outcome" TEXT NOT NULL DEFAULT 'open';
UPDATE "opportunity" o SET "outcome" = t."outcome"
  FROM "taxonomy_entry" t WHERE t."kind" = 'opportunity-stage' AND t."key" = o."stage" AND t."outcome" <> 'open';

CREATE FUNCTION opportunity_stage_outcome() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT t.outcome INTO NEW.outcome FROM taxonomy_entry t WHERE t.kind = 'opportunity-stage' AND t.key = NEW.stage;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'insert or update on table "opportunity" violates foreign key constraint "opportunity_stage_fkey"'
            USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (stage)=(%s) is not an opportunity stage of the taxonomy.', NEW.stage),
                  CONSTRAINT = 'opportunity_stage_fkey';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER "opportunity_stage_outcome" BEFORE INSERT OR UPDATE OF "stage", "outcome" ON "opportunity"
    FOR EACH ROW EXECUTE FUNCTION opportunity_stage_outcome();
CREATE INDEX "opportunity_outcome_closed_at_idx" ON "opportunity"("outcome", "closed_at");

-- The taxonomy a rule version was checked against (null: the default
-- taxonomy, which is what versions saved before taxonomies existed used).
ALTER TABLE "rule_version" ADD COLUMN "taxonomy" JSONB, ADD COLUMN "taxonomy_hash" TEXT;
