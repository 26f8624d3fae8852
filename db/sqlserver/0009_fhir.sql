-- FHIR R4 facade (interop.md 1.5). A QuestionnaireResponse's caller identifier (system + value) is kept with
-- the administration it became, unique per tenant: the unique index decides a conditional create, never a search
-- before the insert (a second instance's insert fails with 2601 and Database.WriteAsync reruns the transaction, which
-- then finds the stored one). An absent system is stored as ''. The encounter reference is echoed verbatim, never read.
-- Identifiers compare exactly (binary collation, as 0007). 255 + 255 characters keep the index key within 1,700 bytes.
-- Adding NULL columns is a metadata-only change.
ALTER TABLE dbo.administrations ADD
    fhir_identifier_system NVARCHAR(255) COLLATE Latin1_General_100_BIN2 NULL,
    fhir_identifier_value NVARCHAR(255) COLLATE Latin1_General_100_BIN2 NULL,
    fhir_encounter NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NULL;
GO
CREATE UNIQUE INDEX ux_administrations_fhir_identifier
    ON dbo.administrations (tenant_id, fhir_identifier_system, fhir_identifier_value)
    WHERE fhir_identifier_value IS NOT NULL;
GO

-- The identifier system a tenant's EHR names its patients with (e.g. the MRN system): subject.identifier values of that
-- system are client ids. NULL: only the default {C}/sid/client-id (or no system) is accepted.
ALTER TABLE dbo.tenant_settings ADD fhir_client_id_system NVARCHAR(255) COLLATE Latin1_General_100_BIN2 NULL;
GO
