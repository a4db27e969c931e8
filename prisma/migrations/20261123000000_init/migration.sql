-- CreateEnum
CREATE TYPE "PartnerType" AS ENUM ('reseller', 'referral', 'technology', 'system_integrator', 'marketplace', 'agency', 'msp', 'other');

-- CreateEnum
CREATE TYPE "PartnerTier" AS ENUM ('registered', 'silver', 'gold', 'platinum', 'strategic');

-- CreateEnum
CREATE TYPE "PartnerStatus" AS ENUM ('prospect', 'onboarding', 'active', 'inactive', 'terminated');

-- CreateEnum
CREATE TYPE "OpportunityType" AS ENUM ('new_business', 'expansion', 'renewal');

-- CreateEnum
CREATE TYPE "OpportunityStage" AS ENUM ('prospecting', 'discovery', 'evaluation', 'proposal', 'negotiation', 'closed_won', 'closed_lost');

-- CreateEnum
CREATE TYPE "ActionType" AS ENUM ('referral', 'deal_registration', 'validated_intro', 'joint_discovery', 'buyer_recommendation', 'security_review', 'implementation_scoping', 'executive_alignment', 'integration_activation', 'integration_usage', 'marketplace_lead', 'marketplace_transaction', 'content_engagement', 'co_marketing', 'webinar', 'other');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('co_sell', 'integration', 'marketplace', 'content', 'services', 'referral');

-- CreateEnum
CREATE TYPE "RuleVersionStatus" AS ENUM ('draft', 'published', 'retired');

-- CreateEnum
CREATE TYPE "RunKind" AS ENUM ('full', 'incremental', 'preview');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'superseded');

-- CreateEnum
CREATE TYPE "Lane" AS ENUM ('source', 'influence');

-- CreateEnum
CREATE TYPE "DisputeStatus" AS ENUM ('open', 'approved', 'rejected');

-- CreateEnum
CREATE TYPE "OverrideStatus" AS ENUM ('active', 'revoked');

-- CreateEnum
CREATE TYPE "ApiKeyRole" AS ENUM ('admin', 'governance', 'integrator', 'analyst', 'partner');

-- CreateTable
CREATE TABLE "partner" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "PartnerType" NOT NULL,
    "tier" "PartnerTier" NOT NULL DEFAULT 'registered',
    "status" "PartnerStatus" NOT NULL DEFAULT 'active',
    "owner" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "partner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "partner_investment" (
    "id" UUID NOT NULL,
    "partner_id" UUID NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "currency" VARCHAR(3) NOT NULL DEFAULT 'USD',
    "category" TEXT NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "partner_investment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "domain" TEXT,
    "segment" TEXT,
    "region" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account_partner" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "partner_id" UUID NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_partner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "opportunity" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "source_system" TEXT NOT NULL DEFAULT 'crm',
    "account_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "type" "OpportunityType" NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "currency" VARCHAR(3) NOT NULL DEFAULT 'USD',
    "stage" "OpportunityStage" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "owner_rep" TEXT,
    "ingested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "opportunity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "touchpoint" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "opportunity_id" UUID,
    "account_id" UUID,
    "partner_id" UUID NOT NULL,
    "action" "ActionType" NOT NULL,
    "channel" "Channel" NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "proof" TEXT,
    "owner" TEXT,
    "next_joint_step" TEXT,
    "engagement_depth" SMALLINT,
    "stage_at_touch" "OpportunityStage",
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "ingested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "touchpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rule_set" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rule_set_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rule_version" (
    "id" UUID NOT NULL,
    "rule_set_id" UUID NOT NULL,
    "version" INTEGER,
    "status" "RuleVersionStatus" NOT NULL DEFAULT 'draft',
    "source" TEXT NOT NULL,
    "source_hash" TEXT NOT NULL,
    "semantic_hash" TEXT,
    "diagnostics" JSONB NOT NULL DEFAULT '[]',
    "test_results" JSONB,
    "effective_from" DATE,
    "effective_to" DATE,
    "author" TEXT NOT NULL,
    "published_by" TEXT,
    "published_at" TIMESTAMPTZ(3),
    "retired_at" TIMESTAMPTZ(3),
    "change_note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rule_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attribution_run" (
    "id" UUID NOT NULL,
    "rule_version_id" UUID NOT NULL,
    "kind" "RunKind" NOT NULL,
    "scope" JSONB NOT NULL DEFAULT '{}',
    "status" "RunStatus" NOT NULL DEFAULT 'queued',
    "opportunities_total" INTEGER NOT NULL DEFAULT 0,
    "opportunities_done" INTEGER NOT NULL DEFAULT 0,
    "allocations_written" INTEGER NOT NULL DEFAULT 0,
    "partitions" INTEGER NOT NULL DEFAULT 1,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "heartbeat_at" TIMESTAMPTZ(3),
    "error" TEXT,
    "triggered_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attribution_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_allocation" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "rule_version_id" UUID NOT NULL,
    "rule_version_number" INTEGER,
    "source_hash" TEXT NOT NULL,
    "opportunity_id" UUID NOT NULL,
    "partner_id" UUID,
    "lane" "Lane" NOT NULL,
    "role" TEXT NOT NULL,
    "share" DECIMAL(9,6) NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "currency" VARCHAR(3) NOT NULL DEFAULT 'USD',
    "contributing_touchpoint_ids" UUID[],
    "explanation" JSONB NOT NULL DEFAULT '{}',
    "is_current" BOOLEAN NOT NULL DEFAULT false,
    "override_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_allocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dispute" (
    "id" UUID NOT NULL,
    "opportunity_id" UUID NOT NULL,
    "partner_id" UUID,
    "allocation_id" UUID,
    "raised_by" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "evidence" TEXT,
    "requested" JSONB,
    "status" "DisputeStatus" NOT NULL DEFAULT 'open',
    "resolution" TEXT,
    "resolved_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "dispute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "override" (
    "id" UUID NOT NULL,
    "opportunity_id" UUID NOT NULL,
    "partner_id" UUID,
    "dispute_id" UUID,
    "rule_set_key" TEXT,
    "lane" "Lane" NOT NULL,
    "role" TEXT NOT NULL,
    "share" DECIMAL(9,6) NOT NULL,
    "reason" TEXT NOT NULL,
    "approved_by" TEXT NOT NULL,
    "approved_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "OverrideStatus" NOT NULL DEFAULT 'active',
    "revoked_by" TEXT,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "override_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" UUID NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT,
    "before" JSONB,
    "after" JSONB,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_key" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "role" "ApiKeyRole" NOT NULL,
    "partner_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "partner_key_key" ON "partner"("key");

-- CreateIndex
CREATE INDEX "partner_type_idx" ON "partner"("type");

-- CreateIndex
CREATE INDEX "partner_investment_period_start_idx" ON "partner_investment"("period_start");

-- CreateIndex
CREATE UNIQUE INDEX "partner_investment_partner_id_period_start_category_key" ON "partner_investment"("partner_id", "period_start", "category");

-- CreateIndex
CREATE UNIQUE INDEX "account_key_key" ON "account"("key");

-- CreateIndex
CREATE INDEX "account_domain_idx" ON "account"("domain");

-- CreateIndex
CREATE INDEX "account_partner_partner_id_idx" ON "account_partner"("partner_id");

-- CreateIndex
CREATE UNIQUE INDEX "account_partner_account_id_partner_id_since_key" ON "account_partner"("account_id", "partner_id", "since");

-- CreateIndex
CREATE UNIQUE INDEX "opportunity_key_key" ON "opportunity"("key");

-- CreateIndex
CREATE INDEX "opportunity_account_id_idx" ON "opportunity"("account_id");

-- CreateIndex
CREATE INDEX "opportunity_stage_idx" ON "opportunity"("stage");

-- CreateIndex
CREATE INDEX "opportunity_closed_at_idx" ON "opportunity"("closed_at");

-- CreateIndex
CREATE INDEX "opportunity_created_at_idx" ON "opportunity"("created_at");

-- CreateIndex
CREATE INDEX "touchpoint_opportunity_id_idx" ON "touchpoint"("opportunity_id");

-- CreateIndex
CREATE INDEX "touchpoint_account_id_idx" ON "touchpoint"("account_id");

-- CreateIndex
CREATE INDEX "touchpoint_partner_id_occurred_at_idx" ON "touchpoint"("partner_id", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "touchpoint_source_external_id_key" ON "touchpoint"("source", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "rule_set_key_key" ON "rule_set"("key");

-- CreateIndex
CREATE INDEX "rule_version_status_idx" ON "rule_version"("status");

-- CreateIndex
CREATE UNIQUE INDEX "rule_version_rule_set_id_version_key" ON "rule_version"("rule_set_id", "version");

-- CreateIndex
CREATE INDEX "attribution_run_rule_version_id_status_idx" ON "attribution_run"("rule_version_id", "status");

-- CreateIndex
CREATE INDEX "attribution_run_created_at_idx" ON "attribution_run"("created_at");

-- CreateIndex
CREATE INDEX "credit_allocation_run_id_idx" ON "credit_allocation"("run_id");

-- CreateIndex
CREATE INDEX "credit_allocation_opportunity_id_is_current_idx" ON "credit_allocation"("opportunity_id", "is_current");

-- CreateIndex
CREATE INDEX "credit_allocation_partner_id_is_current_idx" ON "credit_allocation"("partner_id", "is_current");

-- CreateIndex
CREATE INDEX "credit_allocation_rule_version_id_is_current_idx" ON "credit_allocation"("rule_version_id", "is_current");

-- CreateIndex
CREATE INDEX "dispute_status_idx" ON "dispute"("status");

-- CreateIndex
CREATE INDEX "dispute_opportunity_id_idx" ON "dispute"("opportunity_id");

-- CreateIndex
CREATE INDEX "override_opportunity_id_status_idx" ON "override"("opportunity_id", "status");

-- CreateIndex
CREATE INDEX "audit_event_entity_type_entity_id_idx" ON "audit_event"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");

-- CreateIndex
CREATE INDEX "audit_event_actor_idx" ON "audit_event"("actor");

-- CreateIndex
CREATE UNIQUE INDEX "api_key_prefix_key" ON "api_key"("prefix");

-- AddForeignKey
ALTER TABLE "partner_investment" ADD CONSTRAINT "partner_investment_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_partner" ADD CONSTRAINT "account_partner_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_partner" ADD CONSTRAINT "account_partner_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "opportunity" ADD CONSTRAINT "opportunity_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "touchpoint" ADD CONSTRAINT "touchpoint_opportunity_id_fkey" FOREIGN KEY ("opportunity_id") REFERENCES "opportunity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "touchpoint" ADD CONSTRAINT "touchpoint_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "touchpoint" ADD CONSTRAINT "touchpoint_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rule_version" ADD CONSTRAINT "rule_version_rule_set_id_fkey" FOREIGN KEY ("rule_set_id") REFERENCES "rule_set"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attribution_run" ADD CONSTRAINT "attribution_run_rule_version_id_fkey" FOREIGN KEY ("rule_version_id") REFERENCES "rule_version"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_allocation" ADD CONSTRAINT "credit_allocation_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "attribution_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_allocation" ADD CONSTRAINT "credit_allocation_rule_version_id_fkey" FOREIGN KEY ("rule_version_id") REFERENCES "rule_version"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_allocation" ADD CONSTRAINT "credit_allocation_opportunity_id_fkey" FOREIGN KEY ("opportunity_id") REFERENCES "opportunity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_allocation" ADD CONSTRAINT "credit_allocation_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_allocation" ADD CONSTRAINT "credit_allocation_override_id_fkey" FOREIGN KEY ("override_id") REFERENCES "override"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dispute" ADD CONSTRAINT "dispute_opportunity_id_fkey" FOREIGN KEY ("opportunity_id") REFERENCES "opportunity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dispute" ADD CONSTRAINT "dispute_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dispute" ADD CONSTRAINT "dispute_allocation_id_fkey" FOREIGN KEY ("allocation_id") REFERENCES "credit_allocation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "override" ADD CONSTRAINT "override_opportunity_id_fkey" FOREIGN KEY ("opportunity_id") REFERENCES "opportunity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "override" ADD CONSTRAINT "override_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "override" ADD CONSTRAINT "override_dispute_id_fkey" FOREIGN KEY ("dispute_id") REFERENCES "dispute"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;
