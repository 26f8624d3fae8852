using System.ComponentModel.DataAnnotations;
using Feedback.Api.Recording;
using Feedback.Clinical.Scoring;

namespace Feedback.Api.Features.Administrations.Submit;

/// <summary>The REST body of a submission; <see cref="ToSubmission"/> is what is recorded.</summary>
sealed class Request
{
    /// <summary>From the route.</summary>
    [RouteParam] public string ClientId { get; set; } = "";
    /// <summary>Exact, case-sensitive catalogue code, e.g. PHQ-9.</summary>
    [Required, OpenApi.CatalogueCode] public string? Instrument { get; set; }
    /// <summary>When the questionnaire was completed (ISO 8601 with Z or an offset); at most 5 minutes in the future.</summary>
    [Required] public DateTimeOffset? AdministeredAt { get; set; }
    /// <summary>1 = intake; 1-1000.</summary>
    [Range(1, SubmissionRules.MaxSessionNumber)] public int? SessionNumber { get; set; }
    /// <summary>Defaults to the client's open episode; one is opened on the first administration.</summary>
    [RegularExpression(EpisodeIds.Pattern), StringLength(26, MinimumLength = 26)] public string? EpisodeId { get; set; }
    /// <summary>The caller's id of the clinician who saw the client: 1-64 characters of A-Z a-z 0-9 . _ : -; defaults to the client's.</summary>
    [RegularExpression(ClientIds.PatternText), StringLength(64, MinimumLength = 1)] public string? ClinicianId { get; set; }
    /// <summary>client (default), therapist (only for WAI-SR and TASC-R: the therapist forms WAI-SR-T and TASC-T) or caregiver.</summary>
    public Rater? Rater { get; set; }
    /// <summary>response (default): each answer is the position of the option chosen, 0 (or the item minimum) for the first
    /// printed option, before any reverse scoring. scored: answers as on a scoring sheet, reverse items already reversed
    /// (OQ-45.2, CORE-10); the service reverses them once. Stored and answered as positions either way.</summary>
    public ItemConvention? ItemConvention { get; set; }
    /// <summary>Answers in item order; null marks an unanswered item.</summary>
    [Required] public List<decimal?>? Items { get; set; }

    public Submission ToSubmission() => new(ClientId, Instrument, AdministeredAt, Items, SessionNumber, EpisodeId, ClinicianId, Rater, ItemConvention);

    /// <summary>The submission's rules (<see cref="SubmissionRules"/>), under the body's field names.</summary>
    internal sealed class Validator : Validator<Request>
    {
        public Validator() =>
            RuleFor(x => x).Custom((request, ctx) =>
            {
                foreach (var failure in SubmissionRules.Check(request.ToSubmission(), Resolve<TimeProvider>().GetUtcNow()))
                    ctx.AddFailure(failure);
            });
    }
}
