-- Flyway callback, run after every migration: every table protected against UPDATE and DELETE by
-- refuse_change_to_append_only() is also protected against TRUNCATE, which row triggers do not see.
-- Idempotent, and it covers tables that later migrations add.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN
        SELECT DISTINCT n.nspname AS schema, c.relname AS name
        FROM pg_trigger g
        JOIN pg_class c ON c.oid = g.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_proc p ON p.oid = g.tgfoid
        WHERE p.proname = 'refuse_change_to_append_only' AND NOT g.tgisinternal
    LOOP
        IF NOT EXISTS (
            SELECT 1 FROM pg_trigger g2 JOIN pg_class c2 ON c2.oid = g2.tgrelid
            WHERE c2.relname = t.name AND g2.tgname = t.name || '_no_truncate'
        ) THEN
            EXECUTE format(
                'CREATE TRIGGER %I BEFORE TRUNCATE ON %I.%I FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only()',
                t.name || '_no_truncate', t.schema, t.name);
        END IF;
    END LOOP;
END
$$;
