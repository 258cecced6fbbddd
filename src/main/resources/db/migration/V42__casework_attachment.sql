-- Documents attached to a request (the paper request, a court order, a translation). Stored in
-- PostgreSQL for now; append-only, like the audit trail: a wrong upload is superseded, not erased.
CREATE TABLE casework_attachment (
    id           uuid        PRIMARY KEY,
    request_id   uuid        NOT NULL REFERENCES casework_request (id),
    file_name    text        NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    content_type text        NOT NULL,
    size_bytes   bigint      NOT NULL CHECK (size_bytes > 0),
    sha256       bytea       NOT NULL CHECK (length(sha256) = 32),
    content      bytea       NOT NULL,
    uploaded_at  timestamptz NOT NULL,
    uploaded_by  text        NOT NULL
);
CREATE INDEX casework_attachment_by_request ON casework_attachment (request_id, uploaded_at);

CREATE TRIGGER casework_attachment_append_only
    BEFORE UPDATE OR DELETE ON casework_attachment
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
