-- The client whose data each audited request concerned: the route's {clientId}, the alert's client for an
-- acknowledgement, each client a worklist page shows. resource_id keeps the most specific id the route names (an
-- administration, an episode, an alert), so "who accessed client X" is answered for every route. Older rows: NULL.
ALTER TABLE audit_log ADD COLUMN client_id TEXT NULL;
