-- Cheaper appends (issue 18). Each of the metadata table's B-trees costs every append about 5 µs of
-- server CPU and 100 bytes of WAL per entry (LogSchemaCostTool, backend CPU and WAL per entry, which
-- the machine's load does not change). The kind index and the event/outcome index become one:
--  - kind, kind + event and kind + event + outcome filters read it in index order (the log's order
--    once every column before idx is fixed), and the skip scan listing the kinds present reads it;
--  - event and outcome filters without a kind, like the outcome filter before (no index led with
--    it), read the entries newest first and keep the matching ones: a closed list of seven events and
--    four outcomes, so a page of 50 reads a few hundred rows, and the refusal-ground counts, cached
--    per tree size, read the table once either way.
-- The State indexes stay: States are many and some are rare, so only an index finds their pages.
DROP INDEX log_entry_meta_kind;
DROP INDEX log_entry_meta_event;
CREATE INDEX log_entry_meta_code ON log_entry_meta (kind, event, outcome, idx);
