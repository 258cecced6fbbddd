-- Policy packs imported by administrators, every version kept (older ones replay old assessments).
-- Append-only: a pack that applied to an assessment is evidence of what the node checked.
CREATE TABLE safeguards_policy_pack (
    state       char(2)     NOT NULL,
    version     integer     NOT NULL CHECK (version >= 1),
    pack_id     text        NOT NULL,
    source      text        NOT NULL,
    sha256      char(64)    NOT NULL,
    body        text        NOT NULL,
    imported_by text        NOT NULL,
    imported_at timestamptz NOT NULL,
    PRIMARY KEY (state, version)
);

-- Every import attempt, accepted or not: who, when, which State and version (when the file said),
-- the outcome and how many problems were found.
CREATE TABLE safeguards_policy_pack_import (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    attempted_at timestamptz NOT NULL,
    attempted_by text        NOT NULL,
    state        char(2),
    version      integer,
    source       text        NOT NULL,
    sha256       char(64)    NOT NULL,
    outcome      text        NOT NULL CHECK (outcome IN ('accepted', 'invalid', 'version-not-greater')),
    problems     integer     NOT NULL CHECK (problems >= 0)
);
CREATE INDEX safeguards_policy_pack_import_at ON safeguards_policy_pack_import (attempted_at DESC, id DESC);

CREATE TRIGGER safeguards_policy_pack_append_only BEFORE UPDATE OR DELETE ON safeguards_policy_pack
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER safeguards_policy_pack_import_append_only BEFORE UPDATE OR DELETE ON safeguards_policy_pack_import
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
