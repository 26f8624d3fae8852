using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Features.Fhir.QuestionnaireResponses;

/// <summary>An answered item anywhere in the tree (groups and answers may nest items), with its FHIRPath.</summary>
sealed record FlatItem(string LinkId, string Path, IReadOnlyList<R4.QuestionnaireResponse.AnswerComponent> Answers)
{
    public static IEnumerable<FlatItem> Answered(IReadOnlyList<R4.QuestionnaireResponse.ItemComponent> items, string parent)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{parent}.item[{i}]";
            var item = items[i];
            if (item.Answer.Count > 0) yield return new FlatItem(item.LinkId ?? "", path, item.Answer);
            foreach (var nested in Answered(item.Item, path)) yield return nested;
            for (var a = 0; a < item.Answer.Count; a++)
                foreach (var nested in Answered(item.Answer[a].Item, $"{path}.answer[{a}]")) yield return nested;
        }
    }
}
