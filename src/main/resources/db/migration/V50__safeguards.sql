-- Assessments of request versions, with the input and the versions of everything they were computed
-- from, so each can be replayed. Append-only: an assessment is a record of what a reviewer was shown.
CREATE TABLE safeguards_assessment (
    id              uuid PRIMARY KEY,
    request_id      uuid        NOT NULL,
    request_version bigint      NOT NULL,
    assessed_at     timestamptz NOT NULL,
    assessed_by     text        NOT NULL,
    requesting      char(2)     NOT NULL,
    requested       char(2)     NOT NULL,
    input           jsonb       NOT NULL,
    inputs_used     jsonb       NOT NULL,
    findings        jsonb       NOT NULL,
    highest         text,
    has_bar         boolean     NOT NULL
);
CREATE INDEX safeguards_assessment_request ON safeguards_assessment (request_id, request_version, assessed_at);

-- Subject identifiers seen per request, for patterns across requests (same person, several requests).
CREATE TABLE safeguards_subject_seen (
    request_id   uuid    NOT NULL,
    requesting   char(2) NOT NULL,
    requested    char(2) NOT NULL,
    request_date date    NOT NULL,
    identifier   text    NOT NULL,
    PRIMARY KEY (request_id, identifier)
);
CREATE INDEX safeguards_subject_seen_identifier ON safeguards_subject_seen (identifier);

-- Requests refused on persecution grounds, as casework reports them: the requesting State's record.
CREATE TABLE safeguards_persecution_refusal (
    request_id  uuid PRIMARY KEY,
    requesting  char(2)     NOT NULL,
    requested   char(2)     NOT NULL,
    refused_on  date        NOT NULL
);

CREATE TRIGGER safeguards_assessment_append_only BEFORE UPDATE OR DELETE ON safeguards_assessment
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER safeguards_persecution_refusal_append_only BEFORE UPDATE OR DELETE ON safeguards_persecution_refusal
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
