-- Messages this node refused to register or record (docs/casework.md, "Exchange"): a request whose
-- sender is no longer trusted, whose document is not version 1, or that asks in another State's name,
-- and a lifecycle message for a request not registered here. One row per refused message id, with the
-- rule that refused it and, when the sender could be told, the id of the `refusal` message that told
-- it. Written once: the listener that registers requests may run again after a crash, and finds it.
CREATE TABLE casework_exchange_refusal (
    message_id      uuid        PRIMARY KEY,
    conversation_id uuid        NOT NULL,
    sender          text        NOT NULL CHECK (length(sender) BETWEEN 1 AND 200),
    type            text        NOT NULL CHECK (type ~ '^[a-z][a-z-]{1,39}$'),
    rule            text        NOT NULL CHECK (rule ~ '^[a-z][a-z0-9-]{1,63}$'),
    answer_id       uuid,
    refused_at      timestamptz NOT NULL
);
CREATE INDEX casework_exchange_refusal_at ON casework_exchange_refusal (refused_at);

CREATE TRIGGER casework_exchange_refusal_append_only
    BEFORE UPDATE OR DELETE ON casework_exchange_refusal
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
