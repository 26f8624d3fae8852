-- Which instance holds a tenant's export or import lease (docs/bulk.md): an instance that restarts after a crash deletes
-- the leases its previous run held, instead of leaving the tenant locked until they expire. '' for leases taken before.
ALTER TABLE tenant_leases ADD COLUMN instance TEXT NOT NULL DEFAULT '';
