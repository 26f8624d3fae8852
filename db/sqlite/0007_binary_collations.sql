-- Binary collations on id and code columns: nothing to change on SQLite, whose default collation (BINARY)
-- already compares and orders by bytes, so client ids `AB1` and `ab1` are two clients. The SQL Server script of the
-- same number gives its id and code columns Latin1_General_100_BIN2 so that both dialects answer alike.
SELECT 1;
