-- The TOTP second factor (RFC 6238): the shared secret an authenticator app holds, and the last time
-- step whose code was accepted, so each code works once. An administrator's password reset clears both.
ALTER TABLE account
    ADD COLUMN totp_secret bytea CHECK (totp_secret IS NULL OR length(totp_secret) = 20),
    ADD COLUMN totp_last_step bigint NOT NULL DEFAULT 0;
