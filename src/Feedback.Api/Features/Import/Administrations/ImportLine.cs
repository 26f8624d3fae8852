using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using FluentValidation;

namespace Feedback.Api.Features.Import.Administrations;

/// <summary>
/// One line of an import (interop.md 4.3): the REST submit body plus lineId, clientId, ageGroup (used only when the
/// client is created), and either episodeId (an existing episode) or episodeKey (lines with one key form one new
/// episode, closed at episodeClosedAt when given).
/// </summary>
sealed class ImportLine
{
    /// <summary>The document's patterns, matched by the server as <see cref="IdPatterns"/> says (final $ as \z).</summary>
    public const string LineIdPattern = "^[A-Za-z0-9._:-]{1,128}$", EpisodeKeyPattern = "^[A-Za-z0-9._:-]{1,64}$";

    /// <summary>Required (on an export line, its id when absent): 1-128 of A-Z a-z 0-9 . _ : -; unique per tenant for ever (the same id with other content is a conflict).</summary>
    [StringLength(128, MinimumLength = 1), RegularExpression(LineIdPattern)] public string? LineId { get; set; }
    /// <summary>The caller's id of the client: 1-64 characters of A-Z a-z 0-9 . _ : -.</summary>
    [Required, StringLength(64, MinimumLength = 1), RegularExpression(ClientIds.PatternText)] public string? ClientId { get; set; }
    /// <summary>Used only when the line creates the client (default adult); a stored client keeps its own.</summary>
    public AgeGroup? AgeGroup { get; set; }
    /// <summary>An existing episode of this client; not with episodeKey.</summary>
    [RegularExpression(EpisodeIds.Pattern), StringLength(26, MinimumLength = 26)] public string? EpisodeId { get; set; }
    /// <summary>1-64 of A-Z a-z 0-9 . _ : -: the lines of one key form one new episode of the client, also across files.</summary>
    [StringLength(64, MinimumLength = 1), RegularExpression(EpisodeKeyPattern)] public string? EpisodeKey { get; set; }
    /// <summary>Only with episodeKey: the episode's end, the same on all its lines, not before their administeredAt, in the past.</summary>
    public DateTimeOffset? EpisodeClosedAt { get; set; }
    /// <summary>Exact, case-sensitive catalogue code, e.g. PHQ-9.</summary>
    [Required, OpenApi.CatalogueCode] public string? Instrument { get; set; }
    /// <summary>When the questionnaire was completed (ISO 8601 with Z or an offset); in the past.</summary>
    [Required] public DateTimeOffset? AdministeredAt { get; set; }
    /// <summary>1 = intake; 1-1000.</summary>
    [Range(1, 1000)] public int? SessionNumber { get; set; }
    /// <summary>The caller's id of the clinician who saw the client: 1-64 characters of A-Z a-z 0-9 . _ : -; defaults to the client's.</summary>
    [RegularExpression(ClientIds.PatternText), StringLength(64, MinimumLength = 1)] public string? ClinicianId { get; set; }
    /// <summary>client (default), therapist (WAI-SR and TASC-R only) or caregiver.</summary>
    public Rater? Rater { get; set; }
    /// <summary>response (default) or scored, as for POST .../administrations.</summary>
    public ItemConvention? ItemConvention { get; set; }
    /// <summary>Answers in item order; null marks an unanswered item.</summary>
    [Required] public List<decimal?>? Items { get; set; }

    // An NDJSON export line is an import line as it is (docs/bulk.md, "Round trip"): what only an export line holds.

    /// <summary>Only on an export line: administration. (An export's end line, type end, is answered ignored.)</summary>
    public string? Type { get; set; }
    /// <summary>Export line: the exporting tenant's administration id, used as lineId when no lineId is sent.</summary>
    public string? Id { get; set; }
    /// <summary>Export line: the exporting tenant's episode; ignored (episodeKey places the line), but for reason stale, kept on the line that makes the key's episode.</summary>
    public ExportedEpisode? Episode { get; set; }
    /// <summary>Export line, ignored: the import's time is the receiving tenant's receivedAt.</summary>
    public DateTimeOffset? ReceivedAt { get; set; }
    /// <summary>Export line, ignored: computed again from the items, as of administeredAt.</summary>
    public JsonElement? Score { get; set; }
    /// <summary>Export line, ignored: computed again from the items, as of administeredAt.</summary>
    public JsonElement? Feedback { get; set; }
    /// <summary>Export line, ignored: computed again.</summary>
    public string? Model { get; set; }
    /// <summary>Export line, ignored: the receiving service's rules are applied.</summary>
    public string? RulesVersion { get; set; }
    /// <summary>Export line, ignored: an imported administration's source is import.</summary>
    public string? Source { get; set; }

    /// <summary>The episode an export line names: its id (ignored), whether the line opened it and why.</summary>
    public sealed class ExportedEpisode
    {
        public string? Id { get; set; }
        public bool? Opened { get; set; }
        public EpisodeOpened? Reason { get; set; }
    }

    public const string ExportLine = "administration", ExportEnd = "end";

    /// <summary>
    /// An export line read as an import line: its id is the lineId unless one is sent, and its episodeId, the exporting
    /// tenant's, is dropped (its episodeKey places it). Other lines are left as they are.
    /// </summary>
    public ImportLine AsImported()
    {
        if (Type != ExportLine) return this;
        LineId ??= Id;
        EpisodeId = null;
        return this;
    }

    /// <summary>How the line's key makes its episode when the line is the first: stale when the export line says so.</summary>
    public EpisodeOpened? OpenedAs => Type == ExportLine && Episode is { Opened: true, Reason: EpisodeOpened.Stale } ? EpisodeOpened.Stale : null;

    public Recording.Submission ToSubmission() => new(ClientId ?? "", Instrument, AdministeredAt, Items, SessionNumber, EpisodeId, ClinicianId, Rater, ItemConvention);

    public Recording.SubmissionSource.Import ImportSource(DateTimeOffset liveSince) => new(LineId!, AgeGroup, EpisodeKey, EpisodeClosedAt, liveSince, OpenedAs);

    // What only an export line may carry.
    static readonly System.Linq.Expressions.Expression<Func<ImportLine, object?>>[] ExportOnlyFields =
        [x => x.Id, x => x.Episode, x => x.ReceivedAt, x => x.Score, x => x.Feedback, x => x.Model, x => x.RulesVersion, x => x.Source];

    /// <summary>The import's own rules; the submission's rules run on <see cref="ToSubmission"/>.</summary>
    internal sealed class Validator : AbstractValidator<ImportLine>
    {
        public Validator(DateTimeOffset now)
        {
            RuleFor(x => x.LineId).NotEmpty().WithMessage("Required.")
                .Must(id => id is null || IdPatterns.IsMatch(LineIdPattern, id)).WithMessage("1-128 of A-Z a-z 0-9 . _ : -.");
            RuleFor(x => x.ClientId).NotEmpty().WithMessage("Required.");
            RuleFor(x => x.EpisodeKey).Must(k => IdPatterns.IsMatch(EpisodeKeyPattern, k)).When(x => x.EpisodeKey is not null).WithMessage("1-64 of A-Z a-z 0-9 . _ : -.");
            RuleFor(x => x.EpisodeKey).Null().When(x => x.EpisodeId is not null).WithMessage("Send episodeId (an existing episode) or episodeKey (a new one), not both.");
            RuleFor(x => x.EpisodeClosedAt).Null().When(x => x.EpisodeKey is null).WithMessage("Only with episodeKey: it closes the episode the key makes.");
            RuleFor(x => x.EpisodeClosedAt).Must(at => at <= now).When(x => x.EpisodeClosedAt is not null).WithMessage("Must be in the past.");
            RuleFor(x => x.EpisodeClosedAt).Must((x, at) => at >= x.AdministeredAt).When(x => x.EpisodeClosedAt is not null && x.AdministeredAt is not null)
                .WithMessage("Before this line's administeredAt: an episode ends after its administrations.");
            RuleFor(x => x.AdministeredAt).Must(at => at <= now).When(x => x.AdministeredAt is not null).WithMessage("Must be in the past: an import brings history.");
            RuleFor(x => x.Type).Equal(ExportLine).When(x => x.Type is not null)
                .WithMessage("administration (an export line) or absent; an export's end line is answered ignored.");
            foreach (var exportOnly in ExportOnlyFields)
                RuleFor(exportOnly).Null().When(x => x.Type is null).WithMessage("Only on an export line (\"type\": \"administration\").");
        }
    }
}
