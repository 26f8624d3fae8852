-- Export and import (interop.md 4.2 and 4.3).
-- Where an administration came from: api (POST /v1), fhir (a QuestionnaireResponse) or import. Rows stored before this
-- migration were not marked; one with a FHIR identifier came through FHIR, the others are taken as api (a FHIR
-- QuestionnaireResponse sent without an identifier cannot be told apart any more). A NOT NULL column with a constant
-- default is a metadata-only change (SQL Server 2012+); the UPDATE touches only the FHIR rows, by a filtered index.
ALTER TABLE dbo.administrations ADD source NVARCHAR(6) COLLATE Latin1_General_100_BIN2 NOT NULL
    CONSTRAINT df_administrations_source DEFAULT N'api'
    CONSTRAINT ck_administrations_source CHECK (source IN (N'api', N'fhir', N'import'));
GO
UPDATE dbo.administrations SET source = N'fhir' WHERE fhir_identifier_value IS NOT NULL;
GO
-- The export reads a tenant's administrations in id order from a cursor to a snapshot id; each row is then a lookup
-- into the clustered index, a thousand per batch.
CREATE INDEX ix_administrations_export ON dbo.administrations (tenant_id, id) INCLUDE (received_at, instrument);
GO

-- Imported alerts are marked; a resolved alert says why: replaced (a later administration or the episode's close
-- resolved it, live) or imported_history (imported more than Import:LiveWindowHours after its administration).
ALTER TABLE dbo.alerts ADD
    imported BIT NOT NULL CONSTRAINT df_alerts_imported DEFAULT 0,
    resolved_reason NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NULL
        CONSTRAINT ck_alerts_resolved_reason CHECK (resolved_reason IN (N'replaced', N'imported_history'));
GO
UPDATE dbo.alerts SET resolved_reason = N'replaced' WHERE resolved_at IS NOT NULL;
GO

-- An import line id is the tenant's for ever: the same id with the same content is a duplicate, with other content a
-- conflict. Two instances importing the same line id: the second insert fails on the key (2627) and its transaction
-- is run again, which then finds the line. Ids compare exactly (binary collation, as 0007).
CREATE TABLE dbo.import_lines (
    tenant_id          BIGINT NOT NULL CONSTRAINT fk_import_lines_tenant REFERENCES dbo.tenants (id),
    line_id            NVARCHAR(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
    line_hash          NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    administration_id  NVARCHAR(26) COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT fk_import_lines_administration REFERENCES dbo.administrations (id),
    imported_at        DATETIME2(7) NOT NULL,
    CONSTRAINT pk_import_lines PRIMARY KEY CLUSTERED (tenant_id, line_id)
);
GO

-- An import's episodeKey names one episode of its client across files (a history sent in several requests).
ALTER TABLE dbo.episodes ADD import_key NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NULL;
GO
CREATE UNIQUE INDEX ux_episodes_import_key ON dbo.episodes (tenant_id, client_id, import_key) WHERE import_key IS NOT NULL;
GO

-- One export and one import per tenant at a time, across instances: a lease row, taken by an insert (or over an
-- expired one, under UPDLOCK, HOLDLOCK) and renewed while the work runs, so an instance that died frees it on expiry.
CREATE TABLE dbo.tenant_leases (
    tenant_id   BIGINT NOT NULL CONSTRAINT fk_tenant_leases_tenant REFERENCES dbo.tenants (id),
    kind        NVARCHAR(6) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT ck_tenant_leases_kind CHECK (kind IN (N'export', N'import')),
    holder      NVARCHAR(26) COLLATE Latin1_General_100_BIN2 NOT NULL,
    expires_at  DATETIME2(7) NOT NULL,
    CONSTRAINT pk_tenant_leases PRIMARY KEY CLUSTERED (tenant_id, kind)
);
GO

-- What an access returned beyond its route and ids: an export's snapshot, cursor and row count, an import's counts.
ALTER TABLE dbo.audit_log ADD detail NVARCHAR(400) COLLATE Latin1_General_100_BIN2 NULL;
GO
