-- Licence attestations (clinical.md v1.2 section 2): a tenant attests that it holds the authors' permission
-- before it enables an instrument whose licence status is `required` (TASC-R). One row per tenant and instrument: a
-- later attestation replaces it; it stays when a settings PUT does not mention it.
CREATE TABLE license_attestations (
    tenant_id    INTEGER NOT NULL REFERENCES tenants (id),
    instrument   TEXT NOT NULL,
    attested_by  TEXT NOT NULL,
    reference    TEXT NOT NULL,
    attested_at  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, instrument)
) WITHOUT ROWID;
