-- A touchpoint names the audit event of the ingestion batch that created it.
-- "Events concerning touchpoint X" used to find that batch event through a
-- GIN index on audit_event.entity_ids; keeping that index up to date cost
-- 1,000 GIN entries per batch, paid in bursts when PostgreSQL merged its
-- pending list (4 requests in flight: 79 ms of backend CPU per 1,000
-- touchpoints with the index, 63 ms without). Now it is one primary-key
-- probe on touchpoint and one on audit_event. entity_ids stays: it lists
-- what an event created. Touchpoints created by batch events before this
-- migration are linked to them here.
ALTER TABLE "touchpoint" ADD COLUMN "ingest_event_id" UUID;

UPDATE "touchpoint" t
   SET "ingest_event_id" = e.id
  FROM (SELECT a.id, unnest(a.entity_ids) AS touchpoint_id
          FROM "audit_event" a
         WHERE a.action = 'touchpoint.ingest' AND a.entity_ids IS NOT NULL) e
 WHERE t.id::text = e.touchpoint_id;

DROP INDEX "audit_event_entity_ids_idx";
