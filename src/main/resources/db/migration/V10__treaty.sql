-- Treaty data added on this node. The reference data (catalogue, States, the researched treaty actions)
-- ships as reviewed files in the release and is read from the classpath; these tables hold only what an
-- administrator added, so an upgrade with corrected files never fights a database copy.
-- All three tables are append-only: each row is its own audit record (who, when, through which channel).

CREATE TABLE treaty_import (
    id          uuid        PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor       text        NOT NULL,
    channel     text        NOT NULL CHECK (channel IN ('api', 'cli')),
    file_name   text        NOT NULL CHECK (length(file_name) BETWEEN 1 AND 300),
    sha256      bytea       NOT NULL CHECK (length(sha256) = 32),
    added       integer     NOT NULL CHECK (added >= 0),
    skipped     integer     NOT NULL CHECK (skipped >= 0)
);

CREATE TABLE treaty_action (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instrument  text        NOT NULL CHECK (instrument ~ '^[A-Z][A-Z0-9-]{1,39}$'),
    party       text        NOT NULL CHECK (party ~ '^[A-Z]{2}$'),
    action      text        NOT NULL CHECK (action IN ('signature', 'ratification', 'acceptance', 'approval',
                                                       'accession', 'denunciation')),
    action_date date,       -- NULL: the date is unknown
    source      text        NOT NULL CHECK (length(source) BETWEEN 1 AND 2000),
    as_of       date        NOT NULL,
    note        text        CHECK (length(note) <= 2000),
    recorded_at timestamptz NOT NULL,
    recorded_by text        NOT NULL,
    channel     text        NOT NULL CHECK (channel IN ('api', 'cli', 'import')),
    import_id   uuid        REFERENCES treaty_import (id)
);
-- The same event once, whoever records it (an unknown date is one value here).
CREATE UNIQUE INDEX treaty_action_once
    ON treaty_action (instrument, party, action, coalesce(action_date, DATE '0001-01-01'));

CREATE TABLE treaty_reservation (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instrument   text        NOT NULL,
    party        text        NOT NULL CHECK (party ~ '^[A-Z]{2}$'),
    article      text        NOT NULL,
    paragraph    text,
    kind         text        NOT NULL CHECK (kind IN ('RESERVATION', 'DECLARATION')),
    effect       text        NOT NULL,
    effect_values text[]     NOT NULL DEFAULT '{}',
    made_on      date,
    withdrawn_on date,
    source       text        NOT NULL CHECK (length(source) BETWEEN 1 AND 2000),
    as_of        date        NOT NULL,
    recorded_at  timestamptz NOT NULL,
    recorded_by  text        NOT NULL
);

CREATE TRIGGER treaty_import_append_only
    BEFORE UPDATE OR DELETE ON treaty_import
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER treaty_action_append_only
    BEFORE UPDATE OR DELETE ON treaty_action
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER treaty_reservation_append_only
    BEFORE UPDATE OR DELETE ON treaty_reservation
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
