namespace Feedback.Api.Shared;

/// <summary>Page sizes of every keyset-paged list (api.md: limit 1-200, default 50).</summary>
static class Pages
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    /// <summary>Longer than any cursor this API makes.</summary>
    public const int MaxCursorLength = 200;
}
