-- Clinical rules v1.1. Each administration keeps what it was evaluated with: the client's age group at
-- submission, the trajectory model and the alert rules version, and whether it opened its episode (first or stale).
-- Rows written before v1.1 keep their versions: model power-decay-v1 for outcome instruments, rules alerts-v1.
-- Their age group was not recorded; the client's age group when this migration runs is the best record there is.
-- Columns are added with defaults (a metadata-only change for NOT NULL constants since SQL Server 2012), then
-- back-filled in one statement each; run it in a maintenance window on a large table (the updates take row locks
-- that escalate).
ALTER TABLE dbo.administrations ADD
    age_group NVARCHAR(16) NOT NULL CONSTRAINT df_administrations_age_group DEFAULT N'adult'
        CONSTRAINT ck_administrations_age_group CHECK (age_group IN (N'adult', N'adolescent', N'child')),
    model NVARCHAR(32) NULL,
    rules_version NVARCHAR(32) NOT NULL CONSTRAINT df_administrations_rules_version DEFAULT N'alerts-v1',
    episode_opened NVARCHAR(8) NULL CONSTRAINT ck_administrations_episode_opened CHECK (episode_opened IN (N'first', N'stale'));
GO
UPDATE a SET age_group = c.age_group
FROM dbo.administrations a
JOIN dbo.clients c ON c.tenant_id = a.tenant_id AND c.client_id = a.client_id;
GO
UPDATE dbo.administrations SET model = N'power-decay-v1'
WHERE instrument IN (N'PHQ-9', N'GAD-7', N'CORE-10', N'OQ-45.2', N'ORS', N'WHO-5');
GO
-- v1 opened an episode and stored its first administration with one clock reading: opened_at = received_at.
UPDATE a SET episode_opened = N'first'
FROM dbo.administrations a
JOIN dbo.episodes e ON e.id = a.episode_id AND e.opened_at = a.received_at;
GO

-- Trajectory alerts form one family per client, episode, instrument and rater; a resolved alert names the
-- administration that resolved it. v1 resolved with the resolving administration's received_at as resolved_at.
ALTER TABLE dbo.alerts ADD
    rater NVARCHAR(16) NOT NULL CONSTRAINT df_alerts_rater DEFAULT N'client',
    resolved_by_administration_id NVARCHAR(26) NULL
        CONSTRAINT fk_alerts_resolved_by REFERENCES dbo.administrations (id);
GO
UPDATE al SET rater = a.rater
FROM dbo.alerts al
JOIN dbo.administrations a ON a.id = al.administration_id;
GO
UPDATE al SET resolved_by_administration_id = (
    SELECT TOP (1) a.id FROM dbo.administrations a
    WHERE a.tenant_id = al.tenant_id AND a.episode_id = al.episode_id AND a.instrument = al.instrument
      AND a.received_at = al.resolved_at
    ORDER BY a.id)
FROM dbo.alerts al
WHERE al.resolved_at IS NOT NULL;
GO
CREATE INDEX ix_alerts_family ON dbo.alerts (tenant_id, episode_id, instrument, rater, kind, status);
GO

-- Stale-episode guard (clinical.md section 1): 0 turns it off.
ALTER TABLE dbo.tenant_settings ADD
    stale_episode_days INT NOT NULL CONSTRAINT df_tenant_settings_stale_episode_days DEFAULT 90
        CONSTRAINT ck_tenant_settings_stale_episode_days CHECK (stale_episode_days BETWEEN 0 AND 3650);
GO
