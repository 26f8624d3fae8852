using Feedback.Data.Administrations;
using Feedback.Data.Alerts;

namespace Feedback.Api.Recording;

/// <summary>How a submission ended. A refusal (<see cref="IRefusal"/>) writes nothing: its transaction is rolled back to its savepoint.</summary>
abstract record Outcome
{
    public sealed record Saved(AdministrationRow Row, IReadOnlyList<AlertRow> Alerts) : Outcome;
    /// <summary>The Idempotency-Key's first request, answered again (api.md).</summary>
    public sealed record Replay(AdministrationRow Row, IReadOnlyList<AlertRow> Alerts) : Outcome;
    /// <summary>What the decision finds for a replay: the administration the key's first request stored (read for the answer).</summary>
    public sealed record Repeated(string AdministrationId) : Outcome;
    /// <summary>An identical administration is stored (api.md). An import line's id is recorded with it, as the plan says.</summary>
    public sealed record Duplicate(string ExistingId) : Outcome;
    public sealed record KeyReused : Outcome, IRefusal;
    public sealed record NotEnabled : Outcome, IRefusal;
    public sealed record UnknownEpisode : Outcome, IRefusal;
    /// <summary>A FHIR QuestionnaireResponse with this identifier is already stored (interop.md 1.5).</summary>
    public sealed record IdentifierExists(string ExistingId) : Outcome, IRefusal;
    /// <summary>An import line id already stored with other content (interop.md 4.3).</summary>
    public sealed record LineConflict(string ExistingId) : Outcome, IRefusal;
    /// <summary>An import's unclosed episodeKey for a client whose open episode is another one.</summary>
    public sealed record OpenEpisodeExists : Outcome, IRefusal;
    /// <summary>An import's episodeKey names a stored episode closed at another time (or not closed).</summary>
    public sealed record EpisodeCloseDisagrees : Outcome, IRefusal;
}
