using Feedback.Api.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.Tests.Features.TenantSettings;

/// <summary>
/// clinical.md v1.2 section 2, "Licensing as data": TASC-R (licenseStatus required) is enabled only with an attestation,
/// which is recorded with the server's time, audited, answered by GET, and kept by later PUTs that leave it out.
/// </summary>
public sealed class LicenseAttestationTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static readonly string[] WithTascR = ["PHQ-9", "GAD-7", "TASC-R"];

    static object Attestation(string instrument = "TASC-R", string attestedBy = "j.meyer", string reference = "authors' letter 2026-114") =>
        new { instrument, attestedBy, reference };

    // A clinic of its own, created as the CLI creates one: the free instruments, no attestation.
    async Task<HttpClient> NewClinicAsync(params string[] scopes)
    {
        var (_, key) = await app.Services.GetRequiredService<TenantAdmin>().CreateKeyAsync("clinic-" + Guid.NewGuid().ToString("N")[..8],
            scopes.Length == 0 ? KeyScopes.All : scopes, Ct);
        LogCapture.Secret(key);
        return app.ClientWithKey(key);
    }

    [Fact]
    public async Task Enabling_tasc_r_without_an_attestation_is_a_400_naming_license_attestations_and_changes_nothing()
    {
        var clinic = await NewClinicAsync();
        var before = await (await clinic.GetAsync(ApiRoutes.TenantSettingsPath, Ct)).BodyAsync();
        var rowsBefore = await app.CountRowsAsync();

        var rsp = await clinic.PutAsJsonAsync(ApiRoutes.TenantSettingsPath, new { enabledInstruments = WithTascR, staleEpisodeDays = 30 }, Ct);

        var problem = await rsp.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["licenseAttestations"]);
        problem["errors"]!["licenseAttestations"]![0]!.GetValue<string>().ShouldContain("TASC-R");
        (await app.CountRowsAsync()).ShouldBe(rowsBefore);
        (await (await clinic.GetAsync(ApiRoutes.TenantSettingsPath, Ct)).BodyAsync()).ToJsonString().ShouldBe(before.ToJsonString());
        var submit = await clinic.PostAsJsonAsync(ApiRoutes.AdministrationsOf("t-1"), Http.Administration("TASC-R", Tasc(3), Http.Monday), Ct);
        await submit.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_attestation_is_recorded_with_the_server_time_answered_by_get_and_kept_by_later_puts_that_leave_it_out()
    {
        var clinic = await NewClinicAsync();
        var put = await clinic.PutAsJsonAsync(ApiRoutes.TenantSettingsPath,
            new { enabledInstruments = WithTascR, licenseAttestations = new[] { Attestation() } }, Ct);
        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        var answered = await put.BodyAsync();
        answered["enabledInstruments"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(WithTascR);
        var attestation = answered["licenseAttestations"]!.AsArray().ShouldHaveSingleItem()!;
        (attestation["instrument"]!.GetValue<string>(), attestation["attestedBy"]!.GetValue<string>(), attestation["reference"]!.GetValue<string>())
            .ShouldBe(("TASC-R", "j.meyer", "authors' letter 2026-114"));
        var attestedAt = attestation["attestedAt"]!.GetValue<DateTimeOffset>();
        attestedAt.ShouldBe(app.Clock.GetUtcNow(), TimeSpan.FromMinutes(1));

        // A tenant attests once: later PUTs without the field keep it, and may disable and enable TASC-R again.
        (await clinic.PutAsJsonAsync(ApiRoutes.TenantSettingsPath, new { enabledInstruments = new[] { "PHQ-9" } }, Ct)).EnsureSuccessStatusCode();
        var again = await clinic.PutAsJsonAsync(ApiRoutes.TenantSettingsPath, new { enabledInstruments = WithTascR }, Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var get = await (await clinic.GetAsync(ApiRoutes.TenantSettingsPath, Ct)).BodyAsync();
        get["licenseAttestations"]!.ToJsonString().ShouldBe(answered["licenseAttestations"]!.ToJsonString());
        get["enabledInstruments"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(WithTascR);

        var submit = await clinic.PostAsJsonAsync(ApiRoutes.AdministrationsOf("t-2"), Http.Administration("TASC-R", Tasc(3), Http.Monday), Ct);
        submit.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_later_attestation_for_the_same_instrument_replaces_the_stored_one()
    {
        var clinic = await NewClinicAsync();
        (await clinic.PutAsJsonAsync(ApiRoutes.TenantSettingsPath,
            new { enabledInstruments = WithTascR, licenseAttestations = new[] { Attestation() } }, Ct)).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromDays(1));
        var renewed = await (await clinic.PutAsJsonAsync(ApiRoutes.TenantSettingsPath,
            new { enabledInstruments = WithTascR, licenseAttestations = new[] { Attestation(attestedBy: "a.berg", reference: "renewal 2027") } }, Ct)).BodyAsync();
        var only = renewed["licenseAttestations"]!.AsArray().ShouldHaveSingleItem()!;
        (only["attestedBy"]!.GetValue<string>(), only["reference"]!.GetValue<string>()).ShouldBe(("a.berg", "renewal 2027"));
        only["attestedAt"]!.GetValue<DateTimeOffset>().ShouldBe(app.Clock.GetUtcNow(), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task The_audit_entry_of_the_put_says_an_attestation_was_made_and_for_what_but_not_who_or_the_reference()
    {
        var clinic = await NewClinicAsync();
        (await clinic.PutAsJsonAsync(ApiRoutes.TenantSettingsPath,
            new { enabledInstruments = WithTascR, licenseAttestations = new[] { Attestation(attestedBy: "dr-secret-name", reference: "ref-secret-114") } }, Ct))
            .EnsureSuccessStatusCode();
        (await clinic.PutAsJsonAsync(ApiRoutes.TenantSettingsPath, new { enabledInstruments = WithTascR }, Ct)).EnsureSuccessStatusCode();

        var log = (await (await clinic.GetAsync(ApiRoutes.AuditLogPath, Ct)).BodyAsync())["items"]!.AsArray()
            .Where(e => e!["method"]!.GetValue<string>() == "PUT" && e["route"]!.GetValue<string>() == ApiRoutes.TenantSettings).ToList();
        log.Count.ShouldBe(2);
        var details = log.Select(e => e!["detail"]?.GetValue<string>()).ToList();
        details.ShouldContain("""{"licenseAttestations":["TASC-R"]}""");
        details.ShouldContain((string?)null); // the PUT that attested nothing
        string.Join(" ", log.Select(e => e!.ToJsonString())).ShouldNotContain("secret");
    }

    public static TheoryData<string, string> Invalid() => new()
    {
        { """[{"instrument":"WAI-SR","attestedBy":"a","reference":"r"}]""", "licenseAttestations[0].instrument" },
        { """[{"instrument":"PHQ-9","attestedBy":"a","reference":"r"}]""", "licenseAttestations[0].instrument" },
        { """[{"instrument":"TASC-R","attestedBy":"a","reference":"r"},{"instrument":"TASC-R","attestedBy":"b","reference":"s"}]""", "licenseAttestations[1].instrument" },
        { """[{"instrument":"tasc-r","attestedBy":"a","reference":"r"}]""", "licenseAttestations[0].instrument" },
        { """[{"attestedBy":"a","reference":"r"}]""", "licenseAttestations[0].instrument" },
        { """[{"instrument":"TASC-R","reference":"r"}]""", "licenseAttestations[0].attestedBy" },
        { """[{"instrument":"TASC-R","attestedBy":"   ","reference":"r"}]""", "licenseAttestations[0].attestedBy" },
        { """[{"instrument":"TASC-R","attestedBy":"a","reference":""}]""", "licenseAttestations[0].reference" },
        { "[{\"instrument\":\"TASC-R\",\"attestedBy\":\"a\",\"reference\":\"" + new string('x', 201) + "\"}]", "licenseAttestations[0].reference" },
        { """[null]""", "licenseAttestations[0]" },
        { "\"TASC-R\"", "licenseAttestations" },
    };

    [Theory, MemberData(nameof(Invalid))]
    public async Task A_bad_attestation_is_a_400_naming_its_field_and_writes_nothing(string attestations, string field)
    {
        var clinic = await NewClinicAsync();
        var rowsBefore = await app.CountRowsAsync();
        var body = Http.Json("""{"enabledInstruments":["PHQ-9","TASC-R"],"staleEpisodeDays":30,"licenseAttestations":""" + attestations + "}");
        var problem = await (await clinic.PutAsync(ApiRoutes.TenantSettingsPath, body, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldContain(field);
        (await app.CountRowsAsync()).ShouldBe(rowsBefore);
        var settings = await (await clinic.GetAsync(ApiRoutes.TenantSettingsPath, Ct)).BodyAsync();
        (settings["staleEpisodeDays"]!.GetValue<int>(), settings["licenseAttestations"]!.AsArray().Count).ShouldBe((90, 0));
    }

    [Fact]
    public async Task The_risk_screening_warning_still_comes_with_attestations()
    {
        var clinic = await NewClinicAsync();
        var body = await (await clinic.PutAsJsonAsync(ApiRoutes.TenantSettingsPath,
            new { enabledInstruments = new[] { "GAD-7", "TASC-R" }, licenseAttestations = new[] { Attestation() } }, Ct)).BodyAsync();
        var warning = body["warnings"]!.AsArray().ShouldHaveSingleItem()!;
        (warning["code"]!.GetValue<string>(), warning["path"]!.GetValue<string>()).ShouldBe(("no_risk_screening", "enabledInstruments"));
    }

    [Fact]
    public async Task The_test_tenants_hold_an_attestation_that_says_what_it_is()
    {
        var settings = await (await app.Admin.GetAsync(ApiRoutes.TenantSettingsPath, Ct)).BodyAsync();
        var only = settings["licenseAttestations"]!.AsArray().ShouldHaveSingleItem()!;
        (only["instrument"]!.GetValue<string>(), only["reference"]!.GetValue<string>()).ShouldBe(("TASC-R", App.TestReference));
    }

    static decimal?[] Tasc(decimal answer) => [.. Enumerable.Repeat<decimal?>(answer, 12)];
}
