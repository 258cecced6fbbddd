-- What each lifecycle message of a conversation did to the request it belongs to (docs/casework.md,
-- "Exchange"): one row per message id, written in the inbox's transaction together with the change it
-- caused (outcome `recorded`), or alone when the message could not be applied (outcome the rule that
-- refused it, e.g. `transition-not-allowed`): so a message is recorded once, however often it is
-- handled, and a message that changed nothing says why. Messages this node sent are in the exchange
-- outbox; the message types are exchange.MessageType codes.
CREATE TABLE casework_exchange_message (
    message_id  uuid        PRIMARY KEY,
    request_id  uuid        NOT NULL REFERENCES casework_request (id),
    type        text        NOT NULL CHECK (type ~ '^[a-z][a-z-]{1,39}$'),
    outcome     text        NOT NULL CHECK (outcome ~ '^[a-z][a-z0-9-]{1,63}$'),
    recorded_at timestamptz NOT NULL
);
CREATE INDEX casework_exchange_message_request ON casework_exchange_message (request_id, recorded_at);

CREATE TRIGGER casework_exchange_message_append_only
    BEFORE UPDATE OR DELETE ON casework_exchange_message
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();

