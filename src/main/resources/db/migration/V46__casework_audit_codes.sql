-- The audit trail says what each change did as codes with arguments as well as in English, so the
-- console can show it in its reader's language. The English `action` stays as it was and is still
-- written; lines stored before these columns keep NULL here and are shown by their English text.
-- `actions` is a JSON array of {"code": …, "args": […]}, one per thing the change did (the deadline
-- watch may report two at once); `assessment_failed` marks a version the safeguards engine could not
-- assess.
ALTER TABLE casework_audit
    ADD COLUMN actions jsonb CHECK (jsonb_typeof(actions) = 'array'),
    ADD COLUMN assessment_failed boolean,
    ADD CONSTRAINT casework_audit_codes_together CHECK ((actions IS NULL) = (assessment_failed IS NULL));
