namespace Feedback.Api.Features.Administrations.Submit;

sealed class Endpoint(Recorder recorder) : Endpoint<Request, AdministrationView>
{
    public override void Configure()
    {
        Post(ApiRoutes.Administrations);
        Policies(KeyScopes.Submit);
        Description(d => d.WithName("SubmitAdministration").WithTags("Administrations")
            .Produces<AdministrationView>(201).Produces<Problem>(409, Problem.ContentType));
        Summary(s => s.Summary = "Record a completed questionnaire: validated, scored and stored, with feedback");
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var outcome = await recorder.RecordAsync(User.TenantId(), r, ct);
        switch (outcome)
        {
            case Recorder.Outcome.NotEnabled:
                await HttpContext.WriteProblemAsync(403, $"{r.Instrument} needs a licence or the authors' permission; an admin key can enable it in /v1/tenant/settings.");
                break;
            case Recorder.Outcome.UnknownEpisode:
                await HttpContext.WriteProblemAsync(400, "Invalid input: episodeId.", new() { ["episodeId"] = ["No such episode for this client."] });
                break;
            case Recorder.Outcome.Duplicate d:
                await HttpContext.WriteProblemAsync(409, "An identical administration is already stored.", existingId: d.ExistingId);
                break;
            case Recorder.Outcome.Saved s:
                HttpContext.Response.Headers.Location = ApiRoutes.AdministrationOf(r.ClientId, s.Row.Id);
                await Send.ResponseAsync(AdministrationView.From(s.Row, withFeedback: User.HasScope(KeyScopes.Read), s.Alerts), 201, ct);
                break;
        }
    }
}
