using static Feedback.Api.Tests.Features.Bulk.Bulk;

namespace Feedback.Api.Tests.Features.Import;

/// <summary>
/// The fields only an export line carries (docs/bulk.md, "Round trip": id, episode, receivedAt, score, feedback, model,
/// rulesVersion, source) are refused on a line without "type", each named in the line's errors; nothing is stored.
/// </summary>
public sealed class ExportOnlyFieldsTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task Each_export_only_field_on_a_line_without_type_is_an_error_of_its_own()
    {
        var line = Line("eo-1", "eo-c", "PHQ-9", [1, 1, 1, 1, 1, 1, 1, 1, 0], app.Clock.GetUtcNow().AddDays(-3));
        line["id"] = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
        line["episode"] = new { id = "01ARZ3NDEKTSV4RRFFQ69G5FAV", opened = true, reason = "first" };
        line["receivedAt"] = app.Clock.GetUtcNow().AddDays(-3);
        line["score"] = new { total = 8 };
        line["feedback"] = new { kind = "outcome" };
        line["model"] = "power-decay-v1.1";
        line["rulesVersion"] = "alerts-v1.2";
        line["source"] = "api";

        var before = await app.CountRowsAsync();
        var imported = await ImportAsync(app.Admin, [line]);
        var result = imported.Results.ShouldHaveSingleItem();
        result["status"]!.GetValue<string>().ShouldBe("invalid");
        result["errors"]!.AsObject().Select(e => e.Key)
            .ShouldBe(["id", "episode", "receivedAt", "score", "feedback", "model", "rulesVersion", "source"], ignoreOrder: true);
        result["errors"]!["source"]![0]!.GetValue<string>().ShouldBe("Only on an export line (\"type\": \"administration\").");
        (await app.CountRowsAsync()).ShouldBe(before + 1); // the import's own audit entry
    }
}
