-- The client whose data each audited request concerned: the route's {clientId}, the alert's client for an
-- acknowledgement, each client a worklist page shows. resource_id keeps the most specific id the route names (an
-- administration, an episode, an alert), so "who accessed client X" is answered for every route. Older rows: NULL.
-- An id column: binary collation like the others (0007). Adding a NULL column is a metadata-only change.
ALTER TABLE dbo.audit_log ADD client_id NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NULL;
GO
