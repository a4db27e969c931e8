-- One audit event can cover many entities: ingesting a batch of touchpoints
-- records ONE event listing the touchpoints it created (entity_ids) with their
-- values (after.items), instead of one event per touchpoint. The GIN index
-- answers "which events concern entity X" (entity_ids @> ARRAY[X]) as the
-- (entity_type, entity_id) index does for one-entity events.
ALTER TABLE "audit_event" ADD COLUMN "entity_ids" TEXT[];

CREATE INDEX "audit_event_entity_ids_idx" ON "audit_event" USING GIN ("entity_ids");
