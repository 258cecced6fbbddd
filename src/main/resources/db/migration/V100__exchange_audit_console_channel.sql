-- Administrators pin, unpin, load directories and rotate keys from the console too (docs/console.md,
-- "Exchange"): those attempts are audited with channel 'console'. Added to whatever the constraint
-- allows by now, as V131 does, so another change that widened it keeps its values.
DO $$
DECLARE
    definition text;
BEGIN
    SELECT pg_get_constraintdef(oid) INTO definition FROM pg_constraint
    WHERE conname = 'exchange_audit_channel_check' AND conrelid = 'exchange_audit'::regclass;
    EXECUTE 'ALTER TABLE exchange_audit DROP CONSTRAINT exchange_audit_channel_check';
    EXECUTE 'ALTER TABLE exchange_audit ADD CONSTRAINT exchange_audit_channel_check CHECK (channel = ''console'' OR '
        || substring(definition FROM '^CHECK (.*)$') || ')';
END
$$;
