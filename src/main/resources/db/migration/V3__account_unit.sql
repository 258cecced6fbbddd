-- The unit (office, team) an account works in. Caseworkers, legal reviewers and supervisors with a
-- unit see only their unit's requests; accounts without one, auditors and administrators see all.
ALTER TABLE account ADD COLUMN unit text CHECK (unit IS NULL OR unit ~ '^[a-z0-9][a-z0-9-]{0,40}$');
