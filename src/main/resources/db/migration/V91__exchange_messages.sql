-- Exchange messages (docs/exchange.md, "Delivery"): the outbox the sending change writes in its own
-- transaction, the per-hop evidence of every delivery, and the inbox of accepted messages with the
-- receipt each was answered with.

-- The inbox audits every refusal and acceptance, and an administrator's manual retry.
ALTER TABLE exchange_audit DROP CONSTRAINT exchange_audit_channel_check;
ALTER TABLE exchange_audit ADD CONSTRAINT exchange_audit_channel_check
    CHECK (channel IN ('api', 'start', 'command-line', 'inbox'));
ALTER TABLE exchange_audit DROP CONSTRAINT exchange_audit_action_check;
ALTER TABLE exchange_audit ADD CONSTRAINT exchange_audit_action_check
    CHECK (action IN ('directory-load', 'pin', 'unpin', 'key-generation', 'key-rotation', 'message-receive',
                      'delivery-retry'));

-- The sender's count of messages per conversation and recipient; the row lock orders concurrent sends.
CREATE TABLE exchange_sequence (
    conversation_id uuid   NOT NULL,
    recipient       text   NOT NULL,
    last_sequence   bigint NOT NULL CHECK (last_sequence >= 1),
    PRIMARY KEY (conversation_id, recipient)
);

-- A sealed message waiting for delivery, delivered (with the receipt) or given up. The body is the
-- exact bytes sent, so every retry sends the same bytes and gets the same receipt.
CREATE TABLE exchange_outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id      uuid        NOT NULL UNIQUE,
    conversation_id uuid        NOT NULL,
    type            text        NOT NULL,
    recipient       text        NOT NULL,
    sequence        bigint      NOT NULL CHECK (sequence >= 1),
    emergency       boolean     NOT NULL,
    pairing_token   text        NOT NULL,
    inbox           text        NOT NULL,
    body            text        NOT NULL,
    digest          char(64)    NOT NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    status          text        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    give_up_at      timestamptz NOT NULL,
    last_error      text CHECK (last_error ~ '^[a-z0-9][a-z0-9-]*$'),
    receipt         text,
    delivered_at    timestamptz,
    UNIQUE (conversation_id, recipient, sequence),
    CHECK ((status = 'delivered') = (receipt IS NOT NULL))
);
CREATE INDEX exchange_outbox_due ON exchange_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX exchange_outbox_conversation ON exchange_outbox (conversation_id, id);

-- Per-hop evidence, closed vocabulary only: submitted, each failed attempt, delivered (receipt), failed
-- (given up or refused, with the step), a manual retry.
CREATE TABLE exchange_delivery_evidence (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id      uuid        NOT NULL REFERENCES exchange_outbox (message_id),
    conversation_id uuid        NOT NULL,
    at              timestamptz NOT NULL,
    event           text        NOT NULL
        CHECK (event IN ('submitted', 'attempt-failed', 'delivered', 'failed', 'retry-requested')),
    detail          text CHECK (detail ~ '^[a-z0-9][a-z0-9-]*$'),
    actor           text        NOT NULL
);
CREATE INDEX exchange_delivery_evidence_conversation ON exchange_delivery_evidence (conversation_id, id);

-- Every accepted message, once, with the bytes received and the receipt it was answered with: the same
-- message delivered again gets this receipt and is not stored again.
CREATE TABLE exchange_inbox (
    message_id      uuid        PRIMARY KEY,
    conversation_id uuid        NOT NULL,
    type            text        NOT NULL,
    sender          text        NOT NULL,
    recipient       text        NOT NULL,
    sequence        bigint      NOT NULL CHECK (sequence >= 1),
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    pairing_token   text        NOT NULL,
    emergency       boolean     NOT NULL,
    signing_key_ids text        NOT NULL,
    payload         text        NOT NULL,
    body            text        NOT NULL,
    digest          char(64)    NOT NULL,
    received_at     timestamptz NOT NULL,
    receipt         text        NOT NULL,
    UNIQUE (conversation_id, sender, sequence)
);
CREATE INDEX exchange_inbox_conversation ON exchange_inbox (conversation_id, sequence);

CREATE TRIGGER exchange_delivery_evidence_append_only BEFORE UPDATE OR DELETE ON exchange_delivery_evidence
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER exchange_inbox_append_only BEFORE UPDATE OR DELETE ON exchange_inbox
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
