-- The witness (module transparency, C2SP tlog-witness): for each log this node follows, the latest
-- checkpoint it cosigned. A row only ever moves to a larger tree, or the same tree again: the witness
-- updates it with a compare-and-set on the size and root it checked the request against, so two
-- concurrent requests can never roll it back.
CREATE TABLE witness_checkpoint (
    origin     text        PRIMARY KEY CHECK (length(origin) BETWEEN 1 AND 255),
    size       bigint      NOT NULL CHECK (size >= 0),
    root       bytea       NOT NULL CHECK (length(root) = 32),
    checkpoint text        NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE FUNCTION witness_checkpoint_only_grows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.size < OLD.size OR (NEW.size = OLD.size AND NEW.root <> OLD.root) OR NEW.origin <> OLD.origin THEN
        RAISE EXCEPTION 'a witnessed checkpoint only grows';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER witness_checkpoint_only_grows BEFORE UPDATE ON witness_checkpoint
    FOR EACH ROW EXECUTE FUNCTION witness_checkpoint_only_grows();

-- Forgetting a log would let the witness cosign any tree of it again (afterMigrate adds no TRUNCATE).
CREATE TRIGGER witness_checkpoint_no_delete BEFORE DELETE ON witness_checkpoint
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
