-- Reference numbers come from one sequence per year instead of V47's counter row. The row was locked
-- from a creation's first statement to its commit, so every creation on the node waited for the one
-- before it to assess, audit, publish and flush its commit: creations ran one at a time (about 50/s
-- with a durable commit, issue 18). A sequence hands out numbers without a lock held to the end of the
-- transaction, so creations commit together (one WAL flush for many). What this gives up: a creation
-- that fails after taking its number leaves that number unused (a gap), and so may a crash (PostgreSQL
-- logs sequences ahead); a number is still never given twice, and requests are never deleted.
CREATE FUNCTION casework_next_reference_number(year integer) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    name text := 'casework_reference_' || year;
BEGIN
    IF to_regclass(name) IS NULL THEN
        -- The year's first creation makes its sequence in its own transaction: a second one at the
        -- same moment waits on the catalogue, then finds it made (or makes it, if the first rolled
        -- back and took its sequence with it).
        BEGIN
            EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I AS bigint MINVALUE 1 START 1', name);
        EXCEPTION WHEN duplicate_table OR unique_violation THEN
            NULL;
        END;
    END IF;
    RETURN nextval(name::regclass);
END
$$;

DO $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT year, last FROM casework_reference_counter LOOP
        EXECUTE format('CREATE SEQUENCE casework_reference_%s AS bigint MINVALUE 1 START %s',
                       c.year, c.last + 1);
    END LOOP;
END
$$;

DROP TABLE casework_reference_counter;
