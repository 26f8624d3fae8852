using System.ComponentModel.DataAnnotations;
using Feedback.Clinical.Episodes;

namespace Feedback.Api.Features.TenantSettings;

sealed class Settings
{
    /// <summary>Catalogue codes this tenant accepts. PHQ-9, GAD-7, CORE-10 and WHO-5 are enabled at creation;
    /// ORS, SRS, CORS, CSRS, OQ-45.2 and WAI-SR need a licence or the authors' permission and must be enabled here;
    /// TASC-R (licenseStatus required) also needs an attestation, stored or in licenseAttestations.</summary>
    [Required, OpenApi.CatalogueCode] public List<string>? EnabledInstruments { get; set; }

    /// <summary>Stale-episode guard: when an administration names no episode and the open episode's latest administration is
    /// more than this many days older, that episode is closed and a new one opened (clinical.md section 1). 0 turns it off;
    /// default 90. Left out of a PUT, the stored value stays.</summary>
    [Range(0, StaleEpisode.MaxDays)] public int? StaleEpisodeDays { get; set; }

    /// <summary>FHIR (interop.md 1.5): the identifier system the clinic's EHR names patients with (e.g. its MRN system), an
    /// absolute URI of at most 255 characters; a QuestionnaireResponse's subject.identifier of this system carries the client
    /// id. "" removes it; left out of a PUT, the stored value stays.</summary>
    [StringLength(MaxSystemLength)] public string? FhirClientIdSystem { get; set; }

    /// <summary>Attestations that the tenant holds the authors' permission for instruments whose licenseStatus is required
    /// (TASC-R), one per instrument; each is recorded with the server's time and replaces the stored one for its
    /// instrument. Left out, the stored attestations stay: a tenant attests once.</summary>
    public List<AttestationBody?>? LicenseAttestations { get; set; }

    const int MaxSystemLength = 255;

    internal sealed class Validator : Validator<Settings>
    {
        public Validator()
        {
            RuleFor(x => x.EnabledInstruments).NotNull().WithMessage("Required.");
            RuleForEach(x => x.EnabledInstruments).Must(Catalogue.Exists).WithMessage("Unknown instrument.");
            RuleFor(x => x.StaleEpisodeDays).InclusiveBetween(0, StaleEpisode.MaxDays).WithMessage($"Must be 0-{StaleEpisode.MaxDays} (0 turns the guard off).");
            RuleFor(x => x.FhirClientIdSystem).Must(s => s is "" || s!.Length <= MaxSystemLength && Uri.TryCreate(s, UriKind.Absolute, out _) && !s.Any(char.IsWhiteSpace))
                .When(x => x.FhirClientIdSystem is not null).WithMessage($"Must be an absolute URI (https://... or urn:...) of at most {MaxSystemLength} characters, or \"\" to remove it.");
            RuleForEach(x => x.LicenseAttestations).NotNull().WithMessage("An attestation { instrument, attestedBy, reference }, not null.")
                .SetValidator(new AttestationBody.Validator()!);
            RuleFor(x => x.LicenseAttestations).Custom((list, ctx) =>
            {
                var first = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < (list?.Count ?? 0); i++)
                    if (list![i]?.Instrument is { } code && !first.TryAdd(code, i))
                        ctx.AddFailure($"LicenseAttestations[{i}].Instrument", $"{code} is already licenseAttestations[{first[code]}]; one attestation per instrument.");
            });
        }
    }
}

/// <summary>The tenant's settings, with its licence attestations and warnings about what the settings leave out.</summary>
sealed class SettingsView
{
    public required List<string> EnabledInstruments { get; init; }
    public required int StaleEpisodeDays { get; init; }
    /// <summary>The identifier system whose FHIR subject.identifier values are client ids, besides Feedback's own; null when none.</summary>
    public required string? FhirClientIdSystem { get; init; }
    /// <summary>The stored attestations, by instrument (empty when none).</summary>
    public required List<AttestationView> LicenseAttestations { get; init; }
    /// <summary>What these settings leave out or cause that a clinic would want to know: no enabled instrument screens for risk
    /// (no_risk_screening); a stored plan rule that staleEpisodeDays cuts short (cadence_exceeds_stale_episode_days).</summary>
    public required List<SettingsWarning> Warnings { get; init; }

    public static SettingsView From(Data.Tenants.TenantSettingsRow s, IEnumerable<Data.Tenants.LicenseAttestationRow> attestations,
        IEnumerable<SettingsWarning> planWarnings) => new()
    {
        EnabledInstruments = [.. s.EnabledInstruments], StaleEpisodeDays = s.StaleEpisodeDays, FhirClientIdSystem = s.FhirClientIdSystem,
        LicenseAttestations = [.. attestations.Select(AttestationView.From)],
        Warnings = [.. RiskScreening(s.EnabledInstruments), .. planWarnings],
    };

    // clinical.md section 2: a tenant whose enabled outcome instruments include none that screens for risk gets no
    // automated risk signal at all.
    static List<SettingsWarning> RiskScreening(IReadOnlyList<string> enabled) =>
        enabled.Select(Catalogue.Get).Any(i => i.Kind == InstrumentKind.Outcome && i.ScreensForRisk)
            ? []
            : [new SettingsWarning
            {
                Code = "no_risk_screening", Path = "enabledInstruments",
                Message = "No enabled outcome instrument screens for risk (PHQ-9, CORE-10 and OQ-45.2 hold a self-harm item), so "
                    + "Feedback raises no automated risk signal for this tenant. Enable PHQ-9 or CORE-10.",
            }];
}

sealed class SettingsWarning
{
    /// <summary>A stable code to act on: no_risk_screening, cadence_exceeds_stale_episode_days.</summary>
    public required string Code { get; init; }
    /// <summary>What the warning is about: enabledInstruments, or a stored plan rule's cadence, its plan named in brackets as
    /// its route does: plans[tenant].rules[i].cadence, plans[clients/{clientId}].rules[i].cadence,
    /// plans[clients/{clientId}/episodes/{episodeId}].rules[i].cadence.</summary>
    public required string Path { get; init; }
    public required string Message { get; init; }
}
