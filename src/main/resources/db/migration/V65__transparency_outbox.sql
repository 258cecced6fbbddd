-- The log's outbox (module transparency). Casework writes each log entry here in the transaction of
-- the change it records, so a change is never acknowledged without its entry; the single log writer
-- appends the rows to the Merkle log and deletes them in its own transaction, and at start resumes
-- whatever is left. The entry is already built and checked (canonical bytes, commitment), so the
-- writer has nothing left that can fail on the content. Confidential like log_secret: salt and record.
CREATE TABLE log_outbox (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id uuid   NOT NULL UNIQUE,
    entry    bytea  NOT NULL CHECK (length(entry) BETWEEN 1 AND 65535),
    salt     bytea  NOT NULL CHECK (length(salt) = 32),
    record   bytea  NOT NULL CHECK (length(record) <= 1048576),
    disclose date   NOT NULL
);
