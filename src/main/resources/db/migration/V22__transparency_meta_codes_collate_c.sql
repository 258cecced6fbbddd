-- The metadata columns hold codes from closed vocabularies (ASCII), never text typed by a person, so
-- byte order is the only order they need. Under the database's default collation (C.UTF-8 here, a
-- language's collation in production) every comparison in the four B-tree indexes went through
-- strcoll, on each of the 4 096 rows of every append batch; with "C" PostgreSQL compares bytes.
-- Measured (issue 18): the metadata insert with its indexes ~16 % faster; ASCII codes sort the same.
ALTER TABLE log_entry_meta
    ALTER COLUMN requesting TYPE text COLLATE "C",
    ALTER COLUMN requested TYPE text COLLATE "C",
    ALTER COLUMN kind TYPE text COLLATE "C",
    ALTER COLUMN event TYPE text COLLATE "C",
    ALTER COLUMN outcome TYPE text COLLATE "C";
