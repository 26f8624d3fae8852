using System.Buffers;
using System.Text;
using System.Text.Json;
using Feedback.Api.Features.Export.Administrations;
using Feedback.Data.Connections;
using Feedback.Data.Exports;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.Tests.Features.Export;

/// <summary>
/// An export reads SQLite's statement directly and SQL Server through its data reader; both writers read the same
/// ExportRecord. Run on one SQLite file, the data reader's way must write every NDJSON line and CSV row byte for byte as
/// the HTTP export (SQLite's way) sent them, so the way SQL Server takes writes what ExportContentTests checks.
/// </summary>
public sealed class ExportReaderTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_data_readers_way_writes_every_line_and_row_as_the_HTTP_export_sent_it()
    {
        var count = await Bulk.Bulk.SeedAsync(app, "rd");
        var ndjson = await app.Admin.GetAsync(ApiRoutes.ExportAdministrationsPath, Ct);
        var snapshot = ndjson.Headers.GetValues(Feedback.Api.Shared.ApiHeaders.ExportSnapshot).Single();
        var lines = (await ndjson.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var csv = await (await app.Admin.GetAsync(ApiRoutes.ExportAdministrationsPath + "?format=csv", Ct)).Content.ReadAsStringAsync(Ct);
        lines.Length.ShouldBe(count + 1, "the rows and the end line");

        var database = app.Services.GetRequiredService<Database>();
        var exports = app.Services.GetRequiredService<ExportRepository>();
        var tenantId = await TenantOfAsync(database, JsonDocument.Parse(lines[0]).RootElement.GetProperty("id").GetString()!);
        var (ndjsonRead, csvRead) = (new ArrayBufferWriter<byte>(), new ArrayBufferWriter<byte>());
        CsvRows.WriteHeader(csvRead);
        await using (var s = await database.ReadAsync(Ct))
        {
            using var json = new Utf8JsonWriter(ndjsonRead, NdjsonRows.WriterOptions);
            var (rows, lastId) = await exports.ReadWithDataReaderAsync(s, tenantId, new ExportFilter(null, null, null), "", snapshot, count + 1,
                row => { NdjsonRows.Write(json, ndjsonRead, row); CsvRows.Write(csvRead, row); }, Ct);
            (rows, lastId).ShouldBe((count, snapshot));
        }

        Encoding.UTF8.GetString(ndjsonRead.WrittenSpan).ShouldBe(string.Concat(lines.Take(count).Select(l => l + "\n")));
        Encoding.UTF8.GetString(csvRead.WrittenSpan).ShouldBe(csv);
    }

    static async Task<long> TenantOfAsync(Database database, string administrationId)
    {
        await using var s = await database.ReadAsync(Ct);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(s.Connection, "SELECT tenant_id FROM administrations WHERE id = @Id", new { Id = administrationId });
    }
}
