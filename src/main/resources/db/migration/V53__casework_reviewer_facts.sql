-- What the requested State's reviewer records about a request beside its drafted content (issue 12,
-- class 6): offence flags, the death penalty and the legal nature as the requested State
-- characterises them, subjects' protection status and relationship to the suspect, the onward
-- recipient, earlier requests known from other States. Codes and indices only (safeguards
-- ReviewerFacts as JSON), one row per request, replaced whole; every recording is a version of the
-- request with its audit line (action recorded-reviewer-facts), so the history of the facts is the
-- history of the assessments, which store them in their input.
CREATE TABLE casework_reviewer_facts (
    request_id  uuid        PRIMARY KEY REFERENCES casework_request (id),
    facts       jsonb       NOT NULL,
    recorded_by text        NOT NULL,
    recorded_at timestamptz NOT NULL
);
