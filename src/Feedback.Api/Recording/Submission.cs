using Feedback.Clinical.Episodes;
using Feedback.Clinical.Scoring;

namespace Feedback.Api.Recording;

/// <summary>
/// One completed questionnaire to record, whichever door it came in by (REST, FHIR, import): the fields as the caller
/// sent them, checked by <see cref="SubmissionRules"/> before it is recorded.
/// </summary>
sealed record Submission(
    string ClientId, string? Instrument, DateTimeOffset? AdministeredAt, IReadOnlyList<decimal?>? Items,
    int? SessionNumber = null, string? EpisodeId = null, string? ClinicianId = null, Rater? Rater = null, ItemConvention? ItemConvention = null);

/// <summary>Where a submission came from, and what that door adds to it.</summary>
abstract record SubmissionSource
{
    /// <summary>POST /v1/clients/{clientId}/administrations.</summary>
    public sealed record Api(string? IdempotencyKey) : SubmissionSource;

    /// <summary>A FHIR QuestionnaireResponse create: its identifier (unique per tenant, interop.md 1.5) and encounter.</summary>
    public sealed record Fhir(string? IdempotencyKey, string? IdentifierSystem, string? IdentifierValue, string? Encounter) : SubmissionSource;

    /// <summary>
    /// An import line (interop.md 4.3): its id, the age group for a new client, the episode its key names, and the start
    /// of the live window (alerts of earlier administrations are history).
    /// </summary>
    public sealed record Import(string LineId, AgeGroup? AgeGroup, string? EpisodeKey, DateTimeOffset? EpisodeClosedAt, DateTimeOffset LiveSince,
        EpisodeOpened? KeyOpenedAs = null) : SubmissionSource;

    /// <summary>The request's Idempotency-Key (api.md), for the doors that take one.</summary>
    public string? RequestKey => this switch { Api a => a.IdempotencyKey, Fhir f => f.IdempotencyKey, _ => null };
}
