-- A queryable copy of each entry's public metadata, so the public pages can list and filter entries
-- (newest first, by State, kind, event, outcome, day) from indexes instead of parsing every entry.
-- The writer fills it in the transaction that stores the entries; the canonical JSON in log_entry
-- stays the only thing that is hashed and proven. Nothing here is confidential.
CREATE TABLE log_entry_meta (
    idx             bigint PRIMARY KEY REFERENCES log_entry (idx),
    day             date   NOT NULL,
    requesting      text   NOT NULL,
    requested       text   NOT NULL,
    kind            text   NOT NULL,
    event           text   NOT NULL,
    outcome         text,
    refusal_grounds text[] NOT NULL
);

-- Entries stored before this table existed.
INSERT INTO log_entry_meta (idx, day, requesting, requested, kind, event, outcome, refusal_grounds)
SELECT idx, (j ->> 'day')::date, j ->> 'requesting', j ->> 'requested', j ->> 'kind', j ->> 'event',
       j ->> 'outcome', ARRAY(SELECT jsonb_array_elements_text(j -> 'refusalGrounds'))
FROM (SELECT idx, convert_from(entry, 'UTF8')::jsonb AS j FROM log_entry) AS e;

-- Each filter reads its index in index order (newest first) and stops after one page.
CREATE INDEX log_entry_meta_requesting ON log_entry_meta (requesting, idx);
CREATE INDEX log_entry_meta_requested ON log_entry_meta (requested, idx);
CREATE INDEX log_entry_meta_kind ON log_entry_meta (kind, idx);
CREATE INDEX log_entry_meta_event ON log_entry_meta (event, outcome, idx);
CREATE INDEX log_entry_meta_day ON log_entry_meta (day, idx);

CREATE TRIGGER log_entry_meta_append_only
    BEFORE UPDATE OR DELETE ON log_entry_meta
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
