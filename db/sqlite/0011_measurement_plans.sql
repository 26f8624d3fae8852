-- Measurement plans (interop.md section 3). One row per plan: the tenant default (client_id = '' and
-- episode_id = ''), a client's override (episode_id = '') or an episode's override. rules_json NULL is a deleted
-- override: the row stays so that its version keeps counting and an old ETag never matches a later plan.
CREATE TABLE measurement_plans (
    tenant_id   INTEGER NOT NULL REFERENCES tenants (id),
    client_id   TEXT NOT NULL,
    episode_id  TEXT NOT NULL,
    name        TEXT NULL,
    rules_json  TEXT NULL,
    version     INTEGER NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, client_id, episode_id)
) WITHOUT ROWID;

-- The overdue list (GET /v1/due?clinicianId=) starts from a clinician's clients.
CREATE INDEX ix_clients_clinician ON clients (tenant_id, clinician_id);
