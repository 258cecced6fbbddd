-- Casework: one row per request (content and state as jsonb, query columns beside them), an
-- append-only audit trail of every change, and comments.

CREATE TABLE casework_request (
    id                      uuid        PRIMARY KEY,
    -- Optimistic locking: every change writes version + 1 where version is the one it read.
    version                 bigint      NOT NULL CHECK (version >= 1),
    direction               text        NOT NULL CHECK (direction IN ('OUTGOING', 'INCOMING')),
    kind                    text        NOT NULL,
    state                   text        NOT NULL,
    open                    boolean     NOT NULL,
    -- The response deadline is met by a decision; only requests awaiting one can miss it.
    awaiting_decision       boolean     NOT NULL,
    state_data              jsonb       NOT NULL,
    content                 jsonb       NOT NULL,
    deadline                jsonb       NOT NULL,
    preservation            jsonb,
    counterpart_state       text        CHECK (counterpart_state ~ '^[A-Z]{2}$'),
    emergency               boolean     NOT NULL,
    assignee                text,
    created_by              text        NOT NULL,
    created_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL,
    -- Due date of an open request as of its last change; null once closed or withdrawn.
    due_at                  timestamptz,
    clock_stopped           boolean     NOT NULL,
    deadline_miss_reported  boolean     NOT NULL,
    preservation_expires_at timestamptz,
    preservation_warned     boolean     NOT NULL DEFAULT false,
    -- Facts and offences, for full-text search; the 'simple' configuration works for any language.
    search_text             text        NOT NULL DEFAULT '',
    search                  tsvector    GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
    CHECK (open = (due_at IS NOT NULL))
);
CREATE INDEX casework_request_by_state ON casework_request (state, created_at);
CREATE INDEX casework_request_by_due ON casework_request (due_at) WHERE open;
CREATE INDEX casework_request_by_counterpart ON casework_request (counterpart_state);
CREATE INDEX casework_request_by_assignee ON casework_request (assignee);
CREATE INDEX casework_request_search ON casework_request USING gin (search);

-- Who did what to which request, and from which version to which. Append-only.
CREATE TABLE casework_audit (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id   uuid        NOT NULL REFERENCES casework_request (id),
    at           timestamptz NOT NULL,
    actor        text        NOT NULL,
    action       text        NOT NULL,
    from_version bigint      NOT NULL CHECK (from_version >= 0),
    to_version   bigint      NOT NULL CHECK (to_version = from_version + 1),
    from_state   text,
    to_state     text        NOT NULL
);
CREATE INDEX casework_audit_by_request ON casework_audit (request_id, id);

CREATE TRIGGER casework_audit_append_only
    BEFORE UPDATE OR DELETE ON casework_audit
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();

-- Notes caseworkers leave on a request. Append-only too: a comment is corrected by another comment.
CREATE TABLE casework_comment (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id uuid        NOT NULL REFERENCES casework_request (id),
    at         timestamptz NOT NULL,
    author     text        NOT NULL,
    body       text        NOT NULL CHECK (length(body) BETWEEN 1 AND 10000)
);
CREATE INDEX casework_comment_by_request ON casework_comment (request_id, id);

CREATE TRIGGER casework_comment_append_only
    BEFORE UPDATE OR DELETE ON casework_comment
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
