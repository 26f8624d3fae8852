namespace Feedback.Api.Features.Fhir.Questionnaires.Search;

/// <summary>GET /fhir/r4/Questionnaire[?url=]: every instrument, or the one whose canonical (optionally |version) matches.</summary>
sealed class Endpoint : FhirEndpoint
{
    public override void Configure() => Serve(FhirRoutes.Questionnaires, KeyScopes.AnyKey);

    public override async Task HandleAsync(CancellationToken ct)
    {
        var (search, issues) = FhirSearch.Parse(HttpContext, "Questionnaire", cursorParts: 0);
        if (issues.Count > 0)
        {
            await SendIssuesAsync(400, issues);
            return;
        }
        var matches = Catalogue.All
            .Where(i => search["url"] is not { } url || Matches(url, QuestionnaireResource.Canonical(Canonical, i)))
            .Take(search.PageSize)
            .Select(i => (FullUrl("Questionnaire", i.Code), (Hl7.Fhir.Model.Resource)QuestionnaireResource.For(i, Canonical)));
        await SendResourceAsync(Bundles.SearchSet(FhirSearch.Self(HttpContext, Urls), null, matches));
    }

    static bool Matches(string url, string canonical) =>
        url.Split('|', 2) is [var u, var version] ? u == canonical && version == QuestionnaireResource.Version : url == canonical;
}
