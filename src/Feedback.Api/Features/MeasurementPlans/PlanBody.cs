using System.ComponentModel.DataAnnotations;
using Feedback.Clinical.Plans;
using Rater = Feedback.Clinical.Instruments.Rater;

namespace Feedback.Api.Features.MeasurementPlans;

/// <summary>
/// A measurement plan as written (interop.md section 3): a name and 1-20 rules, one per instrument and rater. A PUT
/// replaces the whole plan; an override replaces the plan above it, never merges with it.
/// </summary>
class PlanBody
{
    /// <summary>1-100 characters, e.g. "Adult outpatient".</summary>
    [Required, StringLength(MaxName, MinimumLength = 1)] public string? Name { get; set; }
    /// <summary>1-20 rules, in the order a tablet shows them; (instrument, rater) unique.</summary>
    [Required] public List<RuleBody?>? Rules { get; set; }

    internal const int MaxName = 100, MaxRules = 20;

    internal class Checks<T> : Validator<T> where T : PlanBody
    {
        public Checks()
        {
            RuleFor(x => x.Name).NotEmpty().WithMessage("Required: 1-100 characters.")
                .MaximumLength(MaxName).WithMessage("At most 100 characters.");
            // Separate rules: a When on the chain would make the NotNull conditional too.
            RuleFor(x => x.Rules).NotNull().WithMessage("Required: 1-20 rules.");
            RuleFor(x => x.Rules).Must(r => r!.Count is >= 1 and <= MaxRules).When(x => x.Rules is not null).WithMessage("1-20 rules.");
            RuleForEach(x => x.Rules).NotNull().WithMessage("A rule, not null.").SetValidator(new RuleBody.Validator()!);
            RuleFor(x => x.Rules).Custom((rules, ctx) =>
            {
                var first = new Dictionary<(string, Rater), int>();
                for (var i = 0; i < (rules?.Count ?? 0); i++)
                {
                    if (rules![i] is not { Instrument: { } instrument } rule) continue;
                    var rater = rule.Rater ?? Rater.Client;
                    if (first.TryGetValue((instrument, rater), out var earlier))
                        ctx.AddFailure($"Rules[{i}]", $"{instrument} by {Names.Of(rater)} is already rules[{earlier}]; one rule per instrument and rater.");
                    else
                        first[(instrument, rater)] = i;
                }
            });
        }
    }
}

/// <summary>One rule: this instrument, by this rater, at this point of the session, this often.</summary>
sealed class RuleBody
{
    /// <summary>Catalogue code, enabled for the tenant.</summary>
    [Required, OpenApi.CatalogueCode] public string? Instrument { get; set; }
    /// <summary>client (default), caregiver, or therapist (WAI-SR and TASC-R only).</summary>
    public Rater? Rater { get; set; }
    /// <summary>start (default; a check-in tablet shows these) or end of the session.</summary>
    public Timing? Timing { get; set; }
    [Required] public CadenceBody? Cadence { get; set; }

    internal sealed class Validator : Validator<RuleBody>
    {
        public Validator()
        {
            RuleFor(x => x.Instrument).NotEmpty().WithMessage("Required.")
                .Must(Catalogue.Exists).WithMessage("Unknown instrument; codes are exact and case-sensitive (see GET /v1/instruments).");
            RuleFor(x => x.Rater).Must((r, rater) => rater != Clinical.Instruments.Rater.Therapist || Catalogue.Find(r.Instrument) is not { HasTherapistForm: false })
                .WithMessage(r => $"therapist is accepted only for {Catalogue.WithTherapistForm} (their therapist forms); {r.Instrument} has no therapist form.");
            RuleFor(x => x.Cadence).NotNull().WithMessage("Required.");
            RuleFor(x => x.Cadence!).SetValidator(new CadenceBody.Validator()).When(x => x.Cadence is not null);
        }
    }
}

/// <summary>
/// every_session; intake_only; every_n_sessions with n (2-52) and atIntake; every_n_days with days (1-365), earlyDays
/// (0-30 and less than days; default 2, or days - 1 when days is 1 or 2), graceDays (0-90, default 7) and atIntake.
/// Fields of another type are refused.
/// </summary>
sealed class CadenceBody
{
    [Required] public CadenceType? Type { get; set; }
    /// <summary>every_n_sessions: due again n sessions after the latest (2-52).</summary>
    [Range(2, 52)] public int? N { get; set; }
    /// <summary>every_n_sessions, every_n_days: also due at intake (default true).</summary>
    public bool? AtIntake { get; set; }
    /// <summary>every_n_days: due this many days after the latest (1-365).</summary>
    [Range(1, 365)] public int? Days { get; set; }
    /// <summary>every_n_days: shown this many days before it is due (0-30, less than days; default 2).</summary>
    [Range(0, 30)] public int? EarlyDays { get; set; }
    /// <summary>every_n_days: overdue this many days after it is due (0-90, default 7).</summary>
    [Range(0, 90)] public int? GraceDays { get; set; }

    internal const int DefaultEarlyDays = 2, DefaultGraceDays = 7;

    internal sealed class Validator : Validator<CadenceBody>
    {
        public Validator()
        {
            RuleFor(x => x.Type).NotNull().WithMessage("Required: every_session, intake_only, every_n_sessions or every_n_days.");
            RuleFor(x => x.N).NotNull().When(x => x.Type == CadenceType.EveryNSessions).WithMessage("Required for every_n_sessions: 2-52.");
            RuleFor(x => x.N).InclusiveBetween(2, 52).WithMessage("Must be 2-52.");
            RuleFor(x => x.Days).NotNull().When(x => x.Type == CadenceType.EveryNDays).WithMessage("Required for every_n_days: 1-365.");
            RuleFor(x => x.Days).InclusiveBetween(1, 365).WithMessage("Must be 1-365.");
            RuleFor(x => x.EarlyDays).InclusiveBetween(0, 30).WithMessage("Must be 0-30.");
            RuleFor(x => x.EarlyDays).Must((c, early) => early < c.Days).When(x => x.EarlyDays is >= 0 and <= 30 && x.Days is >= 1 and <= 365)
                .WithMessage("Must be less than days.");
            RuleFor(x => x.GraceDays).InclusiveBetween(0, 90).WithMessage("Must be 0-90.");
            RuleFor(x => x.N).Null().When(x => x.Type is not null and not CadenceType.EveryNSessions).WithMessage(x => $"Applies only to every_n_sessions, not {Names.Of(x.Type!.Value)}.");
            RuleFor(x => x.Days).Null().When(x => x.Type is not null and not CadenceType.EveryNDays).WithMessage(x => $"Applies only to every_n_days, not {Names.Of(x.Type!.Value)}.");
            RuleFor(x => x.EarlyDays).Null().When(x => x.Type is not null and not CadenceType.EveryNDays).WithMessage(x => $"Applies only to every_n_days, not {Names.Of(x.Type!.Value)}.");
            RuleFor(x => x.GraceDays).Null().When(x => x.Type is not null and not CadenceType.EveryNDays).WithMessage(x => $"Applies only to every_n_days, not {Names.Of(x.Type!.Value)}.");
            RuleFor(x => x.AtIntake).Null().When(x => x.Type is CadenceType.EverySession or CadenceType.IntakeOnly)
                .WithMessage(x => $"Applies only to every_n_sessions and every_n_days, not {Names.Of(x.Type!.Value)}.");
        }
    }

    /// <summary>The cadence with its defaults filled in; the body has passed <see cref="Validator"/>.</summary>
    public Cadence ToCadence() => Type!.Value switch
    {
        CadenceType.EveryNSessions => new Cadence(CadenceType.EveryNSessions, N: N!.Value, AtIntake: AtIntake ?? true),
        CadenceType.EveryNDays => new Cadence(CadenceType.EveryNDays, Days: Days!.Value, AtIntake: AtIntake ?? true,
            EarlyDays: EarlyDays ?? Math.Min(DefaultEarlyDays, Days.Value - 1), GraceDays: GraceDays ?? DefaultGraceDays),
        var other => new Cadence(other),
    };
}
