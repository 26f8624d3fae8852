using Feedback.Data.Clients;

namespace Feedback.Api.Features.Clients.Put;

sealed class Response
{
    public required string ClientId { get; init; }
    public required AgeGroup AgeGroup { get; init; }
    public required string? ClinicianId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    public static Response From(ClientRow c) => new()
    {
        ClientId = c.ClientId, AgeGroup = Names.Parse<AgeGroup>(c.AgeGroup), ClinicianId = c.ClinicianId,
        CreatedAt = c.CreatedAt, UpdatedAt = c.UpdatedAt,
    };
}
