using Feedback.Api.Recording;

namespace Feedback.Api.Features.Administrations.Submit;

sealed class Endpoint(Recorder recorder) : Endpoint<Request, AdministrationView>
{
    public override void Configure()
    {
        Post(ApiRoutes.Administrations);
        Policies(KeyScopes.Submit);
        Description(d => d.WithName("SubmitAdministration").WithTags("Administrations")
            .Produces<AdministrationView>(201).Produces<Problem>(409, Problem.ContentType));
        Summary(s =>
        {
            s.Summary = "Record a completed questionnaire: validated, scored and stored, with feedback";
            s.Description = """
                409 when an identical administration (client, instrument, rater, administeredAt, items) is already stored
                (existingId names it), or when the Idempotency-Key was used in the last 24 hours with another body. A second
                rating by the same rater in the same clinic session (other content) is recorded: it shares the session, and
                the progress chart draws it beside the first (docs/decisions.md).
                """;
        });
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var key = HttpContext.Request.Headers[IdempotencyKeys.Header];
        if (key.Count > 1 || key.Count == 1 && !IdempotencyKeys.IsValid(key[0]))
        {
            await HttpContext.WriteProblemAsync(400, $"Invalid input: {IdempotencyKeys.Header}.",
                new() { [IdempotencyKeys.Header] = [$"One header of 1-{IdempotencyKeys.MaxLength} visible ASCII characters."] });
            return;
        }
        var withFeedback = User.HasScope(KeyScopes.Read);
        // A saved administration is answered 201: its audit entry goes into the same commit.
        var audit = Api.Audit.InTransactionEntry.For(HttpContext, StatusCodes.Status201Created);
        switch (await recorder.RecordAsync(User.TenantId(), r.ToSubmission(), new SubmissionSource.Api(key.Count == 1 ? key[0] : null), ct, audit))
        {
            case Outcome.NotEnabled:
                await HttpContext.WriteProblemAsync(403, $"{r.Instrument} needs a licence or the authors' permission; an admin key can enable it in /v1/tenant/settings.");
                break;
            case Outcome.UnknownEpisode:
                await HttpContext.WriteProblemAsync(400, "Invalid input: episodeId.", new() { ["episodeId"] = ["No such episode for this client."] });
                break;
            case Outcome.Duplicate d:
                await HttpContext.WriteProblemAsync(409, "An identical administration is already stored.", existingId: d.ExistingId);
                break;
            case Outcome.KeyReused:
                await HttpContext.WriteProblemAsync(409, $"This {IdempotencyKeys.Header} was used in the last 24 hours with a different request.");
                break;
            case Outcome.Replay replay:
                HttpContext.Response.Headers[IdempotencyKeys.ReplayHeader] = "true";
                await CreatedAsync(r, AdministrationView.From(replay.Row, withFeedback, replay.Alerts), withFeedback, ct);
                break;
            case Outcome.Saved s:
                await CreatedAsync(r, AdministrationView.From(s.Row, withFeedback, s.Alerts), withFeedback, ct);
                break;
        }
    }

    Task CreatedAsync(Request r, AdministrationView view, bool withFeedback, CancellationToken ct)
    {
        // A submit-only key (a check-in tablet) reads no stored client details (api.md, scopes): the clinician the
        // administration took from the client record is not shown to it, only one the request itself sent.
        if (!withFeedback) view.ClinicianId = r.ClinicianId;
        HttpContext.Response.Headers.Location = ApiRoutes.AdministrationOf(r.ClientId, view.Id);
        return Send.ResponseAsync(view, 201, ct);
    }
}
