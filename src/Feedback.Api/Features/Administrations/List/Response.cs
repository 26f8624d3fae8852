namespace Feedback.Api.Features.Administrations.List;

sealed class Response
{
    public required List<AdministrationView> Items { get; init; }
    /// <summary>Pass as cursor to get the next page; null on the last page.</summary>
    public required string? NextCursor { get; init; }
}
