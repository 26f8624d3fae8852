using System.Text;
using Microsoft.Extensions.DependencyInjection;
using static Feedback.Api.Tests.Features.Bulk.Bulk;

namespace Feedback.Api.Tests.Features.Bulk;

/// <summary>
/// GET /v1/export/administrations over real HTTP (interop.md 4.2): every administration as GET answers it, in NDJSON and
/// CSV, across batch boundaries; snapshot and resume; filters; CSV injection; refusals; the audit entry.
/// </summary>
public sealed class ExportTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_spreadsheet_never_reads_a_field_as_a_formula()
    {
        var at = app.Clock.GetUtcNow().AddDays(-3);
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("-1.5"), new { ageGroup = "adult", clinicianId = "-cmd" }, Ct)).EnsureSuccessStatusCode();
        (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("-1.5"), Http.Phq9([1, 1, 1, 1, 1, 1, 1, 1, 0], at), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var csv = ParseCsv(await (await app.Admin.GetAsync(ApiRoutes.ExportAdministrationsPath + "?format=csv", Ct)).Content.ReadAsStringAsync(Ct));
        var row = csv.Single(r => r[1].Contains("1.5"));
        (row[1], row[6]).ShouldBe(("'-1.5", "'-cmd"));
        // The NDJSON keeps the value as stored.
        (await ExportAsync(app.Admin)).Rows.ShouldContain(r => r["clientId"]!.GetValue<string>() == "-1.5");
    }

    [Theory]
    [InlineData("?format=xml", "format")]
    [InlineData("?from=2026-13-01", "from")]
    [InlineData("?from=2026-01-01T10:00:00", "from")]
    [InlineData("?from=2026-02-01&to=2026-01-01", "to")]
    [InlineData("?instrument=phq-9", "instrument")]
    [InlineData("?cursor=not-a-cursor", "cursor")]
    [InlineData("?snapshot=01JD", "snapshot")]
    [InlineData("?snapshot=01jdx5r7t9v1w3x5y7z9a1b3c5", "snapshot")]
    [InlineData("?clientId=c-1", "clientId")]
    public async Task Bad_input_is_a_400_naming_the_parameter(string query, string field)
    {
        var problem = await (await app.Admin.GetAsync(ApiRoutes.ExportAdministrationsPath + query, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]![field].ShouldNotBeNull(problem.ToJsonString());
    }

    [Fact]
    public async Task One_export_per_tenant_at_a_time_and_each_is_audited_with_its_snapshot_and_row_count()
    {
        await Bulk.SeedAsync(app, "au");
        await Bulk.SqlAsync(app, "INSERT INTO tenant_leases (tenant_id, kind, holder, expires_at) SELECT id, 'export', 'other-instance', '2999-01-01 00:00:00' FROM tenants WHERE name = 'tenant-a'");
        var busy = await app.Admin.GetAsync(ApiRoutes.ExportAdministrationsPath, Ct);
        await busy.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        busy.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(30));
        // Another tenant is not held up.
        (await app.OtherClinic.GetAsync(ApiRoutes.ExportAdministrationsPath, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The lease of an instance that died expires.
        await Bulk.SqlAsync(app, "UPDATE tenant_leases SET expires_at = '2000-01-01 00:00:00' WHERE holder = 'other-instance'");
        var export = await ExportAsync(app.Admin, "?instrument=GAD-7");
        var again = await ExportAsync(app.Admin, "?instrument=GAD-7");
        again.Rows.Count.ShouldBe(export.Rows.Count, "the lease is released at the end");
        await (await app.Ehr.GetAsync(ApiRoutes.ExportAdministrationsPath, Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var entries = (await (await app.Admin.GetAsync(ApiRoutes.AuditLogPath + "?limit=20", Ct)).BodyAsync())["items"]!.AsArray()
            .Where(e => e!["route"]!.GetValue<string>() == ApiRoutes.ExportAdministrations).ToList();
        var newest = entries.First(e => e!["status"]!.GetValue<int>() == 200)!;
        var detail = JsonNode.Parse(newest["detail"]!.GetValue<string>())!;
        (detail["snapshot"]!.GetValue<string>(), detail["rows"]!.GetValue<int>(), detail["complete"]!.GetValue<bool>())
            .ShouldBe((again.Snapshot!, again.Rows.Count, true));
        (newest["clientId"], newest["resourceId"]).ShouldBe((null, null));
        entries.Count(e => e!["status"]!.GetValue<int>() == 429).ShouldBe(1);
        entries.Count(e => e!["status"]!.GetValue<int>() == 403).ShouldBe(1);
    }

    /// <summary>RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks; records end with CRLF.</summary>
    internal static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString()); field.Clear();
                rows.Add(row); row = [];
                i++;
            }
            else field.Append(c);
        }
        text.EndsWith("\r\n").ShouldBeTrue("every record ends with CRLF");
        return rows;
    }
}
