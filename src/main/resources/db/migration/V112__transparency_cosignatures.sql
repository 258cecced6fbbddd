-- Cosigning (module transparency, C2SP tlog-witness, client side): what this log's witnesses
-- answered, so a restarted node serves its latest checkpoint cosigned and submits to each witness
-- from the size it last cosigned instead of learning it from a 409.
--
-- log_cosignature: the cosignature lines collected for each signed checkpoint (one per witness; a
-- witness cosigns a checkpoint once, and a later answer for the same size replaces nothing).
CREATE TABLE log_cosignature (
    size       bigint      NOT NULL CHECK (size >= 0),
    witness    text        NOT NULL CHECK (length(witness) BETWEEN 1 AND 255),
    line       text        NOT NULL CHECK (length(line) BETWEEN 1 AND 16384),
    stored_at  timestamptz NOT NULL,
    PRIMARY KEY (size, witness)
);

-- log_witness_size: per witness of this log, the size it last cosigned (only grows: a witness never
-- cosigns a smaller tree after a larger one).
CREATE TABLE log_witness_size (
    witness    text        PRIMARY KEY CHECK (length(witness) BETWEEN 1 AND 255),
    size       bigint      NOT NULL CHECK (size >= 0),
    updated_at timestamptz NOT NULL
);
