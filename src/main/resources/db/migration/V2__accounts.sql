-- Local user accounts, their roles and API tokens. Passwords are stored as Argon2id hashes (with the
-- algorithm prefix), API tokens as the SHA-256 of the secret.
CREATE TABLE account (
    username      text        PRIMARY KEY CHECK (username ~ '^[a-z][a-z0-9._-]{2,63}$'),
    display_name  text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    password_hash text        NOT NULL,
    enabled       boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL
);

CREATE TABLE account_role (
    username text NOT NULL REFERENCES account (username),
    role     text NOT NULL CHECK (role IN ('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR', 'ADMIN', 'AUDITOR')),
    PRIMARY KEY (username, role)
);

CREATE TABLE api_token (
    id         uuid        PRIMARY KEY,
    username   text        NOT NULL REFERENCES account (username),
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX api_token_by_owner ON api_token (username);

-- Who did what to which account. Append-only: the trigger refuses updates and deletes.
CREATE TABLE account_event (
    id      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      timestamptz NOT NULL,
    actor   text        NOT NULL,
    subject text        NOT NULL,
    action  text        NOT NULL
);

CREATE FUNCTION refuse_change_to_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER account_event_append_only
    BEFORE UPDATE OR DELETE ON account_event
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
