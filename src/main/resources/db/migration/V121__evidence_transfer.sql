-- Transfer of sealed packages between nodes (docs/evidence.md, "Transfer between nodes").

-- The sending side: one row per package sent to a recipient. The transfer key (a Tink streaming AEAD
-- keyset the recipient received inside the signed and encrypted announcement) is kept wrapped by the
-- node key, so the pusher can resume after a restart.
CREATE TABLE evidence_transfer_out (
    transfer_id     uuid        PRIMARY KEY,
    package_id      uuid        NOT NULL REFERENCES evidence_package (id),
    recipient       text        NOT NULL,
    conversation_id uuid        NOT NULL,
    message_id      uuid        NOT NULL,
    manifest_digest text        NOT NULL CHECK (manifest_digest ~ '^[0-9a-f]{64}$'),
    key_source      text        NOT NULL,
    wrapped_key     bytea       NOT NULL,
    state           text        NOT NULL CHECK (state IN ('announced', 'transmitted', 'verified')),
    created_at      timestamptz NOT NULL,
    UNIQUE (package_id, recipient)
);

-- The receiving side: one row per announcement accepted, naming the package made for it here.
CREATE TABLE evidence_transfer_in (
    transfer_id      uuid        PRIMARY KEY,
    package_id       uuid        NOT NULL UNIQUE REFERENCES evidence_package (id),
    sender           text        NOT NULL,
    conversation_id  uuid        NOT NULL,
    message_id       uuid        NOT NULL UNIQUE,
    manifest         text        NOT NULL,
    manifest_digest  text        NOT NULL CHECK (manifest_digest ~ '^[0-9a-f]{64}$'),
    manifest_key     bytea       NOT NULL,
    manifest_sig     bytea       NOT NULL,
    key_source       text        NOT NULL,
    wrapped_key      bytea       NOT NULL,
    state            text        NOT NULL CHECK (state IN ('receiving', 'verified', 'refused')),
    received_at      timestamptz NOT NULL
);

-- Which item here receives which item of the sender's manifest.
CREATE TABLE evidence_transfer_in_item (
    transfer_id  uuid    NOT NULL REFERENCES evidence_transfer_in (transfer_id),
    sender_item  uuid    NOT NULL,
    item_id      uuid    NOT NULL UNIQUE REFERENCES evidence_item (id),
    PRIMARY KEY (transfer_id, sender_item)
);
