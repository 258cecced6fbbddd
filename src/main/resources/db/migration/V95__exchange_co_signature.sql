-- Emergency requests co-signed by a supervisor (docs/exchange.md, "Emergency requests: the supervisor's
-- co-signature"). A supervisor registers a public key of their own from their own session; the node
-- publishes it on its card and never holds its private part. An emergency message is prepared (its
-- envelope fixed, unsigned), the supervisor signs its signing input on their own device, and only a
-- message so co-signed is sealed and goes to the outbox. All append-only: a prepared message is sent
-- when the outbox holds its id.

CREATE TABLE exchange_supervisor_key (
    key_id        text        PRIMARY KEY,
    username      text        NOT NULL,
    jwk           text        NOT NULL,
    registered_at timestamptz NOT NULL
);
CREATE INDEX exchange_supervisor_key_user ON exchange_supervisor_key (username, registered_at DESC);

CREATE TABLE exchange_prepared (
    message_id      uuid        PRIMARY KEY,
    subject         text        NOT NULL,
    conversation_id uuid        NOT NULL,
    recipient       text        NOT NULL,
    pairing_token   text        NOT NULL,
    payload         text        NOT NULL,
    signed_payload  text        NOT NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    prepared_by     text        NOT NULL,
    prepared_at     timestamptz NOT NULL
);
CREATE INDEX exchange_prepared_subject ON exchange_prepared (subject, prepared_at DESC);

CREATE TABLE exchange_co_signature (
    message_id uuid        PRIMARY KEY REFERENCES exchange_prepared (message_id),
    username   text        NOT NULL,
    key_id     text        NOT NULL REFERENCES exchange_supervisor_key (key_id),
    protected  text        NOT NULL,
    signature  text        NOT NULL,
    signed_at  timestamptz NOT NULL
);

CREATE TRIGGER exchange_supervisor_key_append_only BEFORE UPDATE OR DELETE ON exchange_supervisor_key
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER exchange_prepared_append_only BEFORE UPDATE OR DELETE ON exchange_prepared
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER exchange_co_signature_append_only BEFORE UPDATE OR DELETE ON exchange_co_signature
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();

-- Registering a key and co-signing are audited (channel 'api'). Added to whatever the constraint allows
-- by now, as V131 does.
DO $$
DECLARE
    definition text;
BEGIN
    SELECT pg_get_constraintdef(oid) INTO definition FROM pg_constraint
    WHERE conname = 'exchange_audit_action_check' AND conrelid = 'exchange_audit'::regclass;
    EXECUTE 'ALTER TABLE exchange_audit DROP CONSTRAINT exchange_audit_action_check';
    EXECUTE 'ALTER TABLE exchange_audit ADD CONSTRAINT exchange_audit_action_check CHECK (action IN '
        || '(''supervisor-key-registration'', ''co-signature'') OR ' || substring(definition FROM '^CHECK (.*)$') || ')';
END
$$;
