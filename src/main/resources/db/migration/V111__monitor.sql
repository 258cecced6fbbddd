-- The cross-State monitor's own state (docs/transparency.md, "The cross-State monitor"): one row with
-- the last verified checkpoint per followed log and the paired entries still waiting, as
-- MonitorState.text(); and the findings, append-only, each the JSON published on /api/monitor/findings.
CREATE TABLE monitor_state (
    id         smallint    PRIMARY KEY CHECK (id = 1),
    state      text        NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE monitor_finding (
    id       bigserial   PRIMARY KEY,
    code     text        NOT NULL CHECK (code IN ('inconsistent-checkpoint', 'witness-cosigned-inconsistent',
                                                   'unpaired', 'pair-disagrees')),
    found_at timestamptz NOT NULL,
    origin   text        NOT NULL,
    finding  text        NOT NULL
);
