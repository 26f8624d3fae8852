namespace Feedback.Api.Tests.Recording;

/// <summary>The differential itself: it pairs rows by natural keys, translates ids, and misses no changed column.</summary>
public sealed class DifferentialTests
{
    static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    // One client, one episode, two SRS ratings (the second naming the first in its feedback), one alert on the second.
    static Stored Tenant(string prefix, bool imported, Action<Dictionary<string, Dictionary<string, object?>>>? change = null)
    {
        string Id(char c) => prefix + new string(c, 25);
        var rows = new Dictionary<string, Dictionary<string, object?>>
        {
            ["a1"] = Administration(Id('A'), Id('E'), "2026-05-01 10:00:00", null, imported),
            ["a2"] = Administration(Id('B'), Id('E'), "2026-05-08 10:00:00", $$$"""{"kind":"alliance","rupture":{"sinceAdministrationId":"{{{Id('A')}}}"}}""", imported),
            ["e"] = new() { ["id"] = Id('E'), ["tenant_id"] = imported ? 2L : 1L, ["client_id"] = "c", ["opened_at"] = "2026-05-01 10:00:00", ["closed_at"] = null, ["import_key"] = null },
            ["c"] = new() { ["tenant_id"] = imported ? 2L : 1L, ["client_id"] = "c", ["age_group"] = "adult", ["created_at"] = "2026-06-01 12:00:00" },
            ["alert"] = new()
            {
                ["id"] = Id('K'), ["tenant_id"] = imported ? 2L : 1L, ["client_id"] = "c", ["episode_id"] = Id('E'), ["administration_id"] = Id('B'),
                ["instrument"] = "SRS", ["kind"] = "alliance_rupture", ["item"] = null, ["rater"] = "client", ["status"] = "open",
                ["imported"] = imported ? 1L : 0L, ["created_at"] = imported ? "2026-05-08 10:00:00" : "2026-06-01 12:00:00",
                ["resolved_at"] = null, ["resolved_reason"] = null, ["resolved_by_administration_id"] = null,
            },
        };
        change?.Invoke(rows);
        return new Stored
        {
            Rows = new()
            {
                ["administrations"] = [rows["a1"], rows["a2"]], ["episodes"] = [rows["e"]], ["clients"] = [rows["c"]], ["alerts"] = [rows["alert"]],
                ["webhook_deliveries"] = [], ["webhook_endpoints"] = [],
            },
        };
    }

    static Dictionary<string, object?> Administration(string id, string episode, string at, string? feedback, bool imported) => new()
    {
        ["id"] = id, ["tenant_id"] = imported ? 2L : 1L, ["client_id"] = "c", ["episode_id"] = episode, ["instrument"] = "SRS", ["rater"] = "client",
        ["administered_at"] = at, ["items_json"] = "[9.0,9.0,9.0,9.0]", ["total"] = 36.0, ["feedback_json"] = feedback, ["received_at"] = "2026-06-01 12:00:00",
        ["source"] = imported ? "import" : "api", ["episode_opened"] = null,
    };

    static Differential Compare(Stored imported, Stored live) =>
        new Differential { ImportedAt = Now, LiveSince = Now.AddDays(-100) }.Compare(imported, live);

    [Fact]
    public void Equal_histories_under_other_ids_pair_every_row_and_differ_in_nothing()
    {
        var diff = Compare(Tenant("1", imported: true), Tenant("2", imported: false));
        diff.Differences.ShouldBeEmpty();
        (diff.Paired["administrations"], diff.Paired["episodes"], diff.Paired["clients"], diff.Paired["alerts"]).ShouldBe((2, 1, 1, 1));
    }

    [Fact]
    public void A_changed_column_an_id_pointing_elsewhere_and_a_missing_row_are_each_reported()
    {
        Compare(Tenant("1", true, r => r["a2"]["total"] = 36.1), Tenant("2", false)).Differences.Single().Text.ShouldContain("administrations.total");
        Compare(Tenant("1", true, r => r["a2"]["feedback_json"] = """{"kind":"alliance","rupture":{"sinceAdministrationId":"1BBBBBBBBBBBBBBBBBBBBBBBBB"}}"""),
            Tenant("2", false)).Differences.Single().Text.ShouldContain("administrations.feedback_json");
        Compare(Tenant("1", true, r => r["alert"]["status"] = "resolved"), Tenant("2", false)).Differences.Single().Text.ShouldContain("alerts.status");
        Compare(Tenant("1", true, r => r["alert"]["kind"] = "alliance_concern"), Tenant("2", false)).Differences.Count.ShouldBe(2, "one only imported, one only live");
        // What the docs let differ must differ as the docs say: a live-looking source or flag on an imported row is reported.
        Compare(Tenant("1", true, r => r["a1"]["source"] = "api"), Tenant("2", false)).Differences.Single().Text.ShouldContain("source");
        Compare(Tenant("1", true, r => r["alert"]["created_at"] = "2026-06-01 12:00:00"), Tenant("2", false)).Differences.Single().Text.ShouldContain("created_at");
    }
}
