-- Measurement plans (interop.md section 3). One row per plan: the tenant default (client_id = N'' and
-- episode_id = N''), a client's override (episode_id = N'') or an episode's override. rules_json NULL is a deleted
-- override: the row stays so that its version keeps counting and an old ETag never matches a later plan.
-- Clustered on its key, which never changes; writes lock it WITH (UPDLOCK, HOLDLOCK), so two instances creating the same
-- override wait for each other instead of both inserting. Ids compare exactly (binary collation, as 0007).
CREATE TABLE dbo.measurement_plans (
    tenant_id   BIGINT NOT NULL CONSTRAINT fk_measurement_plans_tenant REFERENCES dbo.tenants (id),
    client_id   NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    episode_id  NVARCHAR(26) COLLATE Latin1_General_100_BIN2 NOT NULL,
    name        NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NULL,
    rules_json  NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NULL,
    version     INT NOT NULL,
    updated_at  DATETIME2(7) NOT NULL,
    CONSTRAINT pk_measurement_plans PRIMARY KEY CLUSTERED (tenant_id, client_id, episode_id)
);
GO

-- The overdue list (GET /v1/due?clinicianId=) starts from a clinician's clients: a seek on (tenant_id, clinician_id),
-- the client_id carried by the clustered key.
CREATE INDEX ix_clients_clinician ON dbo.clients (tenant_id, clinician_id);
GO
