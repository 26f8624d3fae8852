using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Feedback.Api.Recording;

/// <summary>Canonical forms and hashes of a submission: what makes two of them the same.</summary>
static class Fingerprints
{
    /// <summary>Items as stored and compared: [2,1,null] or [5.2,6.0], so 6 and 6.0 are the same answer.</summary>
    public static string CanonicalItems(Instrument instrument, IReadOnlyList<decimal?> items)
    {
        var format = instrument.Decimals == 0 ? "0" : "0." + new string('0', instrument.Decimals);
        return "[" + string.Join(',', items.Select(i => i?.ToString(format, CultureInfo.InvariantCulture) ?? "null")) + "]";
    }

    /// <summary>What makes two administrations exact duplicates (api.md): client, instrument, rater, time, items.</summary>
    public static string Content(string clientId, string instrument, Rater rater, DateTimeOffset administeredAt, string itemsJson) =>
        Hash(clientId, instrument, Names.Of(rater), Ticks(administeredAt), itemsJson);

    /// <summary>The whole request, for Idempotency-Key: the same key with any other body is a conflict.</summary>
    public static string Request(Submission r, string itemsJson) =>
        Hash(r.ClientId, r.Instrument!, Ticks(r.AdministeredAt!.Value), r.SessionNumber?.ToString(CultureInfo.InvariantCulture) ?? "",
            r.EpisodeId ?? "", r.ClinicianId ?? "", Names.Of(r.Rater ?? Rater.Client), itemsJson);

    /// <summary>A FHIR create: the REST fields plus what only FHIR sends; never equal to a REST request's hash.</summary>
    public static string FhirRequest(string restRequestHash, string? identifierSystem, string? identifierValue, string? encounter) =>
        Hash("fhir/r4/QuestionnaireResponse", restRequestHash, identifierSystem ?? "", identifierValue ?? "", encounter ?? "");

    /// <summary>An import line by meaning (interop.md 4.3): the submission as its REST request hash reads it (canonical items,
    /// the default rater) and the episode the line names; not ageGroup, which only a new client takes.</summary>
    public static string ImportLine(string restRequestHash, string? episodeKey, DateTimeOffset? episodeClosedAt) =>
        Hash("import", restRequestHash, episodeKey ?? "", episodeClosedAt is { } closed ? Ticks(closed) : "");

    static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString(CultureInfo.InvariantCulture);

    static string Hash(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))));
}
