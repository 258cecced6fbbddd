-- Cheaper appends (issue 18). Each entry stores three rows (entry, opening, metadata); measured on
-- this machine with fsync, synchronous_commit and full_page_writes on (LogSchemaCostTool), the two
-- foreign keys below cost 18-30 % of a batch (a per-row check that locks the entry row, which writes
-- WAL again) and each metadata index about 10 %.
--
-- The foreign keys protect nothing the log relies on: the writer inserts the entry, its opening and
-- its metadata from the same arrays in one transaction, and log_entry is append-only (trigger), so a
-- referenced entry can never go away.
ALTER TABLE log_secret DROP CONSTRAINT log_secret_idx_fkey;
ALTER TABLE log_entry_meta DROP CONSTRAINT log_entry_meta_idx_fkey;

-- The public pages' day filter reads a range of days newest first. Entries are appended as events
-- happen, so the day follows the entry index: a BRIN index (a few bytes per 128 pages, next to free
-- to maintain) finds the pages of a range as well as the B-tree did. The State, kind and event
-- indexes stay: the filters and the filter choices (skip scans) read them in index order.
DROP INDEX log_entry_meta_day;
CREATE INDEX log_entry_meta_day ON log_entry_meta USING brin (day);
