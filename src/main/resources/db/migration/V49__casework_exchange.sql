-- Which request travels in which exchange conversation (docs/casework.md, "Exchange"): one row per
-- request sent or received electronically, written in the transaction that sent or registered it.
-- `request_message_id` is the id of the `request` message: unique, so a request message registers one
-- request however often its event is delivered. The acknowledgement columns are set once, when the
-- counterpart's acknowledgement arrives (outgoing) or is sent (incoming).
CREATE TABLE casework_exchange (
    request_id                 uuid        PRIMARY KEY REFERENCES casework_request (id),
    direction                  text        NOT NULL CHECK (direction IN ('OUTGOING', 'INCOMING')),
    conversation_id            uuid        NOT NULL,
    counterpart                text        NOT NULL,
    request_message_id         uuid        NOT NULL UNIQUE,
    pairing_token              text        NOT NULL CHECK (pairing_token ~ '^[A-Za-z0-9_-]{22,86}$'),
    linked_at                  timestamptz NOT NULL,
    acknowledgement_message_id uuid        UNIQUE,
    counterpart_reference      text,
    UNIQUE (conversation_id, direction),
    CHECK ((acknowledgement_message_id IS NULL) = (counterpart_reference IS NULL))
);
