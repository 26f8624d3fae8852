using System.Text.Json;
using Feedback.Data.Administrations;
using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Features.Fhir.QuestionnaireResponses;

/// <summary>
/// The normalised QuestionnaireResponse of an administration (interop.md 1.5), stored or submitted through /v1 alike:
/// our canonical and linkIds, LOINC codings (PHQ-9, GAD-7) or numbers, no answer for an unanswered item, the caller's
/// identifier and encounter, and the rater, session and episode extensions. Posting it again gives the same items.
/// </summary>
static class QuestionnaireResponseResource
{
    public static R4.QuestionnaireResponse From(AdministrationRow row, string canonical, string? clinicianId)
    {
        var instrument = Catalogue.Get(row.Instrument);
        var qr = new R4.QuestionnaireResponse
        {
            Id = row.Id,
            Meta = new R4.Meta { LastUpdatedElement = FhirReferences.InstantElement(row.ReceivedAt) },
            Questionnaire = $"{Questionnaires.QuestionnaireResource.Canonical(canonical, instrument)}|{Questionnaires.QuestionnaireResource.Version}",
            Status = R4.QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = FhirReferences.Patient(row.ClientId, canonical),
            Authored = FhirReferences.Instant(row.AdministeredAt),
            Author = clinicianId is null ? null : FhirReferences.Practitioner(clinicianId, canonical),
            Identifier = row.FhirIdentifierValue is null ? null
                : new R4.Identifier(row.FhirIdentifierSystem is "" ? null : row.FhirIdentifierSystem, row.FhirIdentifierValue),
            Encounter = row.FhirEncounter is null ? null : new R4.ResourceReference(row.FhirEncounter),
        };
        qr.Extension.Add(new R4.Extension(FhirCodes.Extension(canonical, FhirCodes.Rater), new R4.Code(row.Rater)));
        if (row.SessionNumber is { } session)
            qr.Extension.Add(new R4.Extension(FhirCodes.Extension(canonical, FhirCodes.SessionNumber), new R4.Integer(session)));
        qr.Extension.Add(new R4.Extension(FhirCodes.Extension(canonical, FhirCodes.EpisodeId), new R4.FhirString(row.EpisodeId)));

        var items = JsonSerializer.Deserialize<decimal?[]>(row.ItemsJson)!;
        for (var i = 0; i < items.Length; i++)
        {
            var item = new R4.QuestionnaireResponse.ItemComponent { LinkId = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (items[i] is { } value)
                item.Answer.Add(new R4.QuestionnaireResponse.AnswerComponent { Value = AnswerOf(instrument, value) });
            qr.Item.Add(item);
        }
        return qr;
    }

    static R4.DataType AnswerOf(Instrument instrument, decimal value)
    {
        if (Loinc.PanelOf(instrument.Code) is not null)
        {
            var answer = Loinc.AnswerOf(value);
            return new R4.Coding(FhirCodes.Loinc, answer.Code, answer.Display);
        }
        return instrument.Decimals > 0 ? new R4.FhirDecimal(value) : new R4.Integer((int)value);
    }
}
