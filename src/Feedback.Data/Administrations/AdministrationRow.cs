namespace Feedback.Data.Administrations;

public sealed class AdministrationRow
{
    public string Id { get; init; } = "";
    public string ClientId { get; init; } = "";
    public string EpisodeId { get; init; } = "";
    public string Instrument { get; init; } = "";
    public string Rater { get; init; } = "";
    public int? SessionNumber { get; init; }
    public string? ClinicianId { get; init; }
    public DateTimeOffset AdministeredAt { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public string ItemsJson { get; init; } = "[]";
    public decimal Total { get; init; }
    public bool Prorated { get; init; }
    public string? Severity { get; init; }
    public bool? ClinicalRange { get; init; }
    public string SubscalesJson { get; init; } = "{}";
    public string? FeedbackJson { get; init; }
    public string ContentHash { get; init; } = "";
    /// <summary>The client's age group at submission (clinical.md v1.1 section 1); never changes afterwards.</summary>
    public string AgeGroup { get; init; } = "adult";
    /// <summary>The trajectory model the feedback was computed with; null for alliance instruments.</summary>
    public string? Model { get; init; }
    /// <summary>The alert rules version the administration was evaluated with.</summary>
    public string RulesVersion { get; init; } = "";
    /// <summary>"first" or "stale" when this administration opened its episode; null otherwise.</summary>
    public string? EpisodeOpened { get; init; }
    /// <summary>The identifier of the FHIR QuestionnaireResponse it came from ('' when it had no system); null otherwise.</summary>
    public string? FhirIdentifierSystem { get; init; }
    public string? FhirIdentifierValue { get; init; }
    /// <summary>The FHIR encounter reference it was sent with, echoed verbatim; never read as a session.</summary>
    public string? FhirEncounter { get; init; }
    /// <summary>Where it came from: api, fhir or import (interop.md 4.2).</summary>
    public string Source { get; init; } = "api";
}

/// <summary>
/// A FHIR search over administrations: optional client, id and instrument, administered in [From, To), from the keyset
/// position (FromAt, FromId) inclusive, newest first unless <see cref="OldestFirst"/>.
/// </summary>
public sealed record AdministrationSearch(string? ClientId, string? Id, string? Instrument, DateTimeOffset From, DateTimeOffset To,
    bool OldestFirst, DateTimeOffset FromAt, string FromId, int Limit);

/// <summary>Keyset position for newest-first paging: the last row of the previous page.</summary>
public sealed record AdministrationCursor(DateTimeOffset AdministeredAt, string Id)
{
    public static readonly AdministrationCursor Start = new(DateTimeOffset.MaxValue, "~");
}

/// <summary>One administration as a point of its series: enough for trajectories and alliance rules.</summary>
public sealed class SeriesPoint
{
    public string Id { get; init; } = "";
    public DateTimeOffset AdministeredAt { get; init; }
    public int? SessionNumber { get; init; }
    public decimal Total { get; init; }
    public bool Prorated { get; init; }
    public string AgeGroup { get; init; } = "adult";
    public string ItemsJson { get; init; } = "[]";
}

/// <summary>
/// Intake: the first of the series; Previous: the last at or before the new one's time; Before: how many those are;
/// After: how many come later (0 when the new one is the latest of its series).
/// </summary>

/// <summary>Where an administration came from (interop.md 4.2).</summary>
public static class Sources
{
    public const string Api = "api";
    public const string Fhir = "fhir";
    public const string Import = "import";
}

/// <summary>One administration of an episode as the session counts need it (clinical.md v1.2 section 1).</summary>
public sealed class EpisodeVisitRow
{
    public string Id { get; init; } = "";
    public string Instrument { get; init; } = "";
    public string Rater { get; init; } = "client";
    public DateTimeOffset AdministeredAt { get; init; }
    public int? SessionNumber { get; init; }
    /// <summary>The feedback answered with it (support-v1 reads the latest alliance reasons and outcome status).</summary>
    public string? FeedbackJson { get; init; }
}
