using Feedback.Clinical.Scoring;
using FluentValidation.Results;

namespace Feedback.Api.Recording;

/// <summary>
/// The shape rules every door applies to a submission (api.md): REST's validator, the FHIR create and each import line
/// run these, so a field is refused with the same message whichever way it came. Built once: compiling the rules per
/// request cost more than recording an import line.
/// </summary>
static class SubmissionRules
{
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);
    public static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public const int MaxSessionNumber = 1000;
    const string NowKey = "now";

    static readonly Rules Instance = new();

    /// <summary>The failures, named by field (ClientId, Items[3], ...), as of <paramref name="now"/>.</summary>
    public static IReadOnlyList<ValidationFailure> Check(Submission submission, DateTimeOffset now)
    {
        var context = new FluentValidation.ValidationContext<Submission>(submission);
        context.RootContextData[NowKey] = now;
        return Instance.Validate(context).Errors;
    }

    sealed class Rules : AbstractValidator<Submission>
    {
        public Rules()
        {
            RuleFor(x => x.ClientId).MustBeOpaqueId();
            RuleFor(x => x.Instrument).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Required.")
                .Must(Catalogue.Exists).WithMessage("Unknown instrument; codes are exact and case-sensitive (see GET /v1/instruments).");
            RuleFor(x => x.AdministeredAt).Cascade(CascadeMode.Stop).NotNull().WithMessage("Required.")
                .Must((_, at, ctx) => at <= (DateTimeOffset)ctx.RootContextData[NowKey] + MaxFutureSkew).WithMessage("May not be more than 5 minutes in the future.")
                .Must(at => at >= Earliest).WithMessage("Must be after 1970-01-01.");
            RuleFor(x => x.SessionNumber).InclusiveBetween(1, MaxSessionNumber).WithMessage($"Must be 1-{MaxSessionNumber}.");
            RuleFor(x => x.EpisodeId).MustBeEpisodeId();
            RuleFor(x => x.ClinicianId).MustBeOpaqueId().When(x => x.ClinicianId is not null);
            RuleFor(x => x.Rater).Must((s, rater) => rater != Clinical.Instruments.Rater.Therapist || Catalogue.Find(s.Instrument) is not { HasTherapistForm: false })
                .WithMessage(s => $"therapist is accepted only for {Catalogue.WithTherapistForm} (their therapist forms); {s.Instrument} has no therapist form.");
            RuleFor(x => x.Items).Custom((items, ctx) =>
            {
                if (Catalogue.Find(ctx.InstanceToValidate.Instrument) is not { } instrument) return;
                foreach (var problem in Scorer.Check(instrument, items))
                    ctx.AddFailure(problem.Field, problem.Message);
            });
        }
    }
}
