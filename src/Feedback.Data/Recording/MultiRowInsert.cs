namespace Feedback.Data.Recording;

/// <summary>
/// INSERT statements of 1 to <see cref="ChunkRows"/> rows, one text per row count (each prepared once). 16 rows: a
/// statement's parameters stay few, since Microsoft.Data.Sqlite binds each by a scan of the statement's names (a
/// 256-row statement of 26 columns took 157 ms to bind); SQL Server allows 2,100 parameters, and 16 x 28 is 448.
/// Parameters are named after the column and the row's letter (@ClientIdA, @ClientIdB, ...).
/// </summary>
static class MultiRowInsert
{
    public const int ChunkRows = 16;

    public static IReadOnlyDictionary<string, string> Sqls(string table, IReadOnlyList<string> columns) =>
        Enumerable.Range(1, ChunkRows).ToDictionary(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture), n => InsertRowsSql(table, columns, n));

    static string InsertRowsSql(string table, IReadOnlyList<string> columns, int rows) =>
        $"INSERT INTO {table} (tenant_id, {string.Join(", ", columns)})\nVALUES "
        + string.Join(",\n       ", Enumerable.Range(0, rows).Select(row => "(@TenantId, " + string.Join(", ", columns.Select(c => Parameter(c, row))) + ")"))
        + ";";

    public static string Parameter(string column, int row) => "@" + Name(column, row);

    /// <summary>@client_id of row 2: ClientIdC.</summary>
    public static string Name(string column, int row) =>
        string.Concat(column.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..])) + (char)('A' + row);

    public static IReadOnlyList<string> Split(string columns) =>
        [.. columns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Sends the rows in chunks: each row's values in column order, bound under the row's names.</summary>
    public static async Task RunAsync<T>(DbSession s, long tenantId, IReadOnlyDictionary<string, string> sqls, IReadOnlyList<string> columns,
        IReadOnlyList<T> rows, Func<T, object?[]> values, CancellationToken ct)
    {
        for (var start = 0; start < rows.Count; start += ChunkRows)
        {
            var count = Math.Min(ChunkRows, rows.Count - start);
            var parameters = new DynamicParameters();
            parameters.Add("TenantId", tenantId);
            for (var row = 0; row < count; row++)
            {
                var rowValues = values(rows[start + row]);
                for (var c = 0; c < columns.Count; c++) parameters.Add(Name(columns[c], row), rowValues[c]);
            }
            await s.Connection.ExecuteAsync(s.Command(sqls[count.ToString(System.Globalization.CultureInfo.InvariantCulture)], parameters, ct));
        }
    }
}
