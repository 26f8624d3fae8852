-- Alerts (alerts-v1). priority_rank orders the worklist: 0 urgent, 1 high, 2 normal.
-- status: open, acknowledged (by a clinician), resolved (replaced by a newer trajectory alert of the same kind).
CREATE TABLE alerts (
    id                  TEXT PRIMARY KEY,
    tenant_id           INTEGER NOT NULL,
    client_id           TEXT NOT NULL,
    episode_id          TEXT NOT NULL REFERENCES episodes (id),
    administration_id   TEXT NOT NULL REFERENCES administrations (id),
    instrument          TEXT NOT NULL,
    clinician_id        TEXT NULL,
    kind                TEXT NOT NULL,
    priority            TEXT NOT NULL,
    priority_rank       INTEGER NOT NULL,
    item                INTEGER NULL,
    message             TEXT NOT NULL,
    status              TEXT NOT NULL,
    rules_version       TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    acknowledged_at     TEXT NULL,
    acknowledged_by     TEXT NULL,
    note                TEXT NULL,
    resolved_at         TEXT NULL,
    FOREIGN KEY (tenant_id, client_id) REFERENCES clients (tenant_id, client_id)
);
CREATE INDEX ix_alerts_worklist ON alerts (tenant_id, status, priority_rank, created_at, id);
CREATE INDEX ix_alerts_administration ON alerts (tenant_id, administration_id);
CREATE INDEX ix_alerts_trajectory ON alerts (tenant_id, client_id, episode_id, instrument, kind, status);
