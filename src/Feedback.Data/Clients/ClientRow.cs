namespace Feedback.Data.Clients;

public sealed class ClientRow
{
    public string ClientId { get; init; } = "";
    public string AgeGroup { get; init; } = "adult";
    public string? ClinicianId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
