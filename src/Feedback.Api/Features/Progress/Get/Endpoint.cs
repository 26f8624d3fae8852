namespace Feedback.Api.Features.Progress.Get;

sealed class Endpoint(ProgressReader reader) : Endpoint<ProgressRequest, ProgressView>
{
    public override void Configure()
    {
        Get(ApiRoutes.Progress);
        Policies(KeyScopes.Read);
        Description(d => d.WithName("GetProgress").WithTags("Progress"));
        Summary(s =>
        {
            s.Summary = "A series of the episode, recomputed from the episode as it is now";
            s.Description = "Outcome instruments (kind outcome): one rater's points against the expected trajectory. Alliance instruments (kind alliance: SRS, CSRS, WAI-SR): every rater's ratings with reasons, baselines and ruptures (alliance-v2), and the concern cut-off.";
        });
    }

    public override async Task HandleAsync(ProgressRequest r, CancellationToken ct)
    {
        if (await reader.ReadAsync(User.TenantId(), r, ct) is not { } result)
            await HttpContext.WriteProblemAsync(404, "No such client, or no such episode for this client.");
        else
            await Send.OkAsync(result.View, ct);
    }
}
