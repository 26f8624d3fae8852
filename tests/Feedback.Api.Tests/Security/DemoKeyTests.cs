namespace Feedback.Api.Tests.Security;

/// <summary>The public demo key works in Development only, even on a database a Development run created.</summary>
public sealed class DemoKeyTests
{
    sealed class EnvironmentApp(string folder, string environment) : App(folder, deleteOnDispose: false)
    {
        protected override string EnvironmentName => environment;
    }

    static HttpRequestMessage WithDemoKey(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Api-Key", "demo-key-not-for-production");
        return request;
    }

    [Fact]
    public async Task The_demo_key_a_development_run_created_is_refused_in_production_with_a_warning_at_start()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Path.Combine(Path.GetTempPath(), "feedback-api-tests", Guid.NewGuid().ToString("N"));
        await using (var development = new EnvironmentApp(folder, "Development"))
        {
            var client = development.CreateClient();
            (await client.SendAsync(WithDemoKey(ApiRoutes.InstrumentsPath), ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await client.SendAsync(WithDemoKey(ApiRoutes.AlertsPath), ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
            // Every instrument enabled (README), TASC-R with the demo's own attestation (clinical.md v1.2 section 2).
            var settings = await (await client.SendAsync(WithDemoKey(ApiRoutes.TenantSettingsPath), ct)).BodyAsync();
            settings["enabledInstruments"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(Feedback.Clinical.Instruments.Catalogue.All.Select(i => i.Code));
            var attestation = settings["licenseAttestations"]!.AsArray().ShouldHaveSingleItem()!;
            (attestation["instrument"]!.GetValue<string>(), attestation["attestedBy"]!.GetValue<string>(), attestation["reference"]!.GetValue<string>())
                .ShouldBe(("TASC-R", "feedback demo seed", "demo: not for production"));
        }
        var linesBefore = LogCapture.Lines.Count;
        await using var production = new EnvironmentApp(folder, "Production");
        var prod = production.CreateClient();
        foreach (var url in new[] { ApiRoutes.InstrumentsPath, ApiRoutes.AlertsPath, ApiRoutes.TenantSettingsPath })
        {
            var refused = await prod.SendAsync(WithDemoKey(url), ct);
            await refused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
            refused.Headers.WwwAuthenticate.ToString().ShouldBe("ApiKey header=\"X-Api-Key\"");
        }
        LogCapture.Lines.Skip(linesBefore).ShouldContain(l => l.Contains("demo key") && l.Contains("Production"));
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
