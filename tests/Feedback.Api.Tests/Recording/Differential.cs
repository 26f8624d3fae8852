using System.Globalization;
using System.Text.RegularExpressions;
using Feedback.Api.Webhooks;
using Feedback.Data.Tenants;
using Feedback.Data.Webhooks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.Tests.Recording;

/// <summary>
/// The service for an import-versus-live differential: tenant-a (Ehr) gets a history one POST per administration,
/// tenant-b (OtherClinic) the same history as an import. Each tenant has one webhook endpoint for every event type, and
/// the delivery worker is off, so the outbox rows stay as the write path queued them.
/// </summary>
public abstract class DifferentialApp : App
{
    public const string LiveTenant = "tenant-a", ImportTenant = "tenant-b";

    /// <summary>Import:LiveWindowHours of the service under test.</summary>
    public abstract int LiveWindowHours { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Import:LiveWindowHours", LiveWindowHours.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Webhooks:Enabled", "false");
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var db = Services.GetRequiredService<Feedback.Data.Connections.Database>();
        await using var tx = await db.BeginAsync(CancellationToken.None);
        foreach (var tenant in new[] { LiveTenant, ImportTenant })
        {
            var id = (await Services.GetRequiredService<TenantRepository>().FindIdByNameAsync(tx, tenant, CancellationToken.None))!.Value;
            await Services.GetRequiredService<WebhookRepository>().InsertEndpointAsync(tx, id, new WebhookEndpointRow
            {
                Id = Ulid.NewUlid().ToString(), Url = "https://receiver.test/hooks", Enabled = true, MinPriority = "normal",
                EventTypes = "alert.created,alert.acknowledged,alert.resolved,administration.created",
                Secret = Services.GetRequiredService<SecretProtector>().Protect(WebhookSignature.NewSecret()),
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            }, CancellationToken.None);
        }
        await tx.CommitAsync(CancellationToken.None);
    }
}

/// <summary>One tenant's stored rows of the tables the write path fills, every column, read from the SQLite file.</summary>
public sealed class Stored
{
    public static readonly string[] Tables = ["administrations", "alerts", "episodes", "clients", "webhook_deliveries", "webhook_endpoints"];

    public required Dictionary<string, List<Dictionary<string, object?>>> Rows { get; init; }

    public List<Dictionary<string, object?>> this[string table] => Rows[table];

    public static async Task<Stored> ReadAsync(string databaseFile, string tenant)
    {
        await using var db = new SqliteConnection($"Data Source={databaseFile};Pooling=False;Mode=ReadOnly");
        await db.OpenAsync();
        var rows = new Dictionary<string, List<Dictionary<string, object?>>>();
        foreach (var table in Tables)
        {
            await using var cmd = db.CreateCommand();
            cmd.CommandText = $"SELECT * FROM {table} WHERE tenant_id = (SELECT id FROM tenants WHERE name = $tenant)";
            cmd.Parameters.AddWithValue("$tenant", tenant);
            await using var reader = await cmd.ExecuteReaderAsync();
            var list = new List<Dictionary<string, object?>>();
            while (await reader.ReadAsync())
            {
                var row = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i < reader.FieldCount; i++)
                    row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                list.Add(row);
            }
            rows[table] = list;
        }
        return new Stored { Rows = rows };
    }

    /// <summary>A stored instant (UTC text) as a time.</summary>
    public static DateTimeOffset At(object? value) =>
        DateTimeOffset.Parse((string)value!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}

/// <summary>
/// Compares what an import stored (tenant-b) with what live POSTs stored (tenant-a), column by column, every column the
/// schema has (a column added later is compared without a change here). Rows are paired by natural keys, never by ids:
/// administrations by client, instrument, rater, administeredAt and items (the exact-duplicate key of api.md), episodes
/// through their administrations, alerts by their administration, kind, item and rater. The import's ids are then
/// translated to the live ones wherever they appear (episode_id, feedback's sinceAdministrationId, event payloads).
/// What the docs say differs between the two paths is checked against the docs and only then left out; see Normalised.
/// </summary>
public sealed class Differential
{
    /// <summary>The import's time (the frozen clock) and the start of its live window (interop.md 4.3).</summary>
    public required DateTimeOffset ImportedAt { get; init; }
    public required DateTimeOffset LiveSince { get; init; }

    /// <summary>Episodes an import's episodeKey made, by client and key: when they open and close (docs/bulk.md, "Episode keys").</summary>
    public Dictionary<(string Client, string Key), (DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt)> KeyedEpisodes { get; init; } = [];

    /// <summary>What differs, with the client it concerns (null when none can be named).</summary>
    public List<Difference> Differences { get; } = [];
    /// <summary>Rows paired (and so compared) per table; for webhook_deliveries, the import's events.</summary>
    public Dictionary<string, int> Paired { get; } = [];
    /// <summary>Live events the import is documented not to queue: administration.created, and those of history alerts.</summary>
    public int AdministrationEventsLeftOut { get; private set; }
    public int HistoryEventsLeftOut { get; private set; }
    /// <summary>Imported alerts older than the live window, compared bar their history status.</summary>
    public int HistoryAlerts { get; private set; }

    readonly Dictionary<string, string> ids = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> clientOf = new(StringComparer.Ordinal);
    static readonly Regex Ulid = new(@"\b[0-9A-HJKMNP-TV-Z]{26}\b", RegexOptions.CultureInvariant);

    object? Translate(object? value) => value is string { Length: >= 26 } s ? Ulid.Replace(s, m => ids.TryGetValue(m.Value, out var to) ? to : m.Value) : value;

    void Differ(string what) => Differences.Add(new(null, what));

    void Differ(object? client, string what) => Differences.Add(new(client as string, what));

    Action<string> About(Dictionary<string, object?> row) => what => Differ(row["client_id"], what);

    public Differential Compare(Stored imported, Stored live)
    {
        var admins = Pair("administrations", imported, live, r => $"{r["client_id"]} {r["instrument"]} {r["rater"]} {r["administered_at"]} {r["items_json"]}");
        foreach (var (i, l) in admins)
        {
            Map(i["id"], l["id"]);
            if (ids.TryGetValue((string)i["episode_id"]!, out var episode) && episode != (string)l["episode_id"]!)
                Differ(l["client_id"], $"administration {l["client_id"]} {l["administered_at"]}: in another episode than the live one's sibling administrations");
            Map(i["episode_id"], l["episode_id"]);
        }
        var byLiveEpisode = ids.GroupBy(p => p.Value).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (byLiveEpisode.Count > 0) Differ($"{byLiveEpisode.Count} live ids paired with several imported rows");
        var episodes = Pair("episodes", imported, live, r => ids.TryGetValue((string)r["id"]!, out var to) ? to : (string)r["id"]!, liveKey: r => (string)r["id"]!);
        var clients = Pair("clients", imported, live, r => (string)r["client_id"]!);
        var alerts = Pair("alerts", imported, live,
            r => $"{Translate(r["administration_id"])} {r["kind"]} {r["item"]} {r["rater"]}", liveKey: r => $"{r["administration_id"]} {r["kind"]} {r["item"]} {r["rater"]}");
        foreach (var (i, l) in alerts) Map(i["id"], l["id"]);
        if (imported["webhook_endpoints"].Count == 1 && live["webhook_endpoints"].Count == 1)
            Map(imported["webhook_endpoints"][0]["id"], live["webhook_endpoints"][0]["id"]);

        var importedAdministrations = imported["administrations"].ToDictionary(r => (string)r["id"]!);
        var keyedEpisodes = imported["episodes"].Where(e => e["import_key"] is not null).Select(e => (string)e["id"]!).ToHashSet();
        foreach (var (i, l) in admins) Same("administrations", i, l, Normalised.Administration(i, l, keyedEpisodes, About(l)));
        foreach (var episode in keyedEpisodes.Where(e => imported["administrations"].Count(a => (string)a["episode_id"]! == e && a["episode_opened"] is not null) != 1))
            Differ($"episode {episode} of a key: not exactly one administration says it made it");
        foreach (var (i, l) in episodes) Same("episodes", i, l, Normalised.Episode(i, KeyedEpisodes, About(l)));
        foreach (var (i, l) in clients) Same("clients", i, l, []);
        var history = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, l) in alerts)
        {
            var skip = Normalised.Alert(i, l, importedAdministrations, ImportedAt, LiveSince, About(l), out var isHistory);
            if (isHistory) history.Add((string)l["id"]!);
            Same("alerts", i, l, skip);
        }
        HistoryAlerts = history.Count;
        foreach (var row in new[] { imported, live }.SelectMany(t => t["alerts"].Concat(t["administrations"]))) clientOf[(string)row["id"]!] = (string)row["client_id"]!;
        CompareEvents(imported["webhook_deliveries"], live["webhook_deliveries"], history);
        return this;
    }

    string? ClientOfEvent(string normalised) =>
        Ulid.Matches(normalised).Select(m => clientOf.GetValueOrDefault(m.Value)).FirstOrDefault(c => c is not null);

    void Map(object? from, object? to) => ids[(string)from!] = (string)to!;

    List<(Dictionary<string, object?> Imported, Dictionary<string, object?> Live)> Pair(string table, Stored imported, Stored live,
        Func<Dictionary<string, object?>, string> key, Func<Dictionary<string, object?>, string>? liveKey = null) =>
        PairBy(table, imported[table], live[table], key, liveKey ?? key);

    List<(Dictionary<string, object?>, Dictionary<string, object?>)> PairBy(string table, List<Dictionary<string, object?>> imported,
        List<Dictionary<string, object?>> live, Func<Dictionary<string, object?>, string> importedKey, Func<Dictionary<string, object?>, string> liveKey)
    {
        var pairs = new List<(Dictionary<string, object?>, Dictionary<string, object?>)>();
        var byKey = live.GroupBy(liveKey).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var ambiguous in byKey.Where(g => g.Value.Count > 1)) Differ($"{table}: {ambiguous.Value.Count} live rows share the key {ambiguous.Key}");
        var seen = new HashSet<string>();
        foreach (var row in imported)
        {
            var key = importedKey(row);
            if (!seen.Add(key)) Differ($"{table}: several imported rows share the key {key}");
            else if (byKey.TryGetValue(key, out var match)) pairs.Add((row, match[0]));
            else Differ(row.GetValueOrDefault("client_id"), $"{table}: only imported: {Describe(row)}");
        }
        foreach (var (key, rows) in byKey.Where(g => !seen.Contains(g.Key)))
            Differ(rows[0].GetValueOrDefault("client_id"), $"{table}: only live: {Describe(rows[0])}");
        Paired[table] = pairs.Count;
        return pairs;
    }

    static string Describe(Dictionary<string, object?> row) => string.Join(", ", row.Where(c => c.Value is not null).Select(c => $"{c.Key}={c.Value}"));

    void Same(string table, Dictionary<string, object?> imported, Dictionary<string, object?> live, IReadOnlyCollection<string> normalised)
    {
        foreach (var column in live.Keys.Union(imported.Keys))
        {
            if (column is "id" or "tenant_id" || normalised.Contains(column)) continue;
            var i = Translate(imported.GetValueOrDefault(column));
            var l = live.GetValueOrDefault(column);
            if (!Equals(i, l))
                Differ(live.GetValueOrDefault("client_id"), $"{table}.{column} of {live.GetValueOrDefault("client_id")} {live.GetValueOrDefault("instrument")} {live.GetValueOrDefault("kind")} "
                    + $"{live.GetValueOrDefault("administered_at") ?? live.GetValueOrDefault("created_at")}: imported {i ?? "null"}, live {l ?? "null"}");
        }
    }

    // interop.md 2.2 and 4.3: an import announces no administration and none of the alerts it stores as history; every
    // other event is the one a live submission queued, its ids translated and its "imported" flag aside.
    void CompareEvents(List<Dictionary<string, object?>> imported, List<Dictionary<string, object?>> live, HashSet<string> historyAlerts)
    {
        string Normal(Dictionary<string, object?> row, bool fromImport)
        {
            var payload = JsonNode.Parse((string)(fromImport ? Translate(row["payload"]) : row["payload"])!)!;
            var data = payload["data"]!.AsObject();
            if (data["imported"] is { } flag)
            {
                if (flag.GetValue<bool>() != fromImport) Differ($"event {row["event_type"]}: imported is {flag}, from the {(fromImport ? "import" : "live path")}");
                data.Remove("imported");
            }
            var columns = row.Where(c => c.Key is not ("id" or "tenant_id" or "message_id" or "payload"))
                .Select(c => $"{c.Key}={(fromImport ? Translate(c.Value) : c.Value)}").OrderBy(c => c, StringComparer.Ordinal);
            return $"{payload.ToJsonString()} {string.Join(" ", columns)}";
        }
        foreach (var e in imported.Where(e => (string)e["event_type"]! == "administration.created"))
            Differ($"the import announced an administration: {e["payload"]}");
        var liveEvents = new List<string>();
        foreach (var e in live)
        {
            if ((string)e["event_type"]! == "administration.created") { AdministrationEventsLeftOut++; continue; }
            var alertId = JsonNode.Parse((string)e["payload"]!)!["data"]!["alertId"]?.GetValue<string>();
            if (alertId is not null && historyAlerts.Contains(alertId)) { HistoryEventsLeftOut++; continue; }
            liveEvents.Add(Normal(e, fromImport: false));
        }
        var importEvents = imported.Select(e => Normal(e, fromImport: true)).ToList();
        Paired["webhook_deliveries"] = importEvents.Count;
        var remaining = liveEvents.GroupBy(e => e).ToDictionary(g => g.Key, g => g.Count());
        foreach (var e in importEvents)
        {
            if (remaining.TryGetValue(e, out var n) && n > 0) remaining[e] = n - 1;
            else Differ(ClientOfEvent(e), $"event only imported: {e}");
        }
        foreach (var (e, n) in remaining.Where(r => r.Value > 0)) Differ(ClientOfEvent(e), $"event only live (x{n}): {e}");
    }
}

public sealed record Difference(string? Client, string Text)
{
    public override string ToString() => Text;
}

/// <summary>
/// The only fields allowed to differ between an imported and a live row, each because the docs say so; each is checked
/// against what the docs say before it is left out of the comparison. Answers the columns left out.
/// </summary>
static class Normalised
{
    /// <summary>
    /// docs/bulk.md, "source": administrations.source is import for an imported row, api for a REST one. And "Episode keys":
    /// the first line of a key makes its episode, so that line's administration says it opened it (first); live, the
    /// episode was opened by a request of its own (POST .../episodes), so no administration did (checked per episode by
    /// the caller: exactly one administration of a keyed episode opened it).
    /// </summary>
    public static string[] Administration(Dictionary<string, object?> imported, Dictionary<string, object?> live, HashSet<string> keyedEpisodes, Action<string> differ)
    {
        if ((imported["source"], live["source"]) is not ("import", "api"))
            differ($"administrations.source of {live["client_id"]} {live["administered_at"]}: imported {imported["source"]}, live {live["source"]}");
        if (!keyedEpisodes.Contains((string)imported["episode_id"]!)) return ["source"];
        if (imported["episode_opened"] is not (null or "first") || live["episode_opened"] is not null)
            differ($"administrations.episode_opened of {live["client_id"]} {live["administered_at"]} in a keyed episode: imported {imported["episode_opened"]}, live {live["episode_opened"]}");
        return ["source", "episode_opened"];
    }

    /// <summary>
    /// docs/bulk.md, "Episode keys": the first line of a key makes its episode, opened at its earliest line and closed at
    /// episodeClosedAt, with the key stored. A live episode opens and closes at the time of its request (POST .../episodes,
    /// POST .../close), which a live caller cannot date back: for those three columns the import's values are checked
    /// against the lines instead.
    /// </summary>
    public static string[] Episode(Dictionary<string, object?> imported, Dictionary<(string, string), (DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt)> keyed,
        Action<string> differ)
    {
        if (imported["import_key"] is not string key) return [];
        if (!keyed.TryGetValue(((string)imported["client_id"]!, key), out var expected))
            differ($"episode {imported["client_id"]} {key}: a key the lines did not send");
        else if (Stored.At(imported["opened_at"]) != expected.OpenedAt || (imported["closed_at"] is null ? null : (DateTimeOffset?)Stored.At(imported["closed_at"])) != expected.ClosedAt)
            differ($"episode {imported["client_id"]} {key}: opened {imported["opened_at"]} closed {imported["closed_at"] ?? "null"}, the lines say {expected.OpenedAt:O} {expected.ClosedAt:O}");
        return ["opened_at", "closed_at", "import_key"];
    }

    /// <summary>
    /// interop.md 4.3 and docs/bulk.md, "Imported alerts": an imported alert is imported (a live one is not) and dated as of
    /// its administration (createdAt = administeredAt; a live one at the request's time). One whose administration is older
    /// than the live window is history: resolved at the import's time, reason imported_history, resolved by no
    /// administration (later lines resolve only current alerts); its live twin's status is whatever later live
    /// submissions made it, so those four columns are checked against the docs instead.
    /// </summary>
    public static List<string> Alert(Dictionary<string, object?> imported, Dictionary<string, object?> live, Dictionary<string, Dictionary<string, object?>> importedAdministrations,
        DateTimeOffset importedAt, DateTimeOffset liveSince, Action<string> differ, out bool history)
    {
        var what = $"alert {live["kind"]} of {live["client_id"]} {live["instrument"]}";
        if ((imported["imported"], live["imported"]) is not (1L, 0L))
            differ($"{what}: imported flag {imported["imported"]} (import) and {live["imported"]} (live)");
        var createdAt = Stored.At(imported["created_at"]);
        // Raised while recording one administration: its own, or (alliance_discrepancy) the later of a same-session pair,
        // the alert then dated as of the one being recorded.
        var own = importedAdministrations[(string)imported["administration_id"]!];
        var datedRight = createdAt == Stored.At(own["administered_at"])
            || (string)imported["kind"]! == "alliance_discrepancy" && importedAdministrations.Values.Any(a => (string)a["episode_id"]! == (string)own["episode_id"]!
                && Equals(a["instrument"], own["instrument"]) && !Equals(a["rater"], own["rater"]) && Stored.At(a["administered_at"]) == createdAt);
        if (!datedRight) differ($"{what}: created_at {imported["created_at"]}, not its administration's time {own["administered_at"]}");
        if (Stored.At(live["created_at"]) != importedAt) differ($"{what}: live created_at {live["created_at"]}, not the request's time");
        history = createdAt < liveSince;
        if (!history) return ["imported", "created_at"];
        if ((imported["status"], imported["resolved_reason"], imported["resolved_by_administration_id"]) is not ("resolved", "imported_history", null)
            || Stored.At(imported["resolved_at"]) != importedAt)
            differ($"{what}: history stored as {imported["status"]} {imported["resolved_reason"]} at {imported["resolved_at"]} by {imported["resolved_by_administration_id"]}");
        return ["imported", "created_at", "status", "resolved_reason", "resolved_at", "resolved_by_administration_id"];
    }
}
