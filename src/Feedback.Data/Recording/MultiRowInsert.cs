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

    /// <summary>
    /// Sends the rows in chunks: each row's values in column order, bound under the row's names. The command is built
    /// here rather than by Dapper, whose parameter names lose their "@" (Microsoft.Data.Sqlite then tries "@", "$" and ":"
    /// for each, each a scan of the statement's names: 43% of an import's writes).
    /// </summary>
    public static async Task RunAsync<T>(DbSession s, long tenantId, IReadOnlyDictionary<string, string> sqls, IReadOnlyList<string> columns,
        IReadOnlyList<T> rows, Func<T, object?[]> values, CancellationToken ct)
    {
        var names = NamesOf(columns);
        for (var start = 0; start < rows.Count; start += ChunkRows)
        {
            var count = Math.Min(ChunkRows, rows.Count - start);
            await using var command = s.Connection.CreateCommand();
            command.Transaction = s.Transaction;
            command.CommandText = sqls[count.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            Bind(command, "@TenantId", tenantId);
            for (var row = 0; row < count; row++)
            {
                var rowValues = values(rows[start + row]);
                for (var c = 0; c < columns.Count; c++) Bind(command, names[row][c], rowValues[c]);
            }
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    static readonly System.Collections.Concurrent.ConcurrentDictionary<IReadOnlyList<string>, string[][]> Names = new();

    static string[][] NamesOf(IReadOnlyList<string> columns) =>
        Names.GetOrAdd(columns, cs => [.. Enumerable.Range(0, ChunkRows).Select(row => cs.Select(c => Parameter(c, row)).ToArray())]);

    // As Dapper binds them: an instant as UTC datetime2 (DateTimeOffsetHandler), a string of size 4000 or -1 (nvarchar(4000)
    // or nvarchar(max) on SQL Server, so one statement keeps one plan whatever the lengths).
    static void Bind(System.Data.Common.DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        switch (value)
        {
            case null:
                parameter.Value = DBNull.Value;
                break;
            case DateTimeOffset at:
                DateTimeOffsetHandler.Bind(parameter, at);
                break;
            case bool flag:
                parameter.DbType = System.Data.DbType.Boolean;
                parameter.Value = flag;
                break;
            case string text:
                parameter.DbType = System.Data.DbType.String;
                parameter.Size = text.Length <= 4000 ? 4000 : -1;
                parameter.Value = text;
                break;
            default:
                parameter.Value = value;
                break;
        }
        command.Parameters.Add(parameter);
    }
}
