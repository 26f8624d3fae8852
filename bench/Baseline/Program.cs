using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;

// Baseline for bench/load.sh: parse the same JSON, INSERT the same row into SQLite with the same settings
// (WAL, synchronous=FULL, foreign keys, busy timeout), answer 201. No auth, validation, scoring or feedback.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
    o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
});
var app = builder.Build();
var connectionString = new SqliteConnectionStringBuilder { DataSource = args.SkipWhile(a => a != "--db").Skip(1).FirstOrDefault() ?? "baseline.db" }.ToString();
// --sync NORMAL measures what synchronous=FULL costs; Feedback itself always runs FULL.
var synchronous = args.SkipWhile(a => a != "--sync").Skip(1).FirstOrDefault() == "NORMAL" ? "NORMAL" : "FULL";

using (var setup = new SqliteConnection(connectionString))
{
    setup.Open();
    using var cmd = setup.CreateCommand();
    cmd.CommandText = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS administrations (
            id TEXT PRIMARY KEY, tenant_id INTEGER NOT NULL, client_id TEXT NOT NULL, episode_id TEXT NOT NULL,
            instrument TEXT NOT NULL, rater TEXT NOT NULL, session_number INTEGER NULL, clinician_id TEXT NULL,
            administered_at TEXT NOT NULL, received_at TEXT NOT NULL, items_json TEXT NOT NULL, total NUMERIC NOT NULL,
            prorated INTEGER NOT NULL, severity TEXT NULL, clinical_range INTEGER NULL, subscales_json TEXT NOT NULL,
            feedback_json TEXT NULL, content_hash TEXT NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS ux_content ON administrations (tenant_id, content_hash);
        CREATE INDEX IF NOT EXISTS ix_client ON administrations (tenant_id, client_id, administered_at, id);
        CREATE INDEX IF NOT EXISTS ix_episode ON administrations (tenant_id, episode_id, instrument, rater, administered_at);
        """;
    cmd.ExecuteNonQuery();
}

app.MapPost("/v1/clients/{clientId}/administrations", async (string clientId, Submission s, CancellationToken ct) =>
{
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync(ct);
    await using (var pragmas = connection.CreateCommand())
    {
        pragmas.CommandText = $"PRAGMA foreign_keys = ON; PRAGMA synchronous = {synchronous}; PRAGMA busy_timeout = 10000;";
        await pragmas.ExecuteNonQueryAsync(ct);
    }
    var id = Guid.CreateVersion7().ToString("N")[..26];
    var items = JsonSerializer.Serialize(s.Items);
    var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{clientId}\n{s.Instrument}\n{s.AdministeredAt:O}\n{items}")));
    await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
    await using (var insert = connection.CreateCommand())
    {
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO administrations (id, tenant_id, client_id, episode_id, instrument, rater, session_number, clinician_id,
              administered_at, received_at, items_json, total, prorated, severity, clinical_range, subscales_json, feedback_json, content_hash)
            VALUES ($id, 1, $client, $episode, $instrument, 'client', $session, NULL, $at, $now, $items, $total, 0, NULL, NULL, '{}', NULL, $hash);
            """;
        insert.Parameters.AddWithValue("$id", id);
        insert.Parameters.AddWithValue("$client", clientId);
        insert.Parameters.AddWithValue("$episode", "E" + clientId);
        insert.Parameters.AddWithValue("$instrument", s.Instrument);
        insert.Parameters.AddWithValue("$session", (object?)s.SessionNumber ?? DBNull.Value);
        insert.Parameters.AddWithValue("$at", s.AdministeredAt.UtcDateTime);
        insert.Parameters.AddWithValue("$now", DateTime.UtcNow);
        insert.Parameters.AddWithValue("$items", items);
        insert.Parameters.AddWithValue("$total", s.Items.Sum(i => i ?? 0));
        insert.Parameters.AddWithValue("$hash", hash);
        await insert.ExecuteNonQueryAsync(ct);
    }
    await tx.CommitAsync(ct);
    return Results.Json(new Receipt(id, clientId), statusCode: 201);
});
app.Run();

sealed record Submission(string Instrument, DateTimeOffset AdministeredAt, int? SessionNumber, decimal?[] Items);
sealed record Receipt(string Id, string ClientId);

