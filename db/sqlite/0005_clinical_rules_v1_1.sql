-- Clinical rules v1.1. Each administration keeps what it was evaluated with: the client's age group at
-- submission, the trajectory model and the alert rules version, and whether it opened its episode (first or stale).
-- Rows written before v1.1 keep their versions: model power-decay-v1 for outcome instruments, rules alerts-v1.
-- Their age group was not recorded; the client's age group when this migration runs is the best record there is,
-- and from now on it no longer changes with the client.
ALTER TABLE administrations ADD COLUMN age_group TEXT NOT NULL DEFAULT 'adult' CHECK (age_group IN ('adult', 'adolescent', 'child'));
ALTER TABLE administrations ADD COLUMN model TEXT NULL;
ALTER TABLE administrations ADD COLUMN rules_version TEXT NOT NULL DEFAULT 'alerts-v1';
ALTER TABLE administrations ADD COLUMN episode_opened TEXT NULL CHECK (episode_opened IN ('first', 'stale'));

UPDATE administrations SET age_group = (
    SELECT c.age_group FROM clients c WHERE c.tenant_id = administrations.tenant_id AND c.client_id = administrations.client_id);
UPDATE administrations SET model = 'power-decay-v1'
WHERE instrument IN ('PHQ-9', 'GAD-7', 'CORE-10', 'OQ-45.2', 'ORS', 'WHO-5');
-- v1 opened an episode and stored its first administration with one clock reading: opened_at = received_at.
UPDATE administrations SET episode_opened = 'first'
WHERE EXISTS (SELECT 1 FROM episodes e WHERE e.id = administrations.episode_id AND e.opened_at = administrations.received_at);

-- Trajectory alerts form one family per client, episode, instrument and rater; a resolved alert names the
-- administration that resolved it. v1 resolved with the resolving administration's received_at as resolved_at.
ALTER TABLE alerts ADD COLUMN rater TEXT NOT NULL DEFAULT 'client';
ALTER TABLE alerts ADD COLUMN resolved_by_administration_id TEXT NULL REFERENCES administrations (id);
UPDATE alerts SET rater = (SELECT a.rater FROM administrations a WHERE a.id = alerts.administration_id);
UPDATE alerts SET resolved_by_administration_id = (
    SELECT a.id FROM administrations a
    WHERE a.tenant_id = alerts.tenant_id AND a.episode_id = alerts.episode_id AND a.instrument = alerts.instrument
      AND a.received_at = alerts.resolved_at
    ORDER BY a.id LIMIT 1)
WHERE resolved_at IS NOT NULL;
CREATE INDEX ix_alerts_family ON alerts (tenant_id, episode_id, instrument, rater, kind, status);

-- Stale-episode guard (clinical.md section 1): 0 turns it off.
ALTER TABLE tenant_settings ADD COLUMN stale_episode_days INTEGER NOT NULL DEFAULT 90 CHECK (stale_episode_days BETWEEN 0 AND 3650);
