-- Outcome reports: the episodes closed in a range, by a seek instead of a walk of every episode of the
-- tenant. Filtered: open episodes (closed_at NULL) are not in it; a parameterised range on closed_at implies NOT NULL,
-- so the optimizer can use it.
CREATE INDEX ix_episodes_closed ON dbo.episodes (tenant_id, closed_at) WHERE closed_at IS NOT NULL;
GO
