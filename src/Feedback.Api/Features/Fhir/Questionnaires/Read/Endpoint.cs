namespace Feedback.Api.Features.Fhir.Questionnaires.Read;

/// <summary>GET /fhir/r4/Questionnaire/{id}: the instrument whose catalogue code is the id (any key).</summary>
sealed class Endpoint : FhirEndpoint
{
    public override void Configure() => Serve(FhirRoutes.Questionnaire, KeyScopes.AnyKey);

    public override Task HandleAsync(CancellationToken ct) =>
        Catalogue.Find(Route<string>("id", isRequired: false)) is { } instrument
            ? SendResourceAsync(QuestionnaireResource.For(instrument, Canonical))
            : SendNotFoundAsync("Questionnaire");
}
