using System.Text.RegularExpressions;
using Feedback.Api.Recording;
using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Features.Fhir.QuestionnaireResponses;

/// <summary>
/// A received QuestionnaireResponse as the submission the REST route takes (interop.md 1.5): the same request, validated
/// and recorded by the same code. Every REST field remembers the FHIRPath it came from, so a REST validation message
/// points at the element of the received resource.
/// </summary>
sealed partial class ResponseMapper(string canonical, string? tenantClientIdSystem)
{
    public sealed record Mapped(Submission Submission, string? IdentifierSystem, string? IdentifierValue, string? Encounter,
        IReadOnlyDictionary<string, string> Sources, IReadOnlyList<FhirIssue> Notes)
    {
        public SubmissionSource.Fhir Source(string? idempotencyKey) => new(idempotencyKey, IdentifierSystem, IdentifierValue, Encounter);
    }

    const string Root = "QuestionnaireResponse";
    public const int MaxIdentifierLength = 255;
    const int MaxEncounterLength = 200;

    readonly List<FhirIssue> issues = [];
    readonly List<FhirIssue> notes = [];
    readonly Dictionary<string, string> sources = new(StringComparer.Ordinal);

    [GeneratedRegex(@"^Patient/([A-Za-z0-9\-.]{1,64})\z")]
    private static partial Regex PatientReference();

    public (Mapped? Mapped, IReadOnlyList<FhirIssue> Issues) Map(R4.QuestionnaireResponse qr)
    {
        CheckStatus(qr);
        CheckModifiers(qr.ModifierExtension, Root);
        CheckModifiers(qr.Item, Root);
        CheckExtensionBases(qr);
        var clientId = Subject(qr);
        var authored = Authored(qr);
        var rater = RaterOf(qr);
        var clinicianId = Clinician(qr);
        var (sessionNumber, episodeId) = (SessionNumber(qr), EpisodeIdOf(qr));
        var identifier = Identifier(qr);
        var encounter = Encounter(qr);

        var answered = FlatItem.Answered(qr.Item, Root).ToList();
        var (resolution, unresolved) = InstrumentResolution.Resolve(qr, answered.Select(a => a.LinkId).ToList(), canonical);
        if (unresolved is not null) issues.Add(unresolved);
        var items = resolution is null ? null : Items(resolution, answered);
        if (issues.Count > 0 || resolution is null) return (null, issues);

        var submission = new Submission(clientId ?? "", resolution.Instrument.Code, authored, items, sessionNumber, episodeId, clinicianId, rater,
            ItemConvention.Response);
        sources["instrument"] = qr.Questionnaire is null ? Root : $"{Root}.questionnaire";
        sources["items"] = answered.Count == 0 ? Root : $"{Root}.item";
        return (new Mapped(submission, identifier?.System, identifier?.Value, encounter, sources, notes), []);
    }

    /// <summary>Where a REST field (clientId, items[3]) came from in the received resource.</summary>
    public static string SourceOf(IReadOnlyDictionary<string, string> sources, string field) =>
        sources.TryGetValue(field, out var path) ? path : Root;

    void CheckStatus(R4.QuestionnaireResponse qr)
    {
        if (qr.Status is R4.QuestionnaireResponse.QuestionnaireResponseStatus.Completed or R4.QuestionnaireResponse.QuestionnaireResponseStatus.Amended) return;
        issues.Add(new("business-rule", $"Only a completed (or amended) response can be scored; status {Hl7.Fhir.Utility.EnumUtility.GetLiteral(qr.Status)} is not (retraction is not supported yet).",
            $"{Root}.status", "status-not-completed"));
    }

    // FHIR: a modifier extension changes the meaning of what holds it (a negated answer, say); one this server does not
    // know cannot be ignored, so the response cannot be scored.
    void CheckModifiers(List<R4.Extension> modifiers, string path)
    {
        for (var i = 0; i < modifiers.Count; i++)
            issues.Add(new("not-supported", $"modifierExtension {modifiers[i].Url} is not understood by this server, so the element it modifies cannot be scored.",
                $"{path}.modifierExtension[{i}]", "unknown-modifier"));
    }

    void CheckModifiers(List<R4.QuestionnaireResponse.ItemComponent> items, string parent)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{parent}.item[{i}]";
            CheckModifiers(items[i].ModifierExtension, path);
            CheckModifiers(items[i].Item, path);
            for (var a = 0; a < items[i].Answer.Count; a++)
            {
                CheckModifiers(items[i].Answer[a].ModifierExtension, $"{path}.answer[{a}]");
                CheckModifiers(items[i].Answer[a].Item, $"{path}.answer[{a}]");
            }
        }
    }

    // An extension named like ours under another base (a server reached by another host name, a copied example) would
    // otherwise be dropped without a word, and the session number with it.
    void CheckExtensionBases(R4.QuestionnaireResponse qr)
    {
        for (var i = 0; i < qr.Extension.Count; i++)
            foreach (var name in new[] { FhirCodes.SessionNumber, FhirCodes.EpisodeId, FhirCodes.Rater })
                if (qr.Extension[i].Url is { } url && url.EndsWith($"/StructureDefinition/{name}", StringComparison.Ordinal) && url != FhirCodes.Extension(canonical, name))
                    issues.Add(new("value", $"This server's {name} extension is {FhirCodes.Extension(canonical, name)} (its canonical base is {canonical}).",
                        $"{Root}.extension[{i}]", "unknown-extension-base"));
    }

    string? Subject(R4.QuestionnaireResponse qr)
    {
        if (qr.Subject is not { } subject)
        {
            issues.Add(new("required", "subject is required: Patient/<clientId>, or an identifier of the client.", Root, "subject-required"));
            return null;
        }
        string? byReference = null, byIdentifier = null;
        if (subject.Reference is { } reference)
        {
            if (PatientReference().Match(reference) is { Success: true } m) byReference = m.Groups[1].Value;
            else issues.Add(new("value", "subject.reference must be a relative Patient/<id> (FHIR ids allow A-Z a-z 0-9 - . and at most 64 characters; other client ids use subject.identifier).",
                $"{Root}.subject.reference", "invalid-subject"));
        }
        if (subject.Identifier is { } identifier)
        {
            var system = identifier.System;
            if (system is not null && system != FhirCodes.ClientIdSystem(canonical) && system != tenantClientIdSystem)
                issues.Add(new("value", $"subject.identifier.system must be absent or {FhirCodes.ClientIdSystem(canonical)}"
                    + (tenantClientIdSystem is null ? " (a tenant can add its own with the setting fhirClientIdSystem)." : $", or {tenantClientIdSystem} (the tenant setting fhirClientIdSystem)."),
                    $"{Root}.subject.identifier.system", "invalid-subject"));
            else if (identifier.Value is null)
                issues.Add(new("required", "subject.identifier needs a value: the client id.", $"{Root}.subject.identifier", "invalid-subject"));
            else byIdentifier = identifier.Value;
        }
        if (subject.Reference is null && subject.Identifier is null)
            issues.Add(new("required", "subject needs a reference (Patient/<clientId>) or an identifier.", $"{Root}.subject", "subject-required"));
        if (byReference is not null && byIdentifier is not null && byReference != byIdentifier)
            issues.Add(new("business-rule", "subject.reference and subject.identifier name different clients.", $"{Root}.subject", "invalid-subject"));
        sources["clientId"] = byReference is not null ? $"{Root}.subject.reference" : $"{Root}.subject.identifier.value";
        return byReference ?? byIdentifier;
    }

    DateTimeOffset? Authored(R4.QuestionnaireResponse qr)
    {
        sources["administeredAt"] = $"{Root}.authored";
        if (qr.Authored is null)
        {
            issues.Add(new("required", "authored is required: when the questionnaire was completed.", Root, "authored-required"));
            return null;
        }
        if (FhirDates.Instant(qr.Authored) is { } at) return at;
        issues.Add(new("value", "authored must be a full date-time with a time zone (2026-11-20T09:15:00Z), not a bare date.", $"{Root}.authored", "invalid-authored"));
        return null;
    }

    Rater? RaterOf(R4.QuestionnaireResponse qr)
    {
        var index = qr.Extension.FindIndex(e => e.Url == FhirCodes.Extension(canonical, FhirCodes.Rater));
        if (index >= 0)
        {
            var path = $"{Root}.extension[{index}]";
            sources["rater"] = path;
            if (qr.Extension[index].Value is R4.Code { Value: { } code } && Names.TryParse<Rater>(code, out var rater)) return rater;
            issues.Add(new("value", "The rater extension takes valueCode client, therapist or caregiver.", path, "invalid-rater"));
            return null;
        }
        if (qr.Source is { } source)
        {
            sources["rater"] = $"{Root}.source";
            return RaterOfType(TypeOf(source));
        }
        sources["rater"] = qr.Author is null ? Root : $"{Root}.author";
        return qr.Author is null ? Rater.Client : RaterOfType(TypeOf(qr.Author));
    }

    static Rater RaterOfType(string? type) => type switch
    {
        "RelatedPerson" => Rater.Caregiver,
        "Practitioner" or "PractitionerRole" => Rater.Therapist,
        _ => Rater.Client, // Patient, Device, Organization, unknown
    };

    string? Clinician(R4.QuestionnaireResponse qr)
    {
        if (qr.Author is not { } author || TypeOf(author) is not ("Practitioner" or "PractitionerRole")) return null;
        sources["clinicianId"] = $"{Root}.author";
        return author.Reference is { } reference ? reference.Split('/')[^1] : author.Identifier?.Value;
    }

    static string? TypeOf(R4.ResourceReference reference) =>
        reference.Reference is { } r && r.Split('/') is { Length: >= 2 } parts ? parts[^2] : reference.Type;

    int? SessionNumber(R4.QuestionnaireResponse qr)
    {
        var index = qr.Extension.FindIndex(e => e.Url == FhirCodes.Extension(canonical, FhirCodes.SessionNumber));
        if (index < 0) return null;
        sources["sessionNumber"] = $"{Root}.extension[{index}]";
        if (qr.Extension[index].Value is R4.Integer { Value: { } n }) return n;
        issues.Add(new("value", "The session-number extension takes valueInteger 1-1000.", $"{Root}.extension[{index}]", "invalid-session-number"));
        return null;
    }

    string? EpisodeIdOf(R4.QuestionnaireResponse qr)
    {
        var index = qr.Extension.FindIndex(e => e.Url == FhirCodes.Extension(canonical, FhirCodes.EpisodeId));
        if (index < 0) return null;
        sources["episodeId"] = $"{Root}.extension[{index}]";
        if (qr.Extension[index].Value is R4.FhirString { Value: { } id }) return id;
        issues.Add(new("value", "The episode-id extension takes valueString, an episode id.", $"{Root}.extension[{index}]", "invalid-episode-id"));
        return null;
    }

    R4.Identifier? Identifier(R4.QuestionnaireResponse qr)
    {
        if (qr.Identifier is not { } identifier) return null;
        if (identifier.Value is null)
            issues.Add(new("required", "identifier needs a value (and preferably a system).", $"{Root}.identifier", "invalid-identifier"));
        else if (identifier.Value.Length > MaxIdentifierLength || identifier.System?.Length > MaxIdentifierLength)
            issues.Add(new("value", $"identifier system and value may each have at most {MaxIdentifierLength} characters.", $"{Root}.identifier", "invalid-identifier"));
        return identifier;
    }

    string? Encounter(R4.QuestionnaireResponse qr)
    {
        if (qr.Encounter?.Reference is not { } reference) return null;
        if (reference.Length <= MaxEncounterLength) return reference;
        issues.Add(new("value", $"encounter.reference may have at most {MaxEncounterLength} characters.", $"{Root}.encounter.reference", "invalid-encounter"));
        return null;
    }
}
