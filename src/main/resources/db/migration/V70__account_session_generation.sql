-- A console session remembers the generation its account had when it signed in. Disabling the account
-- or resetting its password increments the generation, so every session opened before stops working
-- at its next request (accounts.Accounts.isCurrent, checked by the console filter chain).
ALTER TABLE account ADD COLUMN session_generation bigint NOT NULL DEFAULT 0;
