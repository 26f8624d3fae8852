-- Outcome reports: the episodes closed in a range, by a seek instead of a walk of every episode of the
-- tenant (with it, a report over 100,000 episodes reads only the range's).
CREATE INDEX ix_episodes_closed ON episodes (tenant_id, closed_at) WHERE closed_at IS NOT NULL;
