using Feedback.Api.Recording;

namespace Feedback.Api.Features.Fhir.QuestionnaireResponses.Create;

/// <summary>
/// The submission's rules (<see cref="SubmissionRules"/>, as REST applies them) run on the translated request (one set of rules: ranges, missing items, risk
/// items, session, clinician, time), its messages pointing at the elements they came from.
/// </summary>
static class RestRules
{
    public static IReadOnlyList<FhirIssue> Check(ResponseMapper.Mapped mapped, DateTimeOffset now) =>
        SubmissionRules.Check(mapped.Submission, now).Select(e =>
        {
            var field = ProblemSending.FieldPath(e.PropertyName);
            var code = field == "items" ? "business-rule" : "value";
            var errorCode = field.StartsWith("items[", StringComparison.Ordinal) ? "answer-out-of-range" : field == "items" ? "too-many-unanswered" : $"invalid-{Kebab(field)}";
            var source = ResponseMapper.SourceOf(mapped.Sources, field);
            return new FhirIssue(code, $"{Label(field, mapped.Submission.Instrument!)}: {e.ErrorMessage}{Hint(field, source)}", source, errorCode);
        }).ToList();

    // The element names a FHIR client sent, not the REST field names.
    static readonly Dictionary<string, string> Elements = new()
    {
        ["clientId"] = "subject", ["administeredAt"] = "authored", ["clinicianId"] = "author", ["rater"] = "rater",
        ["sessionNumber"] = "session-number", ["episodeId"] = "episode-id", ["instrument"] = "questionnaire",
    };

    static string Label(string field, string instrument) =>
        field.StartsWith("items[", StringComparison.Ordinal) && int.TryParse(field[6..^1], out var i) ? $"{instrument} item {i + 1}"
        : field == "items" ? instrument
        : Elements.GetValueOrDefault(field, field);

    // interop.md 1.5 takes the rater from the rater extension, else source, else author; a clinician who typed in the
    // client's answers is the author, so the way out is said.
    static string Hint(string field, string source) => field == "rater" && source is "QuestionnaireResponse.source" or "QuestionnaireResponse.author"
        ? $" The rater was taken from {source["QuestionnaireResponse.".Length..]} (a Practitioner is the therapist); if the client answered, send source Patient/<id> or the rater extension with valueCode client."
        : "";

    static string Kebab(string field) => string.Concat(field.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));
}
