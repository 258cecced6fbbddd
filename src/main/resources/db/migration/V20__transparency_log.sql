-- The transparency log (module transparency). One writer appends (fenced by an advisory lock); every
-- batch stores its entries, the tiles they change and the new head in one transaction, and a
-- checkpoint is signed only afterwards, for a committed head. Leaves and full tiles never change.

-- The committed tree: size and root of everything in log_entry and log_tile. One row.
CREATE TABLE log_head (
    id   boolean PRIMARY KEY DEFAULT true CHECK (id),
    size bigint  NOT NULL CHECK (size >= 0),
    root bytea   NOT NULL CHECK (length(root) = 32)
);
INSERT INTO log_head (size, root) VALUES (0, decode('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'hex'));

-- Leaves: the canonical JSON entry at each index. event_id makes appends idempotent; it is never public.
CREATE TABLE log_entry (
    idx      bigint PRIMARY KEY CHECK (idx >= 0),
    event_id uuid   NOT NULL UNIQUE,
    entry    bytea  NOT NULL CHECK (length(entry) BETWEEN 1 AND 65535)
);

-- Hash tiles (C2SP tlog-tiles, height 8): the widest version of each tile. A partial tile only ever
-- grows by appending hashes (checked below), so any narrower version is a prefix of the stored one.
CREATE TABLE log_tile (
    level  smallint NOT NULL CHECK (level BETWEEN 0 AND 63),
    idx    bigint   NOT NULL CHECK (idx >= 0),
    hashes bytea    NOT NULL CHECK (length(hashes) BETWEEN 32 AND 8192 AND length(hashes) % 32 = 0),
    PRIMARY KEY (level, idx)
);

-- Signed checkpoints, one per published tree size; each was checked consistent with the previous one.
CREATE TABLE log_checkpoint (
    size      bigint      PRIMARY KEY CHECK (size >= 0),
    root      bytea       NOT NULL CHECK (length(root) = 32),
    note      text        NOT NULL,
    signed_at timestamptz NOT NULL
);

-- Confidential: the salt and full record behind each entry's commitment, published only as a reveal
-- after the disclosure date. Never served by a public endpoint unless revealed_at is set.
CREATE TABLE log_secret (
    idx         bigint      PRIMARY KEY REFERENCES log_entry (idx),
    salt        bytea       NOT NULL CHECK (length(salt) = 32),
    record      bytea       NOT NULL,
    disclose    date        NOT NULL,
    revealed_at timestamptz,
    revealed_by text
);

CREATE TRIGGER log_entry_append_only
    BEFORE UPDATE OR DELETE ON log_entry
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();

CREATE TRIGGER log_checkpoint_append_only
    BEFORE UPDATE OR DELETE ON log_checkpoint
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();

CREATE FUNCTION log_tile_only_grows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR length(NEW.hashes) < length(OLD.hashes)
            OR substring(NEW.hashes FROM 1 FOR length(OLD.hashes)) <> OLD.hashes THEN
        RAISE EXCEPTION 'tile %/% may only grow by appending hashes', OLD.level, OLD.idx
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER log_tile_grows
    BEFORE UPDATE OR DELETE ON log_tile
    FOR EACH ROW EXECUTE FUNCTION log_tile_only_grows();

CREATE FUNCTION log_head_only_grows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.size < OLD.size THEN
        RAISE EXCEPTION 'the log head never shrinks' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER log_head_grows
    BEFORE UPDATE OR DELETE ON log_head
    FOR EACH ROW EXECUTE FUNCTION log_head_only_grows();
