using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Features.Fhir;

/// <summary>Search results (interop.md 1.6): a searchset without total, links self and next, absolute fullUrls.</summary>
static class Bundles
{
    public static R4.Bundle SearchSet(string self, string? next, IEnumerable<(string FullUrl, R4.Resource Resource)> entries)
    {
        var bundle = new R4.Bundle { Type = R4.Bundle.BundleType.Searchset };
        bundle.Link.Add(new R4.Bundle.LinkComponent { Relation = "self", Url = self });
        if (next is not null) bundle.Link.Add(new R4.Bundle.LinkComponent { Relation = "next", Url = next });
        foreach (var (fullUrl, resource) in entries)
            bundle.Entry.Add(new R4.Bundle.EntryComponent
            {
                FullUrl = fullUrl, Resource = resource,
                Search = new R4.Bundle.SearchComponent { Mode = R4.Bundle.SearchEntryMode.Match },
            });
        return bundle;
    }
}
