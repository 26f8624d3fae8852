-- Idempotency-Key records (kept 24 h per tenant) and the audit log of every access to client data.
CREATE TABLE dbo.idempotency_keys (
    tenant_id          BIGINT NOT NULL CONSTRAINT fk_idempotency_tenant REFERENCES dbo.tenants (id),
    idempotency_key    NVARCHAR(128) NOT NULL,
    request_hash       NVARCHAR(64) NOT NULL,
    administration_id  NVARCHAR(26) NOT NULL CONSTRAINT fk_idempotency_administration REFERENCES dbo.administrations (id),
    created_at         DATETIME2(7) NOT NULL,
    CONSTRAINT pk_idempotency_keys PRIMARY KEY (tenant_id, idempotency_key)
);
GO

CREATE TABLE dbo.audit_log (
    id           NVARCHAR(26) NOT NULL CONSTRAINT pk_audit_log PRIMARY KEY NONCLUSTERED,
    tenant_id    BIGINT NOT NULL CONSTRAINT fk_audit_tenant REFERENCES dbo.tenants (id),
    key_id       NVARCHAR(26) NOT NULL,
    method       NVARCHAR(10) NOT NULL,
    route        NVARCHAR(200) NOT NULL,
    resource_id  NVARCHAR(64) NULL,
    status       INT NOT NULL,
    at           DATETIME2(7) NOT NULL
);
GO
CREATE CLUSTERED INDEX ix_audit_log_tenant ON dbo.audit_log (tenant_id, id);
GO
