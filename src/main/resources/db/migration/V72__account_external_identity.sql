-- OIDC sign-in (comity.accounts.oidc.*): an identity at an OpenID provider (its issuer and the value of
-- the configured identifying claim, `sub` or a verified `email`) signs in only as the local account an
-- administrator linked it to. Roles and unit stay on the account; nothing comes from the provider.
CREATE TABLE account_external_identity (
    issuer    text        NOT NULL CHECK (length(issuer) BETWEEN 1 AND 500),
    subject   text        NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
    username  text        NOT NULL REFERENCES account (username),
    linked_at timestamptz NOT NULL,
    linked_by text        NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX account_external_identity_by_account ON account_external_identity (username);
