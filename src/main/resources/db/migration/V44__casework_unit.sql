-- The unit a request belongs to: the unit of the account that drafted or registered it (none if that
-- account has no unit, and then every unit sees it).
ALTER TABLE casework_request ADD COLUMN unit text;
CREATE INDEX casework_request_by_unit ON casework_request (unit);
