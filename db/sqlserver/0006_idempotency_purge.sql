-- Expired Idempotency-Key records (older than 24 h) are purged in the background; this index finds them.
CREATE INDEX ix_idempotency_keys_created ON dbo.idempotency_keys (created_at);
GO
