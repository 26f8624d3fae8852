using Feedback.Api.Features.Episodes;
using System.ComponentModel.DataAnnotations;
using Feedback.Api.Features.Clients;
using Feedback.Clinical.Scoring;

namespace Feedback.Api.Features.Administrations.Submit;

sealed class Request
{
    /// <summary>From the route.</summary>
    [RouteParam] public string ClientId { get; set; } = "";
    /// <summary>Exact, case-sensitive catalogue code, e.g. PHQ-9.</summary>
    [Required, OpenApi.CatalogueCode] public string? Instrument { get; set; }
    /// <summary>When the questionnaire was completed (ISO 8601 with Z or an offset); at most 5 minutes in the future.</summary>
    [Required] public DateTimeOffset? AdministeredAt { get; set; }
    /// <summary>1 = intake; 1-1000.</summary>
    [Range(1, MaxSessionNumber)] public int? SessionNumber { get; set; }
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

    internal static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);
    internal static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
    const int MaxSessionNumber = 1000;

    internal sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(x => x.ClientId).MustBeOpaqueId();
            RuleFor(x => x.Instrument).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Required.")
                .Must(Catalogue.Exists).WithMessage("Unknown instrument; codes are exact and case-sensitive (see GET /v1/instruments).");
            RuleFor(x => x.AdministeredAt).Cascade(CascadeMode.Stop).NotNull().WithMessage("Required.")
                .Must(BeNotTooFarInTheFuture).WithMessage("May not be more than 5 minutes in the future.")
                .Must(at => at >= Earliest).WithMessage("Must be after 1970-01-01.");
            RuleFor(x => x.SessionNumber).InclusiveBetween(1, MaxSessionNumber).WithMessage($"Must be 1-{MaxSessionNumber}.");
            RuleFor(x => x.EpisodeId).MustBeEpisodeId();
            RuleFor(x => x.ClinicianId).MustBeOpaqueId().When(x => x.ClinicianId is not null);
            RuleFor(x => x.Rater).Must((r, rater) => rater != Clinical.Instruments.Rater.Therapist || Catalogue.Find(r.Instrument) is not { HasTherapistForm: false })
                .WithMessage(r => $"therapist is accepted only for {Catalogue.WithTherapistForm} (their therapist forms); {r.Instrument} has no therapist form.");
            RuleFor(x => x.Items).Custom((items, ctx) =>
            {
                if (Catalogue.Find(ctx.InstanceToValidate.Instrument) is not { } instrument) return;
                foreach (var problem in Scorer.Check(instrument, items))
                    ctx.AddFailure(problem.Field, problem.Message);
            });
        }

        bool BeNotTooFarInTheFuture(DateTimeOffset? at) => at is null || at <= Resolve<TimeProvider>().GetUtcNow() + MaxFutureSkew;
    }
}
