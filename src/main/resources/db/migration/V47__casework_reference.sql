-- Every request has a human reference of this node (XA-MLA-2026-000123): a number per year, counted in
-- casework_reference_counter in the transaction that creates the request, so two concurrent creations
-- wait for each other on the year's row and never share a number; requests are never deleted, so a
-- number is never given twice. The text is written from the configured format when the number is
-- allocated and never rewritten. Requests stored before this migration are numbered here in creation
-- order; their text is written at the node's next start (the format is configuration, not SQL).
CREATE TABLE casework_reference_counter (
    year integer PRIMARY KEY,
    last bigint  NOT NULL CHECK (last >= 1)
);

ALTER TABLE casework_request
    ADD COLUMN reference_year   integer,
    ADD COLUMN reference_number bigint CHECK (reference_number >= 1),
    ADD COLUMN reference        text CHECK (length(reference) BETWEEN 1 AND 64);

WITH numbered AS (
    SELECT id,
           extract(year FROM created_at AT TIME ZONE 'UTC')::integer AS year,
           row_number() OVER (PARTITION BY extract(year FROM created_at AT TIME ZONE 'UTC')
                              ORDER BY created_at, id) AS number
    FROM casework_request)
UPDATE casework_request r
SET reference_year = numbered.year, reference_number = numbered.number
FROM numbered
WHERE r.id = numbered.id;

INSERT INTO casework_reference_counter (year, last)
SELECT reference_year, max(reference_number) FROM casework_request GROUP BY reference_year;

ALTER TABLE casework_request
    ALTER COLUMN reference_year SET NOT NULL,
    ALTER COLUMN reference_number SET NOT NULL;
CREATE UNIQUE INDEX casework_request_by_reference_number ON casework_request (reference_year, reference_number);
CREATE UNIQUE INDEX casework_request_by_reference ON casework_request (reference);
