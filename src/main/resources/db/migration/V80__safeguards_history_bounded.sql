-- Patterns across requests read a bounded slice of the earlier requests naming an identifier: the
-- oldest first, up to a count limit, with their States and date, so from the index alone. The old
-- index on the identifier alone made the history query fetch every row naming it from the heap.
CREATE INDEX safeguards_subject_seen_by_date
    ON safeguards_subject_seen (identifier, request_date, request_id) INCLUDE (requesting, requested);
DROP INDEX safeguards_subject_seen_identifier;

-- The requesting State's record is counted per State.
CREATE INDEX safeguards_persecution_refusal_requesting ON safeguards_persecution_refusal (requesting);
