-- The exchange trust directory (docs/exchange.md). Only signed documents are stored, never keys on
-- their own: the node rebuilds what it trusts by verifying these documents again at every start, so
-- a row written into the database by hand adds no key that a trusted signature does not vouch for.

-- Every directory that passed verification, newest sequence current. Append-only: an older directory
-- is evidence of what the node trusted when.
CREATE TABLE exchange_directory (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sequence        bigint      NOT NULL UNIQUE CHECK (sequence >= 1),
    operator        text        NOT NULL,
    operator_key_id text        NOT NULL,
    issued_at       timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL CHECK (expires_at > issued_at),
    authorities     integer     NOT NULL CHECK (authorities >= 0),
    document        text        NOT NULL,
    source          text        NOT NULL CHECK (source IN ('upload', 'configured-location')),
    loaded_at       timestamptz NOT NULL,
    loaded_by       text        NOT NULL
);

-- Authority cards an administrator pinned after confirming the fingerprint out of band.
CREATE TABLE exchange_pin (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    authority_id   text        NOT NULL,
    signing_key_id text        NOT NULL,
    fingerprint    char(64)    NOT NULL,
    document       text        NOT NULL,
    pinned_at      timestamptz NOT NULL,
    pinned_by      text        NOT NULL
);

-- A pin ends by a removal row, so the pin table stays append-only too.
CREATE TABLE exchange_pin_removal (
    pin_id     bigint      PRIMARY KEY REFERENCES exchange_pin (id),
    removed_at timestamptz NOT NULL,
    removed_by text        NOT NULL
);

-- Every attempt to change what the node trusts or signs with, accepted or refused, in closed
-- vocabulary only: the outcome is 'accepted' or the verification step that refused.
CREATE TABLE exchange_audit (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      timestamptz NOT NULL,
    actor   text        NOT NULL,
    channel text        NOT NULL CHECK (channel IN ('api', 'start', 'command-line')),
    action  text        NOT NULL CHECK (action IN ('directory-load', 'pin', 'unpin', 'key-generation', 'key-rotation')),
    outcome text        NOT NULL CHECK (outcome ~ '^[a-z][a-z0-9-]*$'),
    subject text
);
CREATE INDEX exchange_audit_at ON exchange_audit (at DESC, id DESC);

CREATE TRIGGER exchange_directory_append_only BEFORE UPDATE OR DELETE ON exchange_directory
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER exchange_pin_append_only BEFORE UPDATE OR DELETE ON exchange_pin
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER exchange_pin_removal_append_only BEFORE UPDATE OR DELETE ON exchange_pin_removal
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER exchange_audit_append_only BEFORE UPDATE OR DELETE ON exchange_audit
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
