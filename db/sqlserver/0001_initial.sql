-- Foundation schema (SQL Server). Instants are UTC datetime2(7). Text columns are NVARCHAR because Dapper
-- sends strings as NVARCHAR, and an NVARCHAR parameter against a VARCHAR column turns index seeks into scans.
CREATE TABLE dbo.tenants (
    id          BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_tenants PRIMARY KEY,
    name        NVARCHAR(100) NOT NULL CONSTRAINT ux_tenants_name UNIQUE,
    created_at  DATETIME2(7) NOT NULL
);
GO

CREATE TABLE dbo.tenant_settings (
    tenant_id            BIGINT NOT NULL CONSTRAINT pk_tenant_settings PRIMARY KEY
                         CONSTRAINT fk_tenant_settings_tenant REFERENCES dbo.tenants (id),
    enabled_instruments  NVARCHAR(1000) NOT NULL,
    updated_at           DATETIME2(7) NOT NULL
);
GO

CREATE TABLE dbo.api_keys (
    id          NVARCHAR(26) NOT NULL CONSTRAINT pk_api_keys PRIMARY KEY,
    tenant_id   BIGINT NOT NULL CONSTRAINT fk_api_keys_tenant REFERENCES dbo.tenants (id),
    key_hash    NVARCHAR(64) NOT NULL CONSTRAINT ux_api_keys_hash UNIQUE,
    scopes      NVARCHAR(100) NOT NULL,
    created_at  DATETIME2(7) NOT NULL,
    revoked_at  DATETIME2(7) NULL
);
GO

CREATE TABLE dbo.clients (
    tenant_id     BIGINT NOT NULL CONSTRAINT fk_clients_tenant REFERENCES dbo.tenants (id),
    client_id     NVARCHAR(64) NOT NULL,
    age_group     NVARCHAR(16) NOT NULL,
    clinician_id  NVARCHAR(64) NULL,
    created_at    DATETIME2(7) NOT NULL,
    updated_at    DATETIME2(7) NOT NULL,
    CONSTRAINT pk_clients PRIMARY KEY (tenant_id, client_id)
);
GO

CREATE TABLE dbo.episodes (
    id          NVARCHAR(26) NOT NULL CONSTRAINT pk_episodes PRIMARY KEY NONCLUSTERED,
    tenant_id   BIGINT NOT NULL,
    client_id   NVARCHAR(64) NOT NULL,
    opened_at   DATETIME2(7) NOT NULL,
    closed_at   DATETIME2(7) NULL,
    CONSTRAINT fk_episodes_client FOREIGN KEY (tenant_id, client_id) REFERENCES dbo.clients (tenant_id, client_id)
);
GO
CREATE CLUSTERED INDEX ix_episodes_client ON dbo.episodes (tenant_id, client_id, opened_at);
GO
CREATE UNIQUE INDEX ux_episodes_open ON dbo.episodes (tenant_id, client_id) WHERE closed_at IS NULL;
GO

CREATE TABLE dbo.administrations (
    id               NVARCHAR(26) NOT NULL CONSTRAINT pk_administrations PRIMARY KEY NONCLUSTERED,
    tenant_id        BIGINT NOT NULL,
    client_id        NVARCHAR(64) NOT NULL,
    episode_id       NVARCHAR(26) NOT NULL CONSTRAINT fk_administrations_episode REFERENCES dbo.episodes (id),
    instrument       NVARCHAR(16) NOT NULL,
    rater            NVARCHAR(16) NOT NULL,
    session_number   INT NULL,
    clinician_id     NVARCHAR(64) NULL,
    administered_at  DATETIME2(7) NOT NULL,
    received_at      DATETIME2(7) NOT NULL,
    items_json       NVARCHAR(2000) NOT NULL,
    total            DECIMAL(6, 1) NOT NULL,
    prorated         BIT NOT NULL,
    severity         NVARCHAR(32) NULL,
    clinical_range   BIT NULL,
    subscales_json   NVARCHAR(1000) NOT NULL,
    feedback_json    NVARCHAR(MAX) NULL,
    content_hash     NVARCHAR(64) NOT NULL,
    CONSTRAINT fk_administrations_client FOREIGN KEY (tenant_id, client_id) REFERENCES dbo.clients (tenant_id, client_id)
);
GO
CREATE CLUSTERED INDEX ix_administrations_client ON dbo.administrations (tenant_id, client_id, administered_at, id);
GO
CREATE UNIQUE INDEX ux_administrations_content ON dbo.administrations (tenant_id, content_hash);
GO
CREATE INDEX ix_administrations_episode ON dbo.administrations (tenant_id, episode_id, instrument, rater, administered_at);
GO
