-- Jurisdiction profiles. The profile document is stored in the same reviewable YAML format it is
-- imported and exported in; the columns beside it are what lists and audits need.
CREATE TABLE jurisdiction_profile (
    state      text        PRIMARY KEY CHECK (state ~ '^[A-Z]{2}$'),
    fictional  boolean     NOT NULL,
    as_of      date        NOT NULL,
    offences   int         NOT NULL,
    document   text        NOT NULL,
    version    int         NOT NULL CHECK (version > 0),
    updated_at timestamptz NOT NULL,
    updated_by text        NOT NULL
);

-- Every import, append-only (the trigger refuses updates and deletes).
CREATE TABLE jurisdiction_profile_event (
    id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL,
    actor     text        NOT NULL,
    state     text        NOT NULL,
    version   int         NOT NULL,
    action    text        NOT NULL,
    file_name text
);

CREATE TRIGGER jurisdiction_profile_event_append_only
    BEFORE UPDATE OR DELETE ON jurisdiction_profile_event
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
