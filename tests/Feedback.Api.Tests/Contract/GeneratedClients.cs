using Feedback.GeneratedClient;
using Catalogue = Feedback.Clinical.Instruments.Catalogue;

namespace Feedback.Api.Tests.Contract;

/// <summary>
/// Clients generated from api-spec/openapi.json by tools nobody here wrote, never edited, against the real service on a
/// loopback socket: NSwag's C# client with its default settings, and openapi-typescript + openapi-fetch under tsc --strict.
/// </summary>
public sealed class GeneratedClients(LoopbackApp app) : IClassFixture<LoopbackApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    FeedbackClient CSharpClient()
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", app.EhrKey);
        return new FeedbackClient(http) { BaseUrl = app.BaseUrl };
    }

    [Fact]
    public async Task The_CSharp_client_NSwag_generates_reads_and_writes_every_field_it_needs()
    {
        var client = CSharpClient();
        var catalogue = await client.ListInstrumentsAsync(Ct);
        catalogue.Items.Select(i => i.Code).ShouldBe(Catalogue.All.Select(i => i.Code));
        catalogue.NextCursor.ShouldBeNull();
        foreach (var code in catalogue.Items.Select(i => i.Code))
            (await client.GetInstrumentAsync(code, Ct)).SeverityBands.ShouldNotBeNull();
        (await client.GetInstrumentAsync("SRS", Ct)).ClinicalCutoff.ShouldBeNull();

        // A PUT with only the clinician leaves the age group as it is (the generated client must not send a default).
        await client.PutClientAsync("cs-1", new ClientsPutRequest { AgeGroup = ClientsPutRequestAgeGroup.Child, ClinicianId = "clin-cs-1" }, Ct);
        var updated = await client.PutClientAsync("cs-1", new ClientsPutRequest { ClinicianId = "clin-cs-2" }, Ct);
        updated.AgeGroup.ShouldBe(AgeGroup.Child);
        updated.ClinicianId.ShouldBe("clin-cs-2");

        var at = DateTimeOffset.UtcNow.AddDays(-2);
        var intake = await client.SubmitAdministrationAsync("cs-1", null, new AdministrationsSubmitRequest
        {
            Instrument = AdministrationsSubmitRequestInstrument.PHQ9, AdministeredAt = at, SessionNumber = 1,
            Items = [2, 2, 2, 2, 2, 2, 2, 2, 1],
        }, Ct);
        intake.Feedback.Kind.ShouldBe(InstrumentKind.Outcome);
        intake.Feedback.Status.ShouldBe(FeedbackViewStatus.Baseline);
        intake.Feedback.Expected.Score.ShouldBe(17d);   // the intake itself: 2*8 + 1
        intake.Alerts.ShouldContain(a => a.Kind == AlertKind.Risk_item);

        var alliance = await client.SubmitAdministrationAsync("cs-1", "cs-idem-1", new AdministrationsSubmitRequest
        {
            Instrument = AdministrationsSubmitRequestInstrument.SRS, AdministeredAt = at.AddMinutes(30), SessionNumber = 1,
            Items = [9.5, 9.6, 9.1, 9.4],
        }, Ct);
        alliance.Score.Total.ShouldBe(37.6d);   // at or above the SRS cut-off of 36, every item 9 or more: no concern
        alliance.Feedback.Kind.ShouldBe(InstrumentKind.Alliance);
        alliance.Feedback.Concern.ShouldBe(false);
        alliance.Feedback.Reasons.ShouldBeEmpty();
        alliance.Feedback.Status.ShouldBeNull();
        alliance.Feedback.Rupture.ShouldBeNull();

        var open = await client.ListAlertsAsync(null, null, "cs-1", null, null, null, null, null, Ct);
        var risk = open.Items.First(a => a.Kind == AlertKind.Risk_item);
        var acknowledged = await client.AcknowledgeAlertAsync(risk.Id, new AlertsAcknowledgeRequest { By = "clin-cs-2", Note = "Called the client." }, Ct);
        acknowledged.Status.ShouldBe(AlertStatus.Acknowledged);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            (++pages).ShouldBeLessThanOrEqualTo(4, "the cursor must end");
            var page = await client.ListAdministrationsAsync("cs-1", null, null, 1, cursor, Ct);
            seen.AddRange(page.Items.Select(a => a.Id));
            cursor = page.NextCursor;
        } while (cursor is not null);
        seen.ShouldBe([alliance.Id, intake.Id]);

        using var chart = await client.GetProgressChartAsync("cs-1", InstrumentCode.PHQ9, null, null, Ct);
        (await new StreamReader(chart.Stream).ReadToEndAsync(Ct)).ShouldStartWith("<svg");

        // alliance-v2: SRS 38, 38, 38 then 35 is a rupture on a baseline of 38 (clinical.md section 9)
        AdministrationView? last = null;
        foreach (var (items, k) in new double[][] { [9.5, 9.5, 9.5, 9.5], [9.6, 9.5, 9.5, 9.4], [9.5, 9.4, 9.6, 9.5], [8.8, 8.8, 8.7, 8.7] }.Select((x, k) => (x, k)))
            last = await client.SubmitAdministrationAsync("cs-2", null, new AdministrationsSubmitRequest
            {
                Instrument = AdministrationsSubmitRequestInstrument.SRS, AdministeredAt = at.AddDays(-7 * (4 - k)), SessionNumber = k + 1, Items = [.. items.Select(x => (double?)x)],
            }, Ct);
        (last!.Feedback.Rupture.State, last.Feedback.Rupture.Baseline, last.Feedback.Rupture.SinceAdministrationId, last.Feedback.Rupture.RatingsSince)
            .ShouldBe((RuptureState.Open, 38d, last.Id, 0));
        last.Alerts.ShouldContain(a => a.Kind == AlertKind.Alliance_rupture);
        var progress = await client.GetProgressAsync("cs-2", InstrumentCode.SRS, null, null, Ct);
        progress.Kind.ShouldBe(InstrumentKind.Alliance);
        (progress.Cutoff.Total, progress.Cutoff.Rule).ShouldBe((36d, CutoffRule.At_or_below));
        var series = progress.Series.ShouldHaveSingleItem();
        series.Points.Select(p => p.Score).ShouldBe([38d, 38d, 38d, 35d]);
        series.Ruptures.ShouldHaveSingleItem().State.ShouldBe(RuptureState.Open);
    }

    [Fact]
    public async Task The_TypeScript_client_openapi_typescript_generates_compiles_strict_and_works()
    {
        await Node.EnsureInstalledAsync();
        var generate = await Node.ScriptAsync("node_modules/openapi-typescript/bin/cli.js", [OpenApiDocument.Path, "-o", "generated/schema.d.ts"]);
        generate.Exit.ShouldBe(0, generate.Output);
        var compile = await Node.ScriptAsync("node_modules/typescript/bin/tsc", ["-p", "tsconfig.json"]);
        compile.Exit.ShouldBe(0, compile.Output);
        var exchanges = Path.Combine(Path.GetTempPath(), $"feedback-ts-exchanges-{Guid.NewGuid():N}.json");
        var run = await Node.ScriptAsync("generated/js/client-flow.js", [], new()
        {
            ["FEEDBACK_BASE_URL"] = app.BaseUrl, ["FEEDBACK_KEY"] = app.EhrKey, ["FEEDBACK_EXCHANGES_OUT"] = exchanges,
        });
        run.Exit.ShouldBe(0, run.Output);
        run.Output.ShouldContain("typescript client: all checks passed");
        var check = await Node.ScriptAsync("validate-responses.mjs", [OpenApiDocument.Path, exchanges]);
        File.Delete(exchanges);
        check.Exit.ShouldBe(0, check.Output);
    }

    [Fact]
    public async Task Spectral_finds_no_error_and_no_warning_in_the_document()
    {
        await Node.EnsureInstalledAsync();
        var lint = await Node.ScriptAsync("node_modules/@stoplight/spectral-cli/dist/index.js",
            ["lint", OpenApiDocument.Path, "--ruleset", ".spectral.yaml", "--fail-severity", "warn"]);
        lint.Exit.ShouldBe(0, lint.Output);
        lint.Output.ShouldContain("No results with a severity of 'warn' or higher found!");
    }

    [Fact]
    public async Task The_response_validator_rejects_what_it_must()
    {
        await Node.EnsureInstalledAsync();
        var selfcheck = await Node.ScriptAsync("selfcheck/run.mjs", []);
        selfcheck.Exit.ShouldBe(0, selfcheck.Output);
    }
}
