-- Idempotency-Key records (kept 24 h per tenant) and the audit log of every access to client data.
CREATE TABLE idempotency_keys (
    tenant_id          INTEGER NOT NULL REFERENCES tenants (id),
    idempotency_key    TEXT NOT NULL,
    request_hash       TEXT NOT NULL,
    administration_id  TEXT NOT NULL REFERENCES administrations (id),
    created_at         TEXT NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key)
);

CREATE TABLE audit_log (
    id           TEXT PRIMARY KEY,
    tenant_id    INTEGER NOT NULL REFERENCES tenants (id),
    key_id       TEXT NOT NULL,
    method       TEXT NOT NULL,
    route        TEXT NOT NULL,
    resource_id  TEXT NULL,
    status       INTEGER NOT NULL,
    at           TEXT NOT NULL
);
CREATE INDEX ix_audit_log_tenant ON audit_log (tenant_id, id);
