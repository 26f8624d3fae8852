-- Licence attestations (clinical.md v1.2 section 2): a tenant attests that it holds the authors' permission
-- before it enables an instrument whose licence status is `required` (TASC-R). One row per tenant and instrument: a
-- later attestation replaces it; it stays when a settings PUT does not mention it. Clustered on its key; codes compare
-- exactly (binary collation, as 0007), and so do the two texts, which are never compared.
CREATE TABLE dbo.license_attestations (
    tenant_id    BIGINT NOT NULL CONSTRAINT fk_license_attestations_tenant REFERENCES dbo.tenants (id),
    instrument   NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NOT NULL,
    attested_by  NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    reference    NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    attested_at  DATETIME2(7) NOT NULL,
    CONSTRAINT pk_license_attestations PRIMARY KEY CLUSTERED (tenant_id, instrument)
);
GO
