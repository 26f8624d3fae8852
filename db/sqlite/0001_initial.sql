-- Foundation schema (SQLite). Instants are UTC text 'yyyy-MM-dd HH:mm:ss.FFFFFFF', which sorts in time order.
CREATE TABLE tenants (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
);

CREATE TABLE tenant_settings (
    tenant_id            INTEGER PRIMARY KEY REFERENCES tenants (id),
    enabled_instruments  TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);

CREATE TABLE api_keys (
    id          TEXT PRIMARY KEY,
    tenant_id   INTEGER NOT NULL REFERENCES tenants (id),
    key_hash    TEXT NOT NULL UNIQUE,
    scopes      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT NULL
);

CREATE TABLE clients (
    tenant_id     INTEGER NOT NULL REFERENCES tenants (id),
    client_id     TEXT NOT NULL,
    age_group     TEXT NOT NULL,
    clinician_id  TEXT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (tenant_id, client_id)
);

CREATE TABLE episodes (
    id          TEXT PRIMARY KEY,
    tenant_id   INTEGER NOT NULL,
    client_id   TEXT NOT NULL,
    opened_at   TEXT NOT NULL,
    closed_at   TEXT NULL,
    FOREIGN KEY (tenant_id, client_id) REFERENCES clients (tenant_id, client_id)
);
CREATE INDEX ix_episodes_client ON episodes (tenant_id, client_id, opened_at);
-- At most one open episode per client.
CREATE UNIQUE INDEX ux_episodes_open ON episodes (tenant_id, client_id) WHERE closed_at IS NULL;

CREATE TABLE administrations (
    id               TEXT PRIMARY KEY,
    tenant_id        INTEGER NOT NULL,
    client_id        TEXT NOT NULL,
    episode_id       TEXT NOT NULL REFERENCES episodes (id),
    instrument       TEXT NOT NULL,
    rater            TEXT NOT NULL,
    session_number   INTEGER NULL,
    clinician_id     TEXT NULL,
    administered_at  TEXT NOT NULL,
    received_at      TEXT NOT NULL,
    items_json       TEXT NOT NULL,
    total            NUMERIC NOT NULL,
    prorated         INTEGER NOT NULL,
    severity         TEXT NULL,
    clinical_range   INTEGER NULL,
    subscales_json   TEXT NOT NULL,
    feedback_json    TEXT NULL,
    content_hash     TEXT NOT NULL,
    FOREIGN KEY (tenant_id, client_id) REFERENCES clients (tenant_id, client_id)
);
-- Exact duplicates (same client, instrument, rater, administeredAt, items) are refused by this index.
CREATE UNIQUE INDEX ux_administrations_content ON administrations (tenant_id, content_hash);
CREATE INDEX ix_administrations_client ON administrations (tenant_id, client_id, administered_at, id);
CREATE INDEX ix_administrations_episode ON administrations (tenant_id, episode_id, instrument, rater, administered_at);
