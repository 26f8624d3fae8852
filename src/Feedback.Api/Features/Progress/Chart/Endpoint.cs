using Feedback.Data.Alerts;

namespace Feedback.Api.Features.Progress.Chart;

sealed class Endpoint(ProgressReader reader, Database database, AlertRepository alerts) : Endpoint<ProgressRequest>
{
    public const string ContentType = "image/svg+xml";

    public override void Configure()
    {
        Get(ApiRoutes.ProgressChart);
        Policies(KeyScopes.Read);
        Description(d => d.WithName("GetProgressChart").WithTags("Progress").ClearDefaultProduces(200).Produces<string>(200, ContentType));
        Summary(s =>
        {
            s.Summary = "The progress as an SVG chart an EHR can embed (no client identifier, no dates)";
            s.Description = "x is the clinic session (clinical.md section 1). Outcome: scores coloured and shaped by status against the expected curve, its bands, the clinical cut-off and the reliable-change lines, with risk items marked. Alliance: each rater's line, the concern cut-off where one is published, concern ratings, ruptures from onset to repair or end, and discrepancies between client and therapist.";
        });
    }

    public override async Task HandleAsync(ProgressRequest r, CancellationToken ct)
    {
        if (await reader.ReadAsync(User.TenantId(), r, ct) is not { } result)
        {
            await HttpContext.WriteProblemAsync(404, "No such client, or no such episode for this client.");
            return;
        }
        IReadOnlyList<AlertRow> raised = [];
        if (result.View.EpisodeId is { } episodeId)
        {
            await using var session = await database.ReadAsync(ct);
            raised = await alerts.OfEpisodeInstrumentAsync(session, User.TenantId(), episodeId, result.Instrument.Code, ct);
        }
        var svg = result.View.Kind == InstrumentKind.Alliance
            ? AllianceChart.Render(result.Instrument, result.View, result.Answers, raised)
            : ProgressChart.Render(result.Instrument, result.AgeGroup, result.View, result.Answers, raised);
        await Send.StringAsync(svg, contentType: ContentType, cancellation: ct);
    }
}
