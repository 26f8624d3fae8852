-- Webhooks (interop.md section 2, Standard Webhooks 1.0). An endpoint's secret is kept AES-256-GCM-encrypted
-- (Webhooks:SecretEncryptionKey); during a rotation's grace period the previous one still signs. event_types is a
-- comma-separated list of event types.
CREATE TABLE webhook_endpoints (
    id                          TEXT PRIMARY KEY,
    tenant_id                   INTEGER NOT NULL REFERENCES tenants (id),
    url                         TEXT NOT NULL,
    description                 TEXT NULL,
    event_types                 TEXT NOT NULL,
    min_priority                TEXT NOT NULL,
    enabled                     INTEGER NOT NULL,
    disabled_reason             TEXT NULL,
    secret                      TEXT NOT NULL,
    previous_secret             TEXT NULL,
    previous_secret_expires_at  TEXT NULL,
    last_success_at             TEXT NULL,
    created_at                  TEXT NOT NULL,
    updated_at                  TEXT NOT NULL
);
CREATE INDEX ix_webhook_endpoints_tenant ON webhook_endpoints (tenant_id, id);

-- The transactional outbox: one row per endpoint and event, inserted in the transaction of what it announces.
-- status: pending, delivering (leased by a worker until lease_until), succeeded, failed, cancelled.
CREATE TABLE webhook_deliveries (
    id                  TEXT PRIMARY KEY,
    tenant_id           INTEGER NOT NULL,
    message_id          TEXT NOT NULL,
    endpoint_id         TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_type          TEXT NOT NULL,
    payload             TEXT NOT NULL,
    status              TEXT NOT NULL,
    attempt_count       INTEGER NOT NULL DEFAULT 0,
    next_attempt_at     TEXT NOT NULL,
    lease_until         TEXT NULL,
    leased_by           TEXT NULL,
    last_status_code    INTEGER NULL,
    last_error          TEXT NULL,
    created_at          TEXT NOT NULL,
    completed_at        TEXT NULL
);
-- The worker's claim reads the due rows in (next_attempt_at, id) order; only rows still to deliver are in it.
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id) WHERE status IN ('pending', 'delivering');
CREATE INDEX ix_webhook_deliveries_endpoint ON webhook_deliveries (tenant_id, endpoint_id, id);

-- The last attempts of each delivery, for the delivery log (at most 4 KiB of the answer kept).
CREATE TABLE webhook_attempts (
    delivery_id     TEXT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt         INTEGER NOT NULL,
    at              TEXT NOT NULL,
    status_code     INTEGER NULL,
    duration_ms     INTEGER NOT NULL,
    error           TEXT NULL,
    PRIMARY KEY (delivery_id, attempt)
);

-- alert.resolved events name the alerts an administration resolved.
CREATE INDEX ix_alerts_resolved_by ON alerts (tenant_id, resolved_by_administration_id) WHERE resolved_by_administration_id IS NOT NULL;
