using System.Data.Common;
using Dapper;

namespace Feedback.Data.Connections;

/// <summary>One connection and, for writes, its transaction. Disposing without commit rolls back.</summary>
public sealed class DbSession(DbConnection connection, DbTransaction? transaction, SemaphoreSlim? writerGate = null) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;
    public DbTransaction? Transaction { get; } = transaction;

    public CommandDefinition Command(string sql, object? parameters, CancellationToken ct) =>
        new(sql, parameters, Transaction, cancellationToken: ct);

    public Task CommitAsync(CancellationToken ct) =>
        Transaction?.CommitAsync(ct) ?? throw new InvalidOperationException("This session has no transaction.");

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Transaction is not null) await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
        finally
        {
            writerGate?.Release();
        }
    }
}
