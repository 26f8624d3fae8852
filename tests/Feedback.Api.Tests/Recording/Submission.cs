namespace Feedback.Api.Tests.Recording;

/// <summary>
/// One administration of a differential history, sent either as a POST body (api.md) or as an import line (interop.md
/// 4.3): the same fields, the line adding its id, the client, the client's age group and its episode key.
/// </summary>
public sealed record Submission(string ClientId, string Instrument, DateTimeOffset At, decimal?[] Items)
{
    public int? Session { get; init; }
    public string? Rater { get; init; }
    public string? ClinicianId { get; init; }
    public string? ItemConvention { get; init; }
    /// <summary>An import line's ageGroup; a live caller sets it with PUT /v1/clients/{clientId} before the first POST.</summary>
    public string? AgeGroup { get; init; }
    /// <summary>A test's name for an episode opened with POST /v1/clients/{clientId}/episodes in each tenant, sent as episodeId.</summary>
    public string? Episode { get; init; }
    public string? EpisodeKey { get; init; }
    public DateTimeOffset? EpisodeClosedAt { get; init; }

    public Dictionary<string, object?> Body(string? episodeId = null) => Without(new()
    {
        ["instrument"] = Instrument, ["administeredAt"] = At, ["sessionNumber"] = Session, ["rater"] = Rater, ["clinicianId"] = ClinicianId,
        ["itemConvention"] = ItemConvention, ["episodeId"] = episodeId, ["items"] = Items,
    });

    public Dictionary<string, object?> Line(string lineId, string? episodeId = null)
    {
        var line = Body(episodeId);
        line["lineId"] = lineId;
        line["clientId"] = ClientId;
        line["ageGroup"] = AgeGroup;
        line["episodeKey"] = EpisodeKey;
        line["episodeClosedAt"] = EpisodeClosedAt;
        return Without(line);
    }

    static Dictionary<string, object?> Without(Dictionary<string, object?> fields)
    {
        foreach (var absent in fields.Where(f => f.Value is null).Select(f => f.Key).ToList()) fields.Remove(absent);
        return fields;
    }
}
