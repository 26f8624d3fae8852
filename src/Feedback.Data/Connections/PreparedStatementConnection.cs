using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Feedback.Data.Connections;

/// <summary>
/// The SQLite writer's connection, keeping each statement prepared for the next time. Dapper creates a new
/// command per call, and Microsoft.Data.Sqlite keeps prepared statements only per command object (dotnet/efcore#14044),
/// so every statement was parsed and planned again for every submission: about 15 statements a submission, on the one
/// writer every submission waits for. Here a command's text finds its prepared command, which is bound with this call's
/// parameters and run. Only for a connection one caller uses at a time (the group commit's drain loop), which reads every
/// result to its end before the next statement. At most <see cref="MaxStatements"/> texts are kept: the statements are
/// the repositories' constant strings (about 110), so a full cache means texts built per call, and it starts again empty.
/// Every statement run through it is counted in <see cref="WriterMetrics"/> but those of <see cref="RunUncounted"/>.
/// </summary>
sealed class PreparedStatementConnection(SqliteConnection inner, WriterMetrics? metrics = null) : DbConnection
{
    internal const int MaxStatements = 256;

    readonly WriterMetrics? metrics = metrics;
    readonly Dictionary<string, SqliteCommand> prepared = new(StringComparer.Ordinal);

    internal int Count => prepared.Count;

    /// <summary>The prepared command for this text (prepared at its first run).</summary>
    internal SqliteCommand CommandFor(string text)
    {
        if (prepared.TryGetValue(text, out var command)) return command;
        if (prepared.Count >= MaxStatements) DisposePrepared();
        command = inner.CreateCommand();
        command.CommandText = text;
        prepared.Add(text, command);
        return command;
    }

    /// <summary>The group commit's own statements (SAVEPOINT, RELEASE), which are not the work's.</summary>
    internal void RunUncounted(string text, DbTransaction transaction)
    {
        var command = CommandFor(text);
        command.Transaction = (SqliteTransaction)transaction;
        command.Parameters.Clear();
        command.ExecuteNonQuery();
    }

    void DisposePrepared()
    {
        foreach (var command in prepared.Values) command.Dispose();
        prepared.Clear();
    }

    [AllowNull]
    public override string ConnectionString { get => inner.ConnectionString; set => inner.ConnectionString = value; }
    public override string Database => inner.Database;
    public override string DataSource => inner.DataSource;
    public override string ServerVersion => inner.ServerVersion;
    public override ConnectionState State => inner.State;
    public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);
    public override void Open() => inner.Open();
    public override Task OpenAsync(CancellationToken cancellationToken) => inner.OpenAsync(cancellationToken);
    public override void Close() => inner.Close();
    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => inner.BeginTransaction(isolationLevel);
    protected override ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken) =>
        inner.BeginTransactionAsync(isolationLevel, cancellationToken);
    protected override DbCommand CreateDbCommand() => new Command(this);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            DisposePrepared();
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>What Dapper fills in (text, parameters, transaction), run on the prepared command of its text.</summary>
    sealed class Command(PreparedStatementConnection connection) : DbCommand
    {
        // A command of its own only to hold the parameters: Microsoft.Data.Sqlite's collection has no public constructor.
        readonly SqliteCommand parameters = new();

        [AllowNull] public override string CommandText { get; set; } = "";
        public override int CommandTimeout { get; set; } = 30;
        public override CommandType CommandType { get; set; } = CommandType.Text;
        public override bool DesignTimeVisible { get; set; }
        public override UpdateRowSource UpdatedRowSource { get; set; }
        protected override DbConnection? DbConnection { get => connection; set => throw new NotSupportedException(); }
        protected override DbParameterCollection DbParameterCollection => parameters.Parameters;
        protected override DbTransaction? DbTransaction { get; set; }
        public override void Cancel() { }
        public override void Prepare() { }
        protected override DbParameter CreateDbParameter() => new SqliteParameter();

        // The prepared command takes this call's parameters and transaction; its reader's Dispose resets its statements.
        SqliteCommand Bound()
        {
            if (CommandType != CommandType.Text) throw new NotSupportedException("Only text commands.");
            var command = connection.CommandFor(CommandText);
            connection.metrics?.StatementRun();
            command.Transaction = (SqliteTransaction?)DbTransaction;
            command.CommandTimeout = CommandTimeout;
            command.Parameters.Clear();
            foreach (SqliteParameter parameter in parameters.Parameters) command.Parameters.Add(parameter);
            return command;
        }

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Bound().ExecuteReader(behavior);
        public override int ExecuteNonQuery() => Bound().ExecuteNonQuery();
        public override object? ExecuteScalar() => Bound().ExecuteScalar();

        protected override void Dispose(bool disposing)
        {
            if (disposing) parameters.Dispose();
            base.Dispose(disposing);
        }
    }
}
