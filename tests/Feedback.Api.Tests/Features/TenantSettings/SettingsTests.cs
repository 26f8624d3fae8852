namespace Feedback.Api.Tests.Features.TenantSettings;

public sealed class SettingsTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task An_admin_replaces_the_enabled_instruments_and_reads_them_back_in_catalogue_order()
    {
        var ct = TestContext.Current.CancellationToken;
        var put = await app.Admin.PutAsJsonAsync(ApiRoutes.TenantSettingsPath, new { enabledInstruments = new[] { "SRS", "PHQ-9" } }, ct);
        (await put.BodyAsync())["enabledInstruments"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["PHQ-9", "SRS"]);
        var get = await (await app.Admin.GetAsync(ApiRoutes.TenantSettingsPath, ct)).BodyAsync();
        get["enabledInstruments"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["PHQ-9", "SRS"]);
        var catalogue = (await (await app.Ehr.GetAsync(ApiRoutes.InstrumentsPath, ct)).BodyAsync())["items"]!.AsArray();
        catalogue.Where(i => i!["enabled"]!.GetValue<bool>()).Select(i => i!["code"]!.GetValue<string>()).ShouldBe(["PHQ-9", "SRS"]);
    }
}
