-- Cheaper appends (issue 18): the public metadata's queryable copy becomes a coarse index written once
-- per batch. log_entry_meta stored a row per entry with three B-trees over it (State, State, codes):
-- about half of an append's server CPU and a third of its WAL (LogSchemaCostTool). log_posting stores,
-- per batch, one row per public code present in it (a term: a one-letter field prefix and the code,
-- e.g. 'a:XA' requesting State, 'b:XB' requested State, 'k:stored-data', 'e:request-decided',
-- 'o:refused', 'g:persecution', 'd:2026-03-02') with the offsets, from the batch's first index, of the
-- entries that carry it: some tens of rows per batch of 4 096 entries. The public pages intersect the
-- offsets of a filter's terms batch by batch, newest first; the filter choices skip through the terms;
-- the refusal-ground counts add up the ground terms. Like log_entry_meta it is a copy for queries
-- only: proofs, tiles and statistics read log_entry.
CREATE TABLE log_posting (
    term    text COLLATE "C" NOT NULL CHECK (term ~ '^[abkeogd]:[A-Za-z0-9.-]{1,64}$'),
    batch   bigint NOT NULL CHECK (batch >= 0),
    first   bigint NOT NULL CHECK (first >= batch),
    last    bigint NOT NULL CHECK (last >= first),
    offsets int[]  NOT NULL CHECK (cardinality(offsets) BETWEEN 1 AND last - first + 1),
    PRIMARY KEY (term, batch)
);

CREATE TRIGGER log_posting_append_only
    BEFORE UPDATE OR DELETE ON log_posting
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();

-- Entries stored before: from log_entry_meta (filled for every entry since V21), in batches of 4 096
-- consecutive indexes.
INSERT INTO log_posting (term, batch, first, last, offsets)
SELECT term, batch, min(idx), max(idx), array_agg((idx - batch)::int ORDER BY idx)
FROM (SELECT m.idx, m.idx - m.idx % 4096 AS batch, t.term
      FROM log_entry_meta m,
           unnest(ARRAY['a:' || m.requesting, 'b:' || m.requested, 'k:' || m.kind, 'e:' || m.event,
                        'd:' || to_char(m.day, 'YYYY-MM-DD')]
                  || CASE WHEN m.outcome IS NULL THEN ARRAY[]::text[] ELSE ARRAY['o:' || m.outcome] END
                  || ARRAY(SELECT 'g:' || g FROM unnest(m.refusal_grounds) AS g)) AS t(term)) AS e
GROUP BY term, batch;

-- log_entry_meta is no longer written nor read. Its rows are gone with its B-trees; the table itself,
-- its primary key and day index stay because V66 (applied after this on a new node) alters them.
TRUNCATE log_entry_meta;
DROP INDEX log_entry_meta_requesting;
DROP INDEX log_entry_meta_requested;
DROP INDEX log_entry_meta_code;
