namespace Feedback.Api.Features.Progress.Chart;

sealed class Endpoint(ProgressReader reader) : Endpoint<ProgressRequest>
{
    public const string ContentType = "image/svg+xml";

    public override void Configure()
    {
        Get(ApiRoutes.ProgressChart);
        Policies(KeyScopes.Read);
        Description(d => d.WithName("GetProgressChart").WithTags("Progress").ClearDefaultProduces(200).Produces<string>(200, ContentType));
        Summary(s =>
        {
            s.Summary = "The progress as an SVG chart an EHR can embed (no client identifier in it)";
            s.Description = "Outcome: scores against the expected curve, its band and the clinical cut-off. Alliance: each rater's line, the concern cut-off, ruptures from onset to repair or unrepaired end.";
        });
    }

    public override async Task HandleAsync(ProgressRequest r, CancellationToken ct)
    {
        if (await reader.ReadAsync(User.TenantId(), r, ct) is not { } result)
        {
            await HttpContext.WriteProblemAsync(404, "No such client, or no such episode for this client.");
            return;
        }
        var svg = result.View.Kind == InstrumentKind.Alliance
            ? AllianceChart.Render(result.Instrument, result.View)
            : ProgressChart.Render(result.Instrument, result.AgeGroup, result.View);
        await Send.StringAsync(svg, contentType: ContentType, cancellation: ct);
    }
}
