using System.Text.RegularExpressions;
using Feedback.Api.Features.Clients;
using FluentValidation;

namespace Feedback.Api.Features.Import.Administrations;

/// <summary>
/// One line of an import (interop.md 4.3): the REST submit body plus lineId, clientId, ageGroup (used only when the
/// client is created), and either episodeId (an existing episode) or episodeKey (lines with one key form one new
/// episode, closed at episodeClosedAt when given).
/// </summary>
sealed partial class ImportLine
{
    /// <summary>1-128 of A-Z a-z 0-9 . _ : -; unique per tenant for ever.</summary>
    public string? LineId { get; set; }
    public string? ClientId { get; set; }
    public AgeGroup? AgeGroup { get; set; }
    public string? EpisodeId { get; set; }
    public string? EpisodeKey { get; set; }
    public DateTimeOffset? EpisodeClosedAt { get; set; }
    public string? Instrument { get; set; }
    public DateTimeOffset? AdministeredAt { get; set; }
    public int? SessionNumber { get; set; }
    public string? ClinicianId { get; set; }
    public Rater? Rater { get; set; }
    public ItemConvention? ItemConvention { get; set; }
    public List<decimal?>? Items { get; set; }

    public Api.Features.Administrations.Submit.Request ToSubmission() => new()
    {
        ClientId = ClientId ?? "", Instrument = Instrument, AdministeredAt = AdministeredAt, SessionNumber = SessionNumber,
        EpisodeId = EpisodeId, ClinicianId = ClinicianId, Rater = Rater, ItemConvention = ItemConvention, Items = Items,
    };

    /// <summary>The import's own rules; the submission's rules run on <see cref="ToSubmission"/>.</summary>
    internal sealed partial class Validator : AbstractValidator<ImportLine>
    {
        public Validator(DateTimeOffset now)
        {
            RuleFor(x => x.LineId).NotEmpty().WithMessage("Required.")
                .Must(id => id is null || LineIdPattern().IsMatch(id)).WithMessage("1-128 of A-Z a-z 0-9 . _ : -.");
            RuleFor(x => x.ClientId).NotEmpty().WithMessage("Required.");
            RuleFor(x => x.EpisodeKey).Must(k => KeyPattern().IsMatch(k!)).When(x => x.EpisodeKey is not null).WithMessage("1-64 of A-Z a-z 0-9 . _ : -.");
            RuleFor(x => x.EpisodeKey).Null().When(x => x.EpisodeId is not null).WithMessage("Send episodeId (an existing episode) or episodeKey (a new one), not both.");
            RuleFor(x => x.EpisodeClosedAt).Null().When(x => x.EpisodeKey is null).WithMessage("Only with episodeKey: it closes the episode the key makes.");
            RuleFor(x => x.EpisodeClosedAt).Must(at => at <= now).When(x => x.EpisodeClosedAt is not null).WithMessage("Must be in the past.");
            RuleFor(x => x.EpisodeClosedAt).Must((x, at) => at >= x.AdministeredAt).When(x => x.EpisodeClosedAt is not null && x.AdministeredAt is not null)
                .WithMessage("Before this line's administeredAt: an episode ends after its administrations.");
            RuleFor(x => x.AdministeredAt).Must(at => at <= now).When(x => x.AdministeredAt is not null).WithMessage("Must be in the past: an import brings history.");
        }

        [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")] private static partial Regex LineIdPattern();
        [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")] private static partial Regex KeyPattern();
    }
}
