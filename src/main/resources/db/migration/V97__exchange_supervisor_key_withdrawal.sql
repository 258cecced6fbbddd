-- A supervisor's co-signing key withdrawn (docs/exchange.md, "Emergency requests: the supervisor's
-- co-signature"): by its holder, or by an administrator when the holder left or lost the device. From
-- then on the node's card no longer publishes it and this node accepts no co-signature made with it.
-- Append-only, once per key.
CREATE TABLE exchange_supervisor_key_withdrawal (
    key_id       text        PRIMARY KEY REFERENCES exchange_supervisor_key (key_id),
    withdrawn_by text        NOT NULL,
    withdrawn_at timestamptz NOT NULL
);

CREATE TRIGGER exchange_supervisor_key_withdrawal_append_only BEFORE UPDATE OR DELETE
    ON exchange_supervisor_key_withdrawal
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();

-- Audited as 'supervisor-key-withdrawal'. Added to whatever the constraint allows by now, as V95 does.
DO $$
DECLARE
    definition text;
BEGIN
    SELECT pg_get_constraintdef(oid) INTO definition FROM pg_constraint
    WHERE conname = 'exchange_audit_action_check' AND conrelid = 'exchange_audit'::regclass;
    EXECUTE 'ALTER TABLE exchange_audit DROP CONSTRAINT exchange_audit_action_check';
    EXECUTE 'ALTER TABLE exchange_audit ADD CONSTRAINT exchange_audit_action_check CHECK (action IN '
        || '(''supervisor-key-withdrawal'') OR ' || substring(definition FROM '^CHECK (.*)$') || ')';
END
$$;
