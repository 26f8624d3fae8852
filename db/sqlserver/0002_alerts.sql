-- Alerts (alerts-v1). priority_rank orders the worklist: 0 urgent, 1 high, 2 normal.
-- status: open, acknowledged (by a clinician), resolved (replaced by a newer trajectory alert of the same kind).
CREATE TABLE dbo.alerts (
    id                  NVARCHAR(26) NOT NULL CONSTRAINT pk_alerts PRIMARY KEY NONCLUSTERED,
    tenant_id           BIGINT NOT NULL,
    client_id           NVARCHAR(64) NOT NULL,
    episode_id          NVARCHAR(26) NOT NULL CONSTRAINT fk_alerts_episode REFERENCES dbo.episodes (id),
    administration_id   NVARCHAR(26) NOT NULL CONSTRAINT fk_alerts_administration REFERENCES dbo.administrations (id),
    instrument          NVARCHAR(16) NOT NULL,
    clinician_id        NVARCHAR(64) NULL,
    kind                NVARCHAR(32) NOT NULL,
    priority            NVARCHAR(16) NOT NULL,
    priority_rank       INT NOT NULL,
    item                INT NULL,
    message             NVARCHAR(500) NOT NULL,
    status              NVARCHAR(16) NOT NULL,
    rules_version       NVARCHAR(16) NOT NULL,
    created_at          DATETIME2(7) NOT NULL,
    acknowledged_at     DATETIME2(7) NULL,
    acknowledged_by     NVARCHAR(64) NULL,
    note                NVARCHAR(2000) NULL,
    resolved_at         DATETIME2(7) NULL,
    CONSTRAINT fk_alerts_client FOREIGN KEY (tenant_id, client_id) REFERENCES dbo.clients (tenant_id, client_id)
);
GO
CREATE CLUSTERED INDEX ix_alerts_worklist ON dbo.alerts (tenant_id, status, priority_rank, created_at, id);
GO
CREATE INDEX ix_alerts_administration ON dbo.alerts (tenant_id, administration_id);
GO
CREATE INDEX ix_alerts_trajectory ON dbo.alerts (tenant_id, client_id, episode_id, instrument, kind, status);
GO
