-- Set-based foreign keys for touchpoint.
--
-- A foreign key constraint checks every inserted row on its own: one
-- executor start, index probe and row lock on the referenced row per row and
-- per key. Ingesting a batch of 1,000 touchpoints made 3,000 such checks:
-- 12.4 ms of the 28 ms the batch statement took (EXPLAIN ANALYZE of the
-- ingestion statement on PostgreSQL 15; 17-20 ms of 51-57 ms with 2 batches
-- in flight, whose checks lock the same partner rows). Checked once per
-- statement, as one anti-join of the inserted rows against each referenced
-- table, the same guarantee costs 1.5-3 ms.
--
-- touchpoint's three references keep their names, columns and referential
-- actions; the triggers below enforce them (the schema introspection, and so
-- the drift test, reads them back from the triggers' arguments):
--
--   * child side, after each INSERT and UPDATE statement:
--     every non-null key must exist in the referenced table
--     (set_based_fk_check; 23503 with the constraint's name, like
--     PostgreSQL's own check). Under REPEATABLE READ or SERIALIZABLE it also
--     locks the referenced rows (FOR KEY SHARE), as PostgreSQL's check does,
--     so a concurrent delete makes one of the two transactions fail.
--   * parent side, before a DELETE or an UPDATE OF id statement on the
--     referenced table: lock touchpoint against writes until commit
--     (set_based_fk_guard). The delete then waits for every transaction that
--     may have inserted a reference and sees what they committed; a
--     touchpoint insert that starts later waits and then no longer finds the
--     deleted row. Parent rows are deleted or re-keyed only by
--     administrators, never by the API; those statements must run in READ
--     COMMITTED (the default), otherwise they are refused.
--   * after the DELETE: RESTRICT (partner) or SET NULL (opportunity,
--     account) — set_based_fk_on_delete; after an UPDATE of id: CASCADE —
--     set_based_fk_on_update; after a TRUNCATE of the referenced table:
--     refused unless touchpoint was truncated too — set_based_fk_on_truncate.
--
-- Bulk loads that defer keys (src/seed/deferred-keys.ts) disable the child
-- side's triggers for the load and check every row once afterwards
-- (set_based_fk_validate).

CREATE FUNCTION set_based_fk_check() RETURNS trigger LANGUAGE plpgsql AS $$
-- Arguments, 6 per reference: constraint name, column, referenced table,
-- referenced column, ON DELETE action, ON UPDATE action.
DECLARE
  i int := 0;
  missing text;
BEGIN
  WHILE i < TG_NARGS LOOP
    IF current_setting('transaction_isolation') <> 'read committed' THEN
      EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM %I p WHERE p.%I IN (SELECT n.%I FROM new_rows n) FOR KEY SHARE) l',
                     TG_ARGV[i + 2], TG_ARGV[i + 3], TG_ARGV[i + 1]);
    END IF;
    EXECUTE format('SELECT n.%1$I::text FROM new_rows n WHERE n.%1$I IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %2$I p WHERE p.%3$I = n.%1$I) LIMIT 1',
                   TG_ARGV[i + 1], TG_ARGV[i + 2], TG_ARGV[i + 3]) INTO missing;
    IF missing IS NOT NULL THEN
      RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', TG_TABLE_NAME, TG_ARGV[i]
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_ARGV[i], TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
              DETAIL = format('Key (%s)=(%s) is not present in table "%s".', TG_ARGV[i + 1], missing, TG_ARGV[i + 2]);
    END IF;
    i := i + 6;
  END LOOP;
  RETURN NULL;
END
$$;

CREATE FUNCTION set_based_fk_guard() RETURNS trigger LANGUAGE plpgsql AS $$
-- Arguments: the referencing tables.
DECLARE
  i int := 0;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'rows of "%" are referenced through set-based foreign keys; delete or re-key them in a READ COMMITTED transaction', TG_TABLE_NAME
      USING ERRCODE = 'feature_not_supported';
  END IF;
  WHILE i < TG_NARGS LOOP
    EXECUTE format('LOCK TABLE %I IN SHARE ROW EXCLUSIVE MODE', TG_ARGV[i]);
    i := i + 1;
  END LOOP;
  RETURN NULL;
END
$$;

CREATE FUNCTION set_based_fk_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
-- Arguments: constraint name, referencing table, its column, referenced column, action (RESTRICT or SET NULL).
DECLARE
  still text;
BEGIN
  IF TG_ARGV[4] = 'SET NULL' THEN
    EXECUTE format('UPDATE %1$I SET %2$I = NULL WHERE %2$I IN (SELECT o.%3$I FROM old_rows o)', TG_ARGV[1], TG_ARGV[2], TG_ARGV[3]);
  ELSE
    EXECUTE format('SELECT o.%3$I::text FROM old_rows o WHERE EXISTS (SELECT 1 FROM %1$I c WHERE c.%2$I = o.%3$I) LIMIT 1', TG_ARGV[1], TG_ARGV[2], TG_ARGV[3])
      INTO still;
    IF still IS NOT NULL THEN
      RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "%" on table "%"', TG_TABLE_NAME, TG_ARGV[0], TG_ARGV[1]
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_ARGV[0], TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
              DETAIL = format('Key (%s)=(%s) is still referenced from table "%s".', TG_ARGV[3], still, TG_ARGV[1]);
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION set_based_fk_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
-- Row level, for rows whose key changed. Arguments: constraint name, referencing table, its column, referenced column, action (CASCADE).
BEGIN
  EXECUTE format('UPDATE %1$I SET %2$I = ($1).%3$I WHERE %2$I = ($2).%3$I', TG_ARGV[1], TG_ARGV[2], TG_ARGV[3])
    USING NEW, OLD;
  RETURN NULL;
END
$$;

CREATE FUNCTION set_based_fk_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
-- Arguments: constraint name, referencing table.
DECLARE
  referenced boolean;
BEGIN
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I)', TG_ARGV[1]) INTO referenced;
  IF referenced THEN
    RAISE EXCEPTION 'cannot truncate a table referenced in a foreign key constraint'
      USING ERRCODE = 'feature_not_supported',
            DETAIL = format('Table "%s" references "%s" (%s).', TG_ARGV[1], TG_TABLE_NAME, TG_ARGV[0]),
            HINT = format('Truncate table "%s" in the same statement.', TG_ARGV[1]);
  END IF;
  RETURN NULL;
END
$$;

-- Checks every row of `child` against its set-based foreign keys (after a
-- bulk load with the check triggers disabled); raises like the triggers.
CREATE FUNCTION set_based_fk_validate(child text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  args text[];
  i int;
  missing text;
BEGIN
  SELECT string_to_array(regexp_replace(encode(t.tgargs, 'escape'), '\\000$', ''), '\000') INTO args
    FROM pg_trigger t
    JOIN pg_proc p ON p.oid = t.tgfoid
   WHERE t.tgrelid = child::regclass AND p.proname = 'set_based_fk_check' AND (t.tgtype & 4) <> 0  -- the INSERT trigger
   LIMIT 1;
  i := 1;
  WHILE args IS NOT NULL AND i <= array_length(args, 1) LOOP
    EXECUTE format('SELECT n.%1$I::text FROM %4$I n WHERE n.%1$I IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %2$I p WHERE p.%3$I = n.%1$I) LIMIT 1',
                   args[i + 1], args[i + 2], args[i + 3], child) INTO missing;
    IF missing IS NOT NULL THEN
      RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', child, args[i]
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = args[i], TABLE = child,
              DETAIL = format('Key (%s)=(%s) is not present in table "%s".', args[i + 1], missing, args[i + 2]);
    END IF;
    i := i + 6;
  END LOOP;
END
$$;

ALTER TABLE "touchpoint" DROP CONSTRAINT "touchpoint_partner_id_fkey",
                         DROP CONSTRAINT "touchpoint_opportunity_id_fkey",
                         DROP CONSTRAINT "touchpoint_account_id_fkey";

CREATE TRIGGER "touchpoint_fk_check_insert" AFTER INSERT ON "touchpoint"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION set_based_fk_check(
    'touchpoint_account_id_fkey', 'account_id', 'account', 'id', 'SET NULL', 'CASCADE',
    'touchpoint_opportunity_id_fkey', 'opportunity_id', 'opportunity', 'id', 'SET NULL', 'CASCADE',
    'touchpoint_partner_id_fkey', 'partner_id', 'partner', 'id', 'RESTRICT', 'CASCADE');
CREATE TRIGGER "touchpoint_fk_check_update" AFTER UPDATE ON "touchpoint"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION set_based_fk_check(
    'touchpoint_account_id_fkey', 'account_id', 'account', 'id', 'SET NULL', 'CASCADE',
    'touchpoint_opportunity_id_fkey', 'opportunity_id', 'opportunity', 'id', 'SET NULL', 'CASCADE',
    'touchpoint_partner_id_fkey', 'partner_id', 'partner', 'id', 'RESTRICT', 'CASCADE');

CREATE TRIGGER "account_fk_guard" BEFORE DELETE OR UPDATE OF "id" ON "account"
  FOR EACH STATEMENT EXECUTE FUNCTION set_based_fk_guard('touchpoint');
CREATE TRIGGER "touchpoint_account_id_fkey_on_delete" AFTER DELETE ON "account"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION set_based_fk_on_delete('touchpoint_account_id_fkey', 'touchpoint', 'account_id', 'id', 'SET NULL');
CREATE TRIGGER "touchpoint_account_id_fkey_on_update" AFTER UPDATE OF "id" ON "account"
  FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id")
  EXECUTE FUNCTION set_based_fk_on_update('touchpoint_account_id_fkey', 'touchpoint', 'account_id', 'id', 'CASCADE');
CREATE TRIGGER "touchpoint_account_id_fkey_on_truncate" AFTER TRUNCATE ON "account"
  FOR EACH STATEMENT EXECUTE FUNCTION set_based_fk_on_truncate('touchpoint_account_id_fkey', 'touchpoint');

CREATE TRIGGER "opportunity_fk_guard" BEFORE DELETE OR UPDATE OF "id" ON "opportunity"
  FOR EACH STATEMENT EXECUTE FUNCTION set_based_fk_guard('touchpoint');
CREATE TRIGGER "touchpoint_opportunity_id_fkey_on_delete" AFTER DELETE ON "opportunity"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION set_based_fk_on_delete('touchpoint_opportunity_id_fkey', 'touchpoint', 'opportunity_id', 'id', 'SET NULL');
CREATE TRIGGER "touchpoint_opportunity_id_fkey_on_update" AFTER UPDATE OF "id" ON "opportunity"
  FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id")
  EXECUTE FUNCTION set_based_fk_on_update('touchpoint_opportunity_id_fkey', 'touchpoint', 'opportunity_id', 'id', 'CASCADE');
CREATE TRIGGER "touchpoint_opportunity_id_fkey_on_truncate" AFTER TRUNCATE ON "opportunity"
  FOR EACH STATEMENT EXECUTE FUNCTION set_based_fk_on_truncate('touchpoint_opportunity_id_fkey', 'touchpoint');

CREATE TRIGGER "partner_fk_guard" BEFORE DELETE OR UPDATE OF "id" ON "partner"
  FOR EACH STATEMENT EXECUTE FUNCTION set_based_fk_guard('touchpoint');
CREATE TRIGGER "touchpoint_partner_id_fkey_on_delete" AFTER DELETE ON "partner"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION set_based_fk_on_delete('touchpoint_partner_id_fkey', 'touchpoint', 'partner_id', 'id', 'RESTRICT');
CREATE TRIGGER "touchpoint_partner_id_fkey_on_update" AFTER UPDATE OF "id" ON "partner"
  FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id")
  EXECUTE FUNCTION set_based_fk_on_update('touchpoint_partner_id_fkey', 'touchpoint', 'partner_id', 'id', 'CASCADE');
CREATE TRIGGER "touchpoint_partner_id_fkey_on_truncate" AFTER TRUNCATE ON "partner"
  FOR EACH STATEMENT EXECUTE FUNCTION set_based_fk_on_truncate('touchpoint_partner_id_fkey', 'touchpoint');

-- The creation event's id list (entity_ids, ~37 KB for 1,000 touchpoints) is
-- compressed like the audit values, where the server has lz4.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE "audit_event" ALTER COLUMN "entity_ids" SET COMPRESSION lz4;
  END IF;
END
$$;
