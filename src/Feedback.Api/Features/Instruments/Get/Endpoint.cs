using Feedback.Data.Tenants;

namespace Feedback.Api.Features.Instruments.Get;

sealed class Request
{
    /// <summary>From the route.</summary>
    [RouteParam] public string Code { get; set; } = "";
}

sealed class Endpoint(Database database, TenantRepository tenants) : Endpoint<Request, InstrumentView>
{
    public override void Configure()
    {
        Get(ApiRoutes.Instrument);
        Policies(KeyScopes.AnyKey);
        Description(d => d.WithName("GetInstrument").WithTags("Instruments"));
        Summary(s => s.Summary = "One instrument of the catalogue, with its severity bands");
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        if (Catalogue.Find(r.Code) is not { } instrument)
        {
            await HttpContext.WriteProblemAsync(404, "No instrument with that code in the catalogue (codes are case-sensitive).");
            return;
        }
        await using var session = await database.ReadAsync(ct);
        var enabled = await tenants.EnabledInstrumentsAsync(session, User.TenantId(), ct);
        await Send.OkAsync(InstrumentView.From(instrument, enabled.Contains(instrument.Code), withBands: true), ct);
    }
}
