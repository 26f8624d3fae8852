namespace Feedback.Api.Features.Alerts.List;

sealed class Response
{
    public required List<AlertView> Items { get; init; }
    /// <summary>Pass as cursor to get the next page; null on the last page.</summary>
    public required string? NextCursor { get; init; }
}
