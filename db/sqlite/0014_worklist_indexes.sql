-- The worklist at scale: each filter shape seeks an index in the page's order (priority_rank, then newest),
-- so a page reads its rows in order instead of every alert of the tenant and a sort. The leading filter (status, a
-- clinician, a kind) is an equality; "any status" has indexes without it. A client's alerts are few:
-- one index in page order by client, whatever their status. The old ix_alerts_worklist (created_at ascending) matched no page order.
DROP INDEX ix_alerts_worklist;
CREATE INDEX ix_alerts_status_order ON alerts (tenant_id, status, priority_rank, created_at DESC, id DESC);
CREATE INDEX ix_alerts_order ON alerts (tenant_id, priority_rank, created_at DESC, id DESC);
CREATE INDEX ix_alerts_clinician_status_order ON alerts (tenant_id, clinician_id, status, priority_rank, created_at DESC, id DESC);
CREATE INDEX ix_alerts_clinician_order ON alerts (tenant_id, clinician_id, priority_rank, created_at DESC, id DESC);
CREATE INDEX ix_alerts_kind_status_order ON alerts (tenant_id, kind, status, priority_rank, created_at DESC, id DESC);
CREATE INDEX ix_alerts_kind_order ON alerts (tenant_id, kind, priority_rank, created_at DESC, id DESC);
CREATE INDEX ix_alerts_client_order ON alerts (tenant_id, client_id, priority_rank, created_at DESC, id DESC);
