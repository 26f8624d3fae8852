namespace Feedback.Api.Features.Instruments;

/// <summary>An instrument as the catalogue describes it: numbers, ranges and neutral labels, never item wording.</summary>
sealed class InstrumentView
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required InstrumentKind Kind { get; init; }
    public required int Items { get; init; }
    public required int ItemMin { get; init; }
    public required int ItemMax { get; init; }
    public required int Decimals { get; init; }
    public required Direction Direction { get; init; }
    public required IReadOnlyList<int> ReverseItems { get; init; }
    public required IReadOnlyList<Subscale> Subscales { get; init; }
    /// <summary>Absent for alliance instruments, which have no clinical cut-off.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ClinicalCutoff? ClinicalCutoff { get; init; }
    public required decimal? Rci { get; init; }
    /// <summary>mu_f, the target of the expected trajectory, by the age group stored with the intake; absent for alliance instruments.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public AgeSpecific? NonClinicalMean { get; init; }
    /// <summary>Holds a self-harm item (PHQ-9 item 9, CORE-10 item 6, OQ-45.2 item 8) from which risk alerts are raised.</summary>
    public required bool ScreensForRisk { get; init; }
    /// <summary>The licence terms as Feedback knows them, in words (clinical.md section 2).</summary>
    public required string License { get; init; }
    /// <summary>free: enabled at creation; enable: the tenant enables it in its settings first; required: the tenant also
    /// attests, in licenseAttestations of PUT /v1/tenant/settings, that it holds the authors' permission.</summary>
    public required LicenseStatus LicenseStatus { get; init; }
    /// <summary>The ages the form is meant for ("7-17" for TASC-R); absent when the catalogue lists none. No age group is refused.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? IntendedAges { get; init; }
    /// <summary>What a clinician should know when reading the scores (TASC-R: where child report converged); absent when nothing.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Note { get; init; }
    public required int MaxMissing { get; init; }
    /// <summary>Whether the caller's tenant accepts administrations of this instrument.</summary>
    public required bool Enabled { get; init; }
    /// <summary>Only on GET /v1/instruments/{code}.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SeverityBand>? SeverityBands { get; init; }

    public static InstrumentView From(Instrument i, bool enabled, bool withBands = false) => new()
    {
        Code = i.Code, Name = i.Name, Kind = i.Kind, Items = i.ItemCount, ItemMin = i.ItemMin, ItemMax = i.ItemMax,
        Decimals = i.Decimals, Direction = i.Direction, ReverseItems = i.ReverseItems, Subscales = i.Subscales,
        ClinicalCutoff = i.ClinicalCutoff, Rci = i.ReliableChangeIndex,
        NonClinicalMean = i.NonClinicalMean, ScreensForRisk = i.ScreensForRisk, License = i.License.Terms,
        LicenseStatus = i.License.Status, IntendedAges = i.IntendedAges, Note = i.Note, MaxMissing = i.MaxMissing,
        Enabled = enabled, SeverityBands = withBands ? i.SeverityBands : null,
    };
}
