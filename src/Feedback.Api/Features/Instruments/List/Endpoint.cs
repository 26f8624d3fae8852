using Feedback.Data.Tenants;

namespace Feedback.Api.Features.Instruments.List;

sealed class Response
{
    public required List<InstrumentView> Items { get; init; }
    /// <summary>Always null: the catalogue is one page.</summary>
    public required string? NextCursor { get; init; }
}

sealed class Endpoint(Database database, TenantRepository tenants) : EndpointWithoutRequest<Response>
{
    public override void Configure()
    {
        Get(ApiRoutes.Instruments);
        Policies(KeyScopes.AnyKey);
        Description(d => d.WithName("ListInstruments").WithTags("Instruments"));
        Summary(s =>
        {
            s.Summary = "The instrument catalogue, with what the caller's tenant has enabled";
            s.Description = "Every instrument the service can score, in one page (nextCursor is null). `enabled` says whether the caller's clinic accepts it.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        await using var session = await database.ReadAsync(ct);
        var enabled = await tenants.EnabledInstrumentsAsync(session, User.TenantId(), ct);
        var items = Catalogue.All.Select(i => InstrumentView.From(i, enabled.Contains(i.Code))).ToList();
        await Send.OkAsync(new Response { Items = items, NextCursor = null }, ct);
    }
}
