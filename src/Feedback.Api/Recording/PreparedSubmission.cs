namespace Feedback.Api.Recording;

/// <summary>
/// A valid submission with what is computed once, before the writer's turn: its instrument, rater, answers as response
/// positions (clinical.md section 1: the same answers sent as scored values are the same administration), their canonical
/// form and the fingerprints that make two submissions the same.
/// </summary>
sealed record PreparedSubmission(Submission Submission, SubmissionSource Source, Instrument Instrument, Rater Rater,
    IReadOnlyList<decimal?> Positions, string ItemsJson, string ContentHash, string RequestHash, string? LineHash, string? IdentifierSystem)
{
    public DateTimeOffset AdministeredAt => Submission.AdministeredAt!.Value;

    /// <summary>Only for a submission <see cref="SubmissionRules"/> accepted.</summary>
    public static PreparedSubmission Of(Submission s, SubmissionSource source)
    {
        var instrument = Catalogue.Get(s.Instrument!);
        var rater = s.Rater ?? Rater.Client;
        var positions = instrument.Positions(s.Items!, s.ItemConvention ?? ItemConvention.Response);
        var itemsJson = Fingerprints.CanonicalItems(instrument, positions);
        var restHash = Fingerprints.Request(s, itemsJson);
        var fhir = source as SubmissionSource.Fhir;
        var import = source as SubmissionSource.Import;
        return new PreparedSubmission(s, source, instrument, rater, positions, itemsJson,
            Fingerprints.Content(s.ClientId, instrument.Code, rater, s.AdministeredAt!.Value, itemsJson),
            fhir is null ? restHash : Fingerprints.FhirRequest(restHash, fhir.IdentifierSystem, fhir.IdentifierValue, fhir.Encounter),
            import is null ? null : Fingerprints.ImportLine(restHash, import.EpisodeKey, import.EpisodeClosedAt),
            fhir?.IdentifierValue is null ? null : fhir.IdentifierSystem ?? "");
    }
}
