-- A wrong treaty-action record is withdrawn, never changed or deleted: the withdrawal is a record of its
-- own (who, when, why, through which channel), and a correction is a withdrawal plus the corrected action,
-- a new treaty_action row, which the withdrawal names as the record that supersedes the old one.
-- A record added on this node is named by its id; a record shipped in the release is not in the database
-- and is named by its stable key (instrument, party, action, date, standing), the key under which it is
-- one event (see treaty_action_once). The note is for administrators and auditors only.
CREATE TABLE treaty_action_withdrawal (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    action_id     bigint      REFERENCES treaty_action (id),  -- NULL: a shipped record, named by its key
    instrument    text        NOT NULL CHECK (instrument ~ '^[A-Z][A-Z0-9-]{1,39}$'),
    party         text        NOT NULL CHECK (party ~ '^[A-Z]{2}$'),
    action        text        NOT NULL CHECK (action IN ('signature', 'ratification', 'acceptance', 'approval',
                                                         'accession', 'denunciation')),
    action_date   date,
    standing      text        NOT NULL CHECK (standing IN ('confirmed', 'reported')),
    reason        text        NOT NULL CHECK (reason IN ('wrong-date', 'wrong-party', 'wrong-type',
                                                         'not-deposited', 'duplicate', 'wrong-instrument',
                                                         'wrong-standing')),
    note          text        CHECK (length(note) <= 500),
    superseded_by bigint      REFERENCES treaty_action (id),  -- the corrected record, for a correction
    recorded_at   timestamptz NOT NULL,
    recorded_by   text        NOT NULL,
    channel       text        NOT NULL CHECK (channel IN ('api', 'console', 'cli'))
);
-- A record is withdrawn once.
CREATE UNIQUE INDEX treaty_action_withdrawn_once ON treaty_action_withdrawal (action_id) WHERE action_id IS NOT NULL;
CREATE UNIQUE INDEX treaty_shipped_action_withdrawn_once
    ON treaty_action_withdrawal (instrument, party, action, coalesce(action_date, DATE '0001-01-01'), standing)
    WHERE action_id IS NULL;

CREATE TRIGGER treaty_action_withdrawal_append_only
    BEFORE UPDATE OR DELETE ON treaty_action_withdrawal
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
