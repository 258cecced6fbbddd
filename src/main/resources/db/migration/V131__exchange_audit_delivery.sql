-- The dispatcher audits what went wrong with a delivery (docs/exchange.md, "Delivery"): a refusal by the
-- receiver (its step), a receipt that does not verify, giving up. Channel 'outbox', actions
-- 'message-delivery' and 'receipt-verify'. The values are added to whatever the constraints allow by
-- now, so a migration of another change that widened them too keeps its values.
DO $$
DECLARE
    definition text;
BEGIN
    SELECT pg_get_constraintdef(oid) INTO definition FROM pg_constraint
    WHERE conname = 'exchange_audit_channel_check' AND conrelid = 'exchange_audit'::regclass;
    EXECUTE 'ALTER TABLE exchange_audit DROP CONSTRAINT exchange_audit_channel_check';
    EXECUTE 'ALTER TABLE exchange_audit ADD CONSTRAINT exchange_audit_channel_check CHECK (channel = ''outbox'' OR '
        || substring(definition FROM '^CHECK (.*)$') || ')';
    SELECT pg_get_constraintdef(oid) INTO definition FROM pg_constraint
    WHERE conname = 'exchange_audit_action_check' AND conrelid = 'exchange_audit'::regclass;
    EXECUTE 'ALTER TABLE exchange_audit DROP CONSTRAINT exchange_audit_action_check';
    EXECUTE 'ALTER TABLE exchange_audit ADD CONSTRAINT exchange_audit_action_check CHECK (action IN '
        || '(''message-delivery'', ''receipt-verify'') OR ' || substring(definition FROM '^CHECK (.*)$') || ')';
END
$$;
