-- Issue 15: events whose public record casework froze before the log's outbox existed (V65) may never
-- have reached the log. casework.LogBackfill queues those once, at the first start after this version;
-- this row says that it ran (and how many it queued). Queuing is idempotent, so a pass cut short by a
-- crash simply runs again.
CREATE TABLE casework_log_backfill (
    done_at timestamptz NOT NULL,
    queued  bigint      NOT NULL CHECK (queued >= 0)
);
