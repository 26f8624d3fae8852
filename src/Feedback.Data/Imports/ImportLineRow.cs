namespace Feedback.Data.Imports;

/// <summary>An import line id already seen: the fingerprint of its content and the administration it became.</summary>
public sealed class ImportLineRow
{
    public string LineHash { get; init; } = "";
    public string AdministrationId { get; init; } = "";
}
