-- Issue 13: a password an administrator chose (at creation or by a reset) is known to someone other
-- than the account's owner; the owner must replace it at the next console sign-in before anything else.
ALTER TABLE account ADD COLUMN password_must_change boolean NOT NULL DEFAULT false;
