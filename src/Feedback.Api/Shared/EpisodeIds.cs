namespace Feedback.Api.Shared;

/// <summary>episodeId in a body or a query: an id this API gave (a ULID); anything else is a 400 on episodeId.</summary>
static class EpisodeIds
{
    /// <summary>For the document; the rule itself is <see cref="MustBeEpisodeId"/>.</summary>
    public const string Pattern = "^[0-9A-Za-z]{26}$";

    public static IRuleBuilderOptions<T, string?> MustBeEpisodeId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(id => id is null || Ulid.TryParse(id, out _)).WithMessage("Not an episode id.");
}
