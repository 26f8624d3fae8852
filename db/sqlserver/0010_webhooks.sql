-- Webhooks (interop.md section 2, Standard Webhooks 1.0). An endpoint's secret is kept AES-256-GCM-encrypted
-- (Webhooks:SecretEncryptionKey); during a rotation's grace period the previous one still signs. event_types is a
-- comma-separated list of event types. Every character column compares exactly (binary collation, as 0007).
CREATE TABLE dbo.webhook_endpoints (
    id                          NVARCHAR(26) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_webhook_endpoints PRIMARY KEY,
    tenant_id                   BIGINT NOT NULL CONSTRAINT fk_webhook_endpoints_tenant REFERENCES dbo.tenants (id),
    url                         NVARCHAR(2048) COLLATE Latin1_General_100_BIN2 NOT NULL,
    description                 NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NULL,
    event_types                 NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    min_priority                NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NOT NULL,
    enabled                     BIT NOT NULL,
    disabled_reason             NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NULL,
    secret                      NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    previous_secret             NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NULL,
    previous_secret_expires_at  DATETIME2(7) NULL,
    last_success_at             DATETIME2(7) NULL,
    created_at                  DATETIME2(7) NOT NULL,
    updated_at                  DATETIME2(7) NOT NULL
);
GO
CREATE INDEX ix_webhook_endpoints_tenant ON dbo.webhook_endpoints (tenant_id, id);
GO

-- The transactional outbox: one row per endpoint and event, inserted in the transaction of what it announces.
-- status: pending, delivering (leased by a worker until lease_until), succeeded, failed, cancelled.
CREATE TABLE dbo.webhook_deliveries (
    id                  NVARCHAR(26) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_webhook_deliveries PRIMARY KEY NONCLUSTERED,
    tenant_id           BIGINT NOT NULL,
    message_id          NVARCHAR(40) COLLATE Latin1_General_100_BIN2 NOT NULL,
    endpoint_id         NVARCHAR(26) COLLATE Latin1_General_100_BIN2 NOT NULL
                        CONSTRAINT fk_webhook_deliveries_endpoint REFERENCES dbo.webhook_endpoints (id) ON DELETE CASCADE,
    event_type          NVARCHAR(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
    payload             NVARCHAR(1024) COLLATE Latin1_General_100_BIN2 NOT NULL,
    status              NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NOT NULL,
    attempt_count       INT NOT NULL CONSTRAINT df_webhook_deliveries_attempt_count DEFAULT 0,
    next_attempt_at     DATETIME2(7) NOT NULL,
    lease_until         DATETIME2(7) NULL,
    leased_by           NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NULL,
    last_status_code    INT NULL,
    last_error          NVARCHAR(400) COLLATE Latin1_General_100_BIN2 NULL,
    created_at          DATETIME2(7) NOT NULL,
    completed_at        DATETIME2(7) NULL
);
GO
-- Clustered on the endpoint's log order; the claim (WITH UPDLOCK, READPAST, ROWLOCK) reads the filtered due index.
CREATE CLUSTERED INDEX ix_webhook_deliveries_endpoint ON dbo.webhook_deliveries (tenant_id, endpoint_id, id);
GO
CREATE INDEX ix_webhook_deliveries_due ON dbo.webhook_deliveries (next_attempt_at, id)
    WHERE status IN (N'pending', N'delivering');
GO

-- The last attempts of each delivery, for the delivery log (at most 4 KiB of the answer kept).
CREATE TABLE dbo.webhook_attempts (
    delivery_id     NVARCHAR(26) COLLATE Latin1_General_100_BIN2 NOT NULL
                    CONSTRAINT fk_webhook_attempts_delivery REFERENCES dbo.webhook_deliveries (id) ON DELETE CASCADE,
    attempt         INT NOT NULL,
    at              DATETIME2(7) NOT NULL,
    status_code     INT NULL,
    duration_ms     INT NOT NULL,
    error           NVARCHAR(4000) COLLATE Latin1_General_100_BIN2 NULL,
    CONSTRAINT pk_webhook_attempts PRIMARY KEY (delivery_id, attempt)
);
GO

-- alert.resolved events name the alerts an administration resolved.
CREATE INDEX ix_alerts_resolved_by ON dbo.alerts (tenant_id, resolved_by_administration_id) WHERE resolved_by_administration_id IS NOT NULL;
GO
