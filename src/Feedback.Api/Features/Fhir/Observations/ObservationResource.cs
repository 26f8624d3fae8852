using System.Text.Json;
using Feedback.Data.Administrations;
using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Features.Fhir.Observations;

/// <summary>
/// One Observation per total and per subscale of an administration (interop.md 1.6, after the US Core Observation
/// Screening Assessment pattern): severity and progress in `interpretation`, the trajectory or alliance feedback stored at
/// submission (what the clinician saw) in an extension, `derivedFrom` the QuestionnaireResponse.
/// </summary>
static class ObservationResource
{
    public const string Total = "total";

    /// <summary>The parts an administration is observed as, in the order a search lists them: the total, then the subscales.</summary>
    public static IReadOnlyList<string> PartsOf(Instrument instrument) => [Total, .. instrument.Subscales.Select(s => s.Code)];

    /// <summary>"&lt;administrationId&gt;-&lt;part&gt;"; a ULID holds no '-'.</summary>
    public static string IdOf(string administrationId, string part) => $"{administrationId}-{part}";

    public static (string AdministrationId, string Part)? ParseId(string id) =>
        id.Split('-', 2) is [var administrationId, var part] && Ulid.TryParse(administrationId, out _) ? (administrationId, part) : null;

    public static R4.Observation From(AdministrationRow row, string part, string canonical)
    {
        var instrument = Catalogue.Get(row.Instrument);
        var measure = FhirCodes.System(canonical, FhirCodes.Measure);
        var isTotal = part == Total;
        var value = isTotal ? Canonical(row.Total) : Canonical(JsonSerializer.Deserialize<Dictionary<string, decimal>>(row.SubscalesJson)![part]);
        var o = new R4.Observation
        {
            Id = IdOf(row.Id, part),
            Status = R4.ObservationStatus.Final,
            Category = [new R4.CodeableConcept(FhirCodes.ObservationCategory, "survey")],
            Code = new R4.CodeableConcept(),
            Subject = FhirReferences.Patient(row.ClientId, canonical),
            Effective = new R4.FhirDateTime(FhirReferences.Instant(row.AdministeredAt)),
            IssuedElement = FhirReferences.InstantElement(row.ReceivedAt),
            Performer = [Performer(row, canonical)],
            Value = instrument.Decimals > 0 || decimal.Truncate(value) != value
                ? new R4.Quantity { Value = value, Unit = "{score}", System = FhirCodes.Ucum, Code = "{score}" }
                : new R4.Integer((int)value),
            DerivedFrom = [new R4.ResourceReference($"QuestionnaireResponse/{row.Id}")],
        };
        if (isTotal && Loinc.PanelOf(instrument.Code) is { } panel) o.Code.Coding.Add(new R4.Coding(FhirCodes.Loinc, panel.TotalCode));
        o.Code.Coding.Add(new R4.Coding(measure, $"{instrument.Code}:{part}"));
        if (isTotal) AddFeedback(o, row, canonical);
        return o;
    }

    static R4.ResourceReference Performer(AdministrationRow row, string canonical) => row.Rater switch
    {
        "therapist" when row.ClinicianId is not null => new R4.ResourceReference
        {
            Type = "Practitioner", Identifier = new R4.Identifier(FhirCodes.ClinicianIdSystem(canonical), row.ClinicianId),
        },
        "therapist" => new R4.ResourceReference { Type = "Practitioner", Display = "therapist" },
        "caregiver" => new R4.ResourceReference { Type = "RelatedPerson", Display = "caregiver" },
        _ => FhirReferences.Patient(row.ClientId, canonical),
    };

    static void AddFeedback(R4.Observation o, AdministrationRow row, string canonical)
    {
        if (row.Severity is { } severity) o.Interpretation.Add(new R4.CodeableConcept(FhirCodes.System(canonical, FhirCodes.Severity), severity));
        if (row.ClinicalRange is { } clinical) o.Interpretation.Add(new R4.CodeableConcept(FhirCodes.ObservationInterpretation, clinical ? "A" : "N"));
        if (row.FeedbackJson is null) return;
        var f = Recording.StoredFeedback.Parse(row.FeedbackJson)!;
        if (f.Kind == InstrumentKind.Outcome)
        {
            if (f.Status is { } status) o.Interpretation.Add(new R4.CodeableConcept(FhirCodes.System(canonical, FhirCodes.ProgressStatus), Names.Of(status)));
            if (f.ReliableChange is { } change) o.Interpretation.Add(new R4.CodeableConcept(FhirCodes.System(canonical, FhirCodes.ReliableChange), Names.Of(change)));
            var trajectory = new R4.Extension { Url = FhirCodes.Extension(canonical, FhirCodes.Trajectory) };
            if (f.Expected is { } e)
            {
                trajectory.Extension.Add(new R4.Extension("model", new R4.FhirString(e.Model)));
                trajectory.Extension.Add(new R4.Extension("session", new R4.Integer(e.Session)));
            }
            Add(trajectory, "intakeScore", f.IntakeScore);
            Add(trajectory, "changeFromIntake", f.ChangeFromIntake);
            Add(trajectory, "expected", f.Expected?.Score);
            Add(trajectory, "atRisk", f.Expected?.AtRisk);
            Add(trajectory, "offTrack", f.Expected?.OffTrack);
            Add(trajectory, "deviation", f.Deviation);
            if (f.Recovered is { } recovered) trajectory.Extension.Add(new R4.Extension("recovered", new R4.FhirBoolean(recovered)));
            trajectory.Extension.Add(new R4.Extension("prorated", new R4.FhirBoolean(row.Prorated)));
            o.Extension.Add(trajectory);
        }
        else
        {
            foreach (var reason in f.Reasons ?? [])
                o.Interpretation.Add(new R4.CodeableConcept(FhirCodes.System(canonical, FhirCodes.AllianceReason), Names.Of(reason)));
            var alliance = new R4.Extension { Url = FhirCodes.Extension(canonical, FhirCodes.Alliance) };
            Add(alliance, "previousScore", f.PreviousScore);
            Add(alliance, "changeFromPrevious", f.ChangeFromPrevious);
            if (f.Concern is { } concern) alliance.Extension.Add(new R4.Extension("concern", new R4.FhirBoolean(concern)));
            if (alliance.Extension.Count > 0) o.Extension.Add(alliance);
        }
    }

    static void Add(R4.Extension parent, string name, decimal? value)
    {
        if (value is { } v) parent.Extension.Add(new R4.Extension(name, new R4.FhirDecimal(Canonical(v))));
    }

    // 30.0 and 30 are one number (as AdministrationView answers them).
    static decimal Canonical(decimal value) => value / 1.000000000000000000000000000000000m;
}
