-- The worklist at scale. The alerts table was clustered on (tenant_id, status, ...): every acknowledgement and
-- resolution moved its row within the clustered index. It is now clustered on its id, which never changes (ULIDs grow
-- with time, so inserts append), and each worklist filter shape has a nonclustered index in the page's order
-- (priority_rank, then newest): TOP (@Limit) then seeks one range and reads it in order, with a lookup per row of the
-- page. The leading filter (status, a clinician, a kind) is an equality; "any status" has indexes without it. A
-- client's alerts are few: one index in page order by client, whatever their status.
-- On a large table this rebuilds the table once (the clustered index) and builds seven indexes: run it in a quiet hour.
DROP INDEX ix_alerts_worklist ON dbo.alerts;
GO
ALTER TABLE dbo.alerts DROP CONSTRAINT pk_alerts;
GO
ALTER TABLE dbo.alerts ADD CONSTRAINT pk_alerts PRIMARY KEY CLUSTERED (id);
GO
CREATE INDEX ix_alerts_status_order ON dbo.alerts (tenant_id, status, priority_rank, created_at DESC, id DESC);
CREATE INDEX ix_alerts_order ON dbo.alerts (tenant_id, priority_rank, created_at DESC, id DESC);
CREATE INDEX ix_alerts_clinician_status_order ON dbo.alerts (tenant_id, clinician_id, status, priority_rank, created_at DESC, id DESC);
CREATE INDEX ix_alerts_clinician_order ON dbo.alerts (tenant_id, clinician_id, priority_rank, created_at DESC, id DESC);
CREATE INDEX ix_alerts_kind_status_order ON dbo.alerts (tenant_id, kind, status, priority_rank, created_at DESC, id DESC);
CREATE INDEX ix_alerts_kind_order ON dbo.alerts (tenant_id, kind, priority_rank, created_at DESC, id DESC);
CREATE INDEX ix_alerts_client_order ON dbo.alerts (tenant_id, client_id, priority_rank, created_at DESC, id DESC);
GO
