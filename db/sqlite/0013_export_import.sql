-- Export and import (interop.md 4.2 and 4.3).
-- Where an administration came from: api (POST /v1), fhir (a QuestionnaireResponse) or import. Rows stored before this
-- migration were not marked; one with a FHIR identifier came through FHIR, the others are taken as api (a FHIR
-- QuestionnaireResponse sent without an identifier cannot be told apart any more).
ALTER TABLE administrations ADD COLUMN source TEXT NOT NULL DEFAULT 'api' CHECK (source IN ('api', 'fhir', 'import'));
UPDATE administrations SET source = 'fhir' WHERE fhir_identifier_value IS NOT NULL;
-- The export reads a tenant's administrations in id order from a cursor to a snapshot id.
CREATE INDEX ix_administrations_export ON administrations (tenant_id, id);

-- Imported alerts are marked; a resolved alert says why: replaced (a later administration or the episode's close
-- resolved it, live) or imported_history (imported more than Import:LiveWindowHours after its administration).
ALTER TABLE alerts ADD COLUMN imported INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1));
ALTER TABLE alerts ADD COLUMN resolved_reason TEXT NULL CHECK (resolved_reason IN ('replaced', 'imported_history'));
UPDATE alerts SET resolved_reason = 'replaced' WHERE resolved_at IS NOT NULL;

-- An import line id is the tenant's for ever: the same id with the same content is a duplicate, with other content a
-- conflict. line_hash fingerprints the line as sent; administration_id is what it became (or the stored duplicate).
CREATE TABLE import_lines (
    tenant_id          INTEGER NOT NULL REFERENCES tenants (id),
    line_id            TEXT NOT NULL,
    line_hash          TEXT NOT NULL,
    administration_id  TEXT NOT NULL REFERENCES administrations (id),
    imported_at        TEXT NOT NULL,
    PRIMARY KEY (tenant_id, line_id)
);

-- An import's episodeKey names one episode of its client across files (a history sent in several requests).
ALTER TABLE episodes ADD COLUMN import_key TEXT NULL;
CREATE UNIQUE INDEX ux_episodes_import_key ON episodes (tenant_id, client_id, import_key) WHERE import_key IS NOT NULL;

-- One export and one import per tenant at a time, across instances: a lease row, taken by an insert (or over an
-- expired one) and renewed while the work runs, so an instance that died frees it when it expires.
CREATE TABLE tenant_leases (
    tenant_id   INTEGER NOT NULL REFERENCES tenants (id),
    kind        TEXT NOT NULL CHECK (kind IN ('export', 'import')),
    holder      TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, kind)
);

-- What an access returned beyond its route and ids: an export's snapshot, cursor and row count, an import's counts.
ALTER TABLE audit_log ADD COLUMN detail TEXT NULL;
