-- Binary collations on every id and code column. A server's default collation is usually case-insensitive
-- (SQL_Latin1_General_CP1_CI_AS), so client ids `AB1` and `ab1` were one client, a clinician id matched another's
-- worklist, and the audit cursor's "~" sentinel did not sort after every ULID. Latin1_General_100_BIN2 compares and
-- orders by code point, as SQLite's default BINARY collation does, so both dialects answer alike. Free text (messages,
-- notes, JSON) keeps the database default.
-- A column's collation cannot change while an index, a key, a constraint or statistics use it: they are dropped,
-- the columns altered, and all of them created again exactly as before (a test compares the schema before and after).
-- Existing rows cannot collide: values that were distinct case-insensitively are distinct in binary too.
-- The script runs in one transaction (DbUp, one per script) and rebuilds every table: run `migrate` in a maintenance
-- window.

-- 1. Foreign keys between character columns.
ALTER TABLE dbo.idempotency_keys DROP CONSTRAINT fk_idempotency_administration;
ALTER TABLE dbo.alerts DROP CONSTRAINT fk_alerts_episode, fk_alerts_administration, fk_alerts_client, fk_alerts_resolved_by;
ALTER TABLE dbo.administrations DROP CONSTRAINT fk_administrations_episode, fk_administrations_client;
ALTER TABLE dbo.episodes DROP CONSTRAINT fk_episodes_client;
GO

-- 2. Checks and defaults on code columns.
ALTER TABLE dbo.administrations DROP CONSTRAINT ck_administrations_age_group, ck_administrations_episode_opened,
    df_administrations_age_group, df_administrations_rules_version;
ALTER TABLE dbo.alerts DROP CONSTRAINT df_alerts_rater;
GO

-- 3. Nonclustered indexes, unique constraints and nonclustered primary keys.
DROP INDEX ux_episodes_open ON dbo.episodes;
DROP INDEX ux_administrations_content ON dbo.administrations;
DROP INDEX ix_administrations_episode ON dbo.administrations;
DROP INDEX ix_alerts_administration ON dbo.alerts;
DROP INDEX ix_alerts_trajectory ON dbo.alerts;
DROP INDEX ix_alerts_family ON dbo.alerts;
ALTER TABLE dbo.tenants DROP CONSTRAINT ux_tenants_name;
ALTER TABLE dbo.api_keys DROP CONSTRAINT ux_api_keys_hash;
ALTER TABLE dbo.episodes DROP CONSTRAINT pk_episodes;
ALTER TABLE dbo.administrations DROP CONSTRAINT pk_administrations;
ALTER TABLE dbo.alerts DROP CONSTRAINT pk_alerts;
ALTER TABLE dbo.audit_log DROP CONSTRAINT pk_audit_log;
GO

-- 4. Clustered indexes and clustered primary keys.
DROP INDEX ix_episodes_client ON dbo.episodes;
DROP INDEX ix_administrations_client ON dbo.administrations;
DROP INDEX ix_alerts_worklist ON dbo.alerts;
DROP INDEX ix_audit_log_tenant ON dbo.audit_log;
ALTER TABLE dbo.api_keys DROP CONSTRAINT pk_api_keys;
ALTER TABLE dbo.clients DROP CONSTRAINT pk_clients;
ALTER TABLE dbo.idempotency_keys DROP CONSTRAINT pk_idempotency_keys;
GO

-- 5. Statistics SQL Server created by itself on columns used in predicates (their names are generated).
DECLARE @dropStatistics NVARCHAR(MAX) = N'';
SELECT @dropStatistics = @dropStatistics + N'DROP STATISTICS ' + QUOTENAME(SCHEMA_NAME(t.schema_id)) + N'.'
    + QUOTENAME(t.name) + N'.' + QUOTENAME(s.name) + N'; '
FROM sys.stats s
JOIN sys.tables t ON t.object_id = s.object_id
WHERE s.auto_created = 1 AND SCHEMA_NAME(t.schema_id) = N'dbo'
  AND t.name IN (N'tenants', N'tenant_settings', N'api_keys', N'clients', N'episodes', N'administrations', N'alerts',
                 N'idempotency_keys', N'audit_log');
EXEC sys.sp_executesql @dropStatistics;
GO

-- 6. The columns: same type, length and nullability, binary collation.
ALTER TABLE dbo.tenants ALTER COLUMN name NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.tenant_settings ALTER COLUMN enabled_instruments NVARCHAR(1000) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.api_keys ALTER COLUMN id NVARCHAR(26) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.api_keys ALTER COLUMN key_hash NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.api_keys ALTER COLUMN scopes NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.clients ALTER COLUMN client_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.clients ALTER COLUMN age_group NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.clients ALTER COLUMN clinician_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE dbo.episodes ALTER COLUMN id NVARCHAR(26) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.episodes ALTER COLUMN client_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.administrations ALTER COLUMN id NVARCHAR(26) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.administrations ALTER COLUMN client_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.administrations ALTER COLUMN episode_id NVARCHAR(26) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.administrations ALTER COLUMN instrument NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.administrations ALTER COLUMN rater NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.administrations ALTER COLUMN clinician_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE dbo.administrations ALTER COLUMN severity NVARCHAR(32) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE dbo.administrations ALTER COLUMN content_hash NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.administrations ALTER COLUMN age_group NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.administrations ALTER COLUMN model NVARCHAR(32) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE dbo.administrations ALTER COLUMN rules_version NVARCHAR(32) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.administrations ALTER COLUMN episode_opened NVARCHAR(8) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE dbo.alerts ALTER COLUMN id NVARCHAR(26) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.alerts ALTER COLUMN client_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.alerts ALTER COLUMN episode_id NVARCHAR(26) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.alerts ALTER COLUMN administration_id NVARCHAR(26) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.alerts ALTER COLUMN instrument NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.alerts ALTER COLUMN clinician_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE dbo.alerts ALTER COLUMN kind NVARCHAR(32) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.alerts ALTER COLUMN priority NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.alerts ALTER COLUMN status NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.alerts ALTER COLUMN rules_version NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.alerts ALTER COLUMN acknowledged_by NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE dbo.alerts ALTER COLUMN rater NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.alerts ALTER COLUMN resolved_by_administration_id NVARCHAR(26) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE dbo.idempotency_keys ALTER COLUMN idempotency_key NVARCHAR(128) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.idempotency_keys ALTER COLUMN request_hash NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.idempotency_keys ALTER COLUMN administration_id NVARCHAR(26) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.audit_log ALTER COLUMN id NVARCHAR(26) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.audit_log ALTER COLUMN key_id NVARCHAR(26) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.audit_log ALTER COLUMN method NVARCHAR(10) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.audit_log ALTER COLUMN route NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.audit_log ALTER COLUMN resource_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NULL;
GO

-- 7. Clustered first (so nonclustered indexes are built once), then the rest, as before.
ALTER TABLE dbo.api_keys ADD CONSTRAINT pk_api_keys PRIMARY KEY CLUSTERED (id);
ALTER TABLE dbo.clients ADD CONSTRAINT pk_clients PRIMARY KEY CLUSTERED (tenant_id, client_id);
ALTER TABLE dbo.idempotency_keys ADD CONSTRAINT pk_idempotency_keys PRIMARY KEY CLUSTERED (tenant_id, idempotency_key);
CREATE CLUSTERED INDEX ix_episodes_client ON dbo.episodes (tenant_id, client_id, opened_at);
CREATE CLUSTERED INDEX ix_administrations_client ON dbo.administrations (tenant_id, client_id, administered_at, id);
CREATE CLUSTERED INDEX ix_alerts_worklist ON dbo.alerts (tenant_id, status, priority_rank, created_at, id);
CREATE CLUSTERED INDEX ix_audit_log_tenant ON dbo.audit_log (tenant_id, id);
GO

ALTER TABLE dbo.tenants ADD CONSTRAINT ux_tenants_name UNIQUE NONCLUSTERED (name);
ALTER TABLE dbo.api_keys ADD CONSTRAINT ux_api_keys_hash UNIQUE NONCLUSTERED (key_hash);
ALTER TABLE dbo.episodes ADD CONSTRAINT pk_episodes PRIMARY KEY NONCLUSTERED (id);
ALTER TABLE dbo.administrations ADD CONSTRAINT pk_administrations PRIMARY KEY NONCLUSTERED (id);
ALTER TABLE dbo.alerts ADD CONSTRAINT pk_alerts PRIMARY KEY NONCLUSTERED (id);
ALTER TABLE dbo.audit_log ADD CONSTRAINT pk_audit_log PRIMARY KEY NONCLUSTERED (id);
CREATE UNIQUE INDEX ux_episodes_open ON dbo.episodes (tenant_id, client_id) WHERE closed_at IS NULL;
CREATE UNIQUE INDEX ux_administrations_content ON dbo.administrations (tenant_id, content_hash);
CREATE INDEX ix_administrations_episode ON dbo.administrations (tenant_id, episode_id, instrument, rater, administered_at);
CREATE INDEX ix_alerts_administration ON dbo.alerts (tenant_id, administration_id);
CREATE INDEX ix_alerts_trajectory ON dbo.alerts (tenant_id, client_id, episode_id, instrument, kind, status);
CREATE INDEX ix_alerts_family ON dbo.alerts (tenant_id, episode_id, instrument, rater, kind, status);
GO

ALTER TABLE dbo.administrations ADD
    CONSTRAINT df_administrations_age_group DEFAULT N'adult' FOR age_group,
    CONSTRAINT df_administrations_rules_version DEFAULT N'alerts-v1' FOR rules_version;
ALTER TABLE dbo.administrations WITH CHECK ADD
    CONSTRAINT ck_administrations_age_group CHECK (age_group IN (N'adult', N'adolescent', N'child')),
    CONSTRAINT ck_administrations_episode_opened CHECK (episode_opened IN (N'first', N'stale'));
ALTER TABLE dbo.alerts ADD CONSTRAINT df_alerts_rater DEFAULT N'client' FOR rater;
GO

ALTER TABLE dbo.episodes WITH CHECK ADD CONSTRAINT fk_episodes_client
    FOREIGN KEY (tenant_id, client_id) REFERENCES dbo.clients (tenant_id, client_id);
ALTER TABLE dbo.administrations WITH CHECK ADD
    CONSTRAINT fk_administrations_episode FOREIGN KEY (episode_id) REFERENCES dbo.episodes (id),
    CONSTRAINT fk_administrations_client FOREIGN KEY (tenant_id, client_id) REFERENCES dbo.clients (tenant_id, client_id);
ALTER TABLE dbo.alerts WITH CHECK ADD
    CONSTRAINT fk_alerts_episode FOREIGN KEY (episode_id) REFERENCES dbo.episodes (id),
    CONSTRAINT fk_alerts_administration FOREIGN KEY (administration_id) REFERENCES dbo.administrations (id),
    CONSTRAINT fk_alerts_client FOREIGN KEY (tenant_id, client_id) REFERENCES dbo.clients (tenant_id, client_id),
    CONSTRAINT fk_alerts_resolved_by FOREIGN KEY (resolved_by_administration_id) REFERENCES dbo.administrations (id);
ALTER TABLE dbo.idempotency_keys WITH CHECK ADD CONSTRAINT fk_idempotency_administration
    FOREIGN KEY (administration_id) REFERENCES dbo.administrations (id);
GO
