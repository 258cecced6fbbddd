-- The same event once per standing: the depositary's confirmation of an event that was only reported
-- (same instrument, party, action and date) is a new record, not a duplicate. Rebuilding an index does not
-- touch the rows, so the append-only triggers are not involved.
DROP INDEX treaty_action_once;
CREATE UNIQUE INDEX treaty_action_once
    ON treaty_action (instrument, party, action, coalesce(action_date, DATE '0001-01-01'), standing);
