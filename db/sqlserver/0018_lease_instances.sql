-- Which instance holds a tenant's export or import lease (docs/bulk.md): an instance that restarts after a crash deletes
-- the leases its previous run held, instead of leaving the tenant locked until they expire. N'' for leases taken before.
ALTER TABLE dbo.tenant_leases ADD instance NVARCHAR(128) COLLATE Latin1_General_100_BIN2 NOT NULL
    CONSTRAINT df_tenant_leases_instance DEFAULT N'';
GO
