-- A draft that is abandoned may be retired (kept for the record) without ever
-- having been published, so it has no version number or publication time.
-- Only a *published* version must have both. (Retired versions that were
-- published keep theirs: the immutability trigger freezes those columns.)
ALTER TABLE "rule_version" DROP CONSTRAINT "rule_version_published_has_version";
ALTER TABLE "rule_version"
    ADD CONSTRAINT "rule_version_published_has_version" CHECK ("status" <> 'published' OR ("version" IS NOT NULL AND "published_at" IS NOT NULL));
