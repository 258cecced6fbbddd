-- Correspondence between the two sides of a request exchanged with another node (docs/casework.md,
-- "Exchange with other nodes"): a letter or note written on one side travels as a `correspondence`
-- message and is kept on the request of its conversation on the other. One row per message id, written
-- with the outbox row (sent) or in the inbox's transaction (received). Typed by a person: never on the
-- public log.
CREATE TABLE casework_letter (
    message_id  uuid        PRIMARY KEY,
    request_id  uuid        NOT NULL REFERENCES casework_request (id),
    direction   text        NOT NULL CHECK (direction IN ('sent', 'received')),
    author      text        CHECK ((direction = 'sent') = (author IS NOT NULL)),
    counterpart text        NOT NULL,
    body        text        NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    at          timestamptz NOT NULL
);
CREATE INDEX casework_letter_request ON casework_letter (request_id, at);

CREATE TRIGGER casework_letter_append_only BEFORE UPDATE OR DELETE ON casework_letter
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
