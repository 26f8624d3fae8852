using System.ComponentModel.DataAnnotations;
using Feedback.Data.Tenants;

namespace Feedback.Api.Features.TenantSettings;

/// <summary>
/// That the tenant holds the authors' permission for an instrument whose licenseStatus is required (TASC-R), given before
/// it is enabled (clinical.md v1.2 section 2). Recorded with the server's time and audited; a later one for the same
/// instrument replaces it.
/// </summary>
sealed class AttestationBody
{
    /// <summary>An instrument whose licenseStatus is required (GET /v1/instruments): TASC-R.</summary>
    [Required, OpenApi.CatalogueCode] public string? Instrument { get; set; }
    /// <summary>Who attests, as the clinic names them (1-200 characters, e.g. a user name).</summary>
    [Required, StringLength(MaxText, MinimumLength = 1)] public string? AttestedBy { get; set; }
    /// <summary>The clinic's reference to the permission (1-200 characters, e.g. "letter of 2026-11-02, file 114").</summary>
    [Required, StringLength(MaxText, MinimumLength = 1)] public string? Reference { get; set; }

    internal const int MaxText = 200;

    internal sealed class Validator : Validator<AttestationBody>
    {
        public Validator()
        {
            RuleFor(x => x.Instrument).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Required.")
                .Must(Catalogue.Exists).WithMessage("Unknown instrument; codes are exact and case-sensitive (see GET /v1/instruments).")
                .Must(code => Catalogue.Get(code!).License.RequiresAttestation)
                .WithMessage(x => $"{x.Instrument}'s licenseStatus is {Names.Of(Catalogue.Get(x.Instrument!).License.Status)}, not required: "
                    + "only instruments whose licenseStatus is required take an attestation; enable it in enabledInstruments.");
            RuleFor(x => x.AttestedBy).Must(Text).WithMessage($"Required: 1-{MaxText} characters, not only spaces.");
            RuleFor(x => x.Reference).Must(Text).WithMessage($"Required: 1-{MaxText} characters, not only spaces.");
        }

        static bool Text(string? s) => !string.IsNullOrWhiteSpace(s) && s.Length <= MaxText && !s.Any(char.IsControl);
    }
}

/// <summary>A stored attestation: the instrument, who attested, their reference, and when the service recorded it.</summary>
sealed class AttestationView
{
    public required string Instrument { get; init; }
    public required string AttestedBy { get; init; }
    public required string Reference { get; init; }
    /// <summary>The server's time when the attestation was recorded.</summary>
    public required DateTimeOffset AttestedAt { get; init; }

    public static AttestationView From(LicenseAttestationRow a) =>
        new() { Instrument = a.Instrument, AttestedBy = a.AttestedBy, Reference = a.Reference, AttestedAt = a.AttestedAt };
}

/// <summary>clinical.md v1.2 section 2: an instrument whose licenseStatus is required is enabled only with an attestation.</summary>
static class RequiredAttestations
{
    /// <summary>The instruments of <paramref name="enabled"/> whose licenseStatus is required and that no attestation covers.</summary>
    public static List<string> Missing(IEnumerable<string> enabled, IEnumerable<LicenseAttestationRow> attested) =>
        [.. enabled.Where(c => Catalogue.Get(c).License.RequiresAttestation).Where(c => !attested.Any(a => a.Instrument == c))];

    public static Task RefuseAsync(HttpContext ctx, IEnumerable<string> missing) =>
        ctx.WriteProblemAsync(400, "Invalid input: licenseAttestations.", new()
        {
            ["licenseAttestations"] = [.. missing.Select(code => $"{code}'s licenseStatus is required: enabling it needs an "
                + "attestation { instrument, attestedBy, reference } that the tenant holds the authors' permission.")],
        });
}
