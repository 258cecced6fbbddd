-- Evidence packages (docs/evidence.md). The request is casework's: its existence and who may see it
-- are asked through casework's API, so there is no foreign key into casework's tables.
CREATE TABLE evidence_package (
    id              uuid        PRIMARY KEY,
    request_id      uuid        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('open', 'sealed', 'deleted')),
    created_at      timestamptz NOT NULL,
    created_by      text        NOT NULL,
    retain_until    timestamptz NOT NULL,
    legal_hold      boolean     NOT NULL,
    version         bigint      NOT NULL,
    -- Once sealed: the manifest is rebuilt from these and the package's items (frozen from then on)
    -- and checked against its digest and the node's Ed25519 signature whenever it is read.
    sealed_at       timestamptz,
    sealed_by       text,
    manifest_digest text,
    manifest_key_id text,
    manifest_sig    bytea,
    deleted_at      timestamptz,
    deleted_by      text,
    CHECK (state = 'deleted' OR (state = 'open') = (manifest_sig IS NULL))
);
CREATE INDEX evidence_package_by_request ON evidence_package (request_id, created_at);

-- Items. The ciphertext lives in the blob store (parts 1..parts); the item's keyset only wrapped by
-- the node key. Shredding sets wrapped_keyset to NULL: the row, its digest and the custody chain stay.
CREATE TABLE evidence_item (
    id              uuid        PRIMARY KEY,
    package_id      uuid        NOT NULL REFERENCES evidence_package (id),
    file_name       text        NOT NULL,
    media_type      text        NOT NULL,
    order_reference text        NOT NULL,
    source_kind     text        NOT NULL CHECK (source_kind IN ('provider', 'examiner')),
    source_name     text        NOT NULL,
    collected_at    timestamptz NOT NULL,
    size_bytes      bigint      NOT NULL CHECK (size_bytes >= 0),
    received_bytes  bigint      NOT NULL CHECK (received_bytes BETWEEN 0 AND size_bytes),
    parts           integer     NOT NULL CHECK (parts >= 0),
    sha256          text        CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    key_source      text        NOT NULL,
    wrapped_keyset  bytea,
    shredded        boolean     NOT NULL DEFAULT false,
    added_at        timestamptz NOT NULL,
    added_by        text        NOT NULL,
    CHECK ((sha256 IS NULL) = (received_bytes < size_bytes)),
    CHECK (shredded = (wrapped_keyset IS NULL))
);
CREATE INDEX evidence_item_by_package ON evidence_item (package_id, added_at, id);

-- The custody chain: append-only; each record's hash covers the one before it, and the node signs it.
CREATE TABLE evidence_custody (
    package_id  uuid        NOT NULL REFERENCES evidence_package (id),
    record_index integer     NOT NULL CHECK (record_index >= 0),
    at          timestamptz NOT NULL,
    actor       text        NOT NULL,
    act         text        NOT NULL,
    item_id     uuid,
    detail      text        NOT NULL,
    previous    text        NOT NULL,
    hash        text        NOT NULL,
    key_id      text        NOT NULL,
    signature   bytea       NOT NULL,
    PRIMARY KEY (package_id, record_index)
);

CREATE TRIGGER evidence_custody_append_only
    BEFORE UPDATE OR DELETE ON evidence_custody
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
