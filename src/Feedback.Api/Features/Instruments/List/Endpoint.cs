using Feedback.Data.Tenants;

namespace Feedback.Api.Features.Instruments.List;

sealed class Endpoint(Database database, TenantRepository tenants) : EndpointWithoutRequest<List<InstrumentView>>
{
    public override void Configure()
    {
        Get(ApiRoutes.Instruments);
        Policies(KeyScopes.AnyKey);
        Description(d => d.WithName("ListInstruments").WithTags("Instruments"));
        Summary(s => s.Summary = "The instrument catalogue, with what the caller's tenant has enabled");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        await using var session = await database.ReadAsync(ct);
        var enabled = await tenants.EnabledInstrumentsAsync(session, User.TenantId(), ct);
        await Send.OkAsync(Catalogue.All.Select(i => InstrumentView.From(i, enabled.Contains(i.Code))).ToList(), ct);
    }
}
