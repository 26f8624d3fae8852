-- FHIR R4 facade (interop.md 1.5). A QuestionnaireResponse's caller identifier (system + value) is kept with
-- the administration it became, unique per tenant: the unique index decides a conditional create, never a search
-- before the insert. An absent system is stored as ''. The encounter reference is echoed verbatim, never read.
ALTER TABLE administrations ADD COLUMN fhir_identifier_system TEXT NULL;
ALTER TABLE administrations ADD COLUMN fhir_identifier_value TEXT NULL;
ALTER TABLE administrations ADD COLUMN fhir_encounter TEXT NULL;
CREATE UNIQUE INDEX ux_administrations_fhir_identifier
    ON administrations (tenant_id, fhir_identifier_system, fhir_identifier_value)
    WHERE fhir_identifier_value IS NOT NULL;

-- The identifier system a tenant's EHR names its patients with (e.g. the MRN system): subject.identifier values of that
-- system are client ids. NULL: only the default {C}/sid/client-id (or no system) is accepted.
ALTER TABLE tenant_settings ADD COLUMN fhir_client_id_system TEXT NULL;
