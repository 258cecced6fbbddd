-- The confidential record behind each public log entry, frozen in the same transaction as the change
-- it records: the transparency log commits to it (salted SHA-256) when it appends the entry later,
-- so the commitment is to the request exactly as it was, not as it became. Append-only.
CREATE TABLE casework_public_record (
    event_id   uuid        PRIMARY KEY,
    request_id uuid        NOT NULL,
    version    bigint      NOT NULL,
    at         timestamptz NOT NULL,
    record     text        NOT NULL,
    disclose   date        NOT NULL
);

CREATE TRIGGER casework_public_record_append_only
    BEFORE UPDATE OR DELETE ON casework_public_record
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
