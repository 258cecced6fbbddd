-- A request names the identifiers of its newest assessed version. Without the version, an identifier
-- a later version dropped (a typo, a person removed from a draft) kept counting for patterns across
-- requests. Rows from before this migration count as version 0, the oldest.
ALTER TABLE safeguards_subject_seen ADD COLUMN request_version bigint NOT NULL DEFAULT 0;
