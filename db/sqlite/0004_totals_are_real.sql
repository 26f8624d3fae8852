-- Totals are REAL. Under the NUMERIC affinity of 0001 a total of 20 was stored as an integer and 20.7 as a real, and
-- a reader typed by its first row failed on the second. The CHECK keeps every stored total a real.
ALTER TABLE administrations ADD COLUMN total_real REAL NOT NULL DEFAULT 0 CHECK (typeof(total_real) = 'real' AND total_real >= 0);
UPDATE administrations SET total_real = total;
ALTER TABLE administrations DROP COLUMN total;
ALTER TABLE administrations RENAME COLUMN total_real TO total;
