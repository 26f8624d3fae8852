using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Features.Fhir.SearchParameters.Read;

/// <summary>
/// GET /fhir/r4/SearchParameter/{id} (any key): the definitions of the parameters that are ours rather than R4's, which the
/// CapabilityStatement points at (interop.md 1.2): today Flag-status.
/// </summary>
sealed class Endpoint : FhirEndpoint
{
    public override void Configure() => Serve(FhirRoutes.SearchParameter, KeyScopes.AnyKey);

    public override Task HandleAsync(CancellationToken ct) =>
        Route<string>("id", isRequired: false) == FlagStatusId
            ? SendResourceAsync(FlagStatus(Canonical))
            : SendNotFoundAsync("SearchParameter");

    const string FlagStatusId = FhirCodes.FlagStatusParameterId;

    public static R4.SearchParameter FlagStatus(string canonical) => new()
    {
        Id = FlagStatusId,
        Url = FhirCodes.FlagStatusParameter(canonical),
        Name = "status",
        Status = R4.PublicationStatus.Active,
        Description = "The Flag's status: active (an open alert) or inactive (acknowledged or resolved); both separated by a comma.",
        Code = "status",
        Base = [R4.ResourceType.Flag],
        Type = R4.SearchParamType.Token,
        Expression = "Flag.status",
        XpathUsage = R4.SearchParameter.XPathUsageType.Normal,
    };
}
