-- DECIMAL(6, 1) already reads back as one type whatever the value (SQLite needed 0004 for that); the same
-- range rule as SQLite's 0004 keeps the two dialects alike.
ALTER TABLE dbo.administrations WITH CHECK ADD CONSTRAINT ck_administrations_total CHECK (total >= 0);
