using System.Collections.Concurrent;
using System.Text;
using Hl7.Fhir.Serialization;
using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Tests.Features.Fhir;

/// <summary>
/// How a FHIR client talks to the facade: Firely to build and strictly parse resources (as interop.md 1.8 asks of every
/// emitted resource), the Questionnaire the server serves to build responses from, and a record of every exchange.
/// </summary>
static class Fhir
{
    public const string Base = "/fhir/r4";
    public const string MediaType = "application/fhir+json";
    static readonly FhirJsonDeserializer Strict = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));
    static readonly JsonSerializerOptions Writer = new JsonSerializerOptions().ForFhir(R4.ModelInfo.ModelInspector);
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Strict R4 parsing (interop.md 1.1): throws on an unknown element, a wrong JSON type or a bad required code.</summary>
    public static T Parse<T>(string json) where T : R4.Resource => (T)Strict.DeserializeResource(json);

    public static string Json(R4.Resource resource) => JsonSerializer.Serialize(resource, resource.GetType(), Writer);

    public static StringContent Content(string json) => new(json, Encoding.UTF8, MediaType);

    public static async Task<HttpResponseMessage> PostAsync(this HttpClient http, string json, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Base}/QuestionnaireResponse") { Content = Content(json) };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await http.SendAsync(request, Ct);
    }

    public static Task<HttpResponseMessage> PostAsync(this HttpClient http, R4.Resource resource, params (string Name, string Value)[] headers) =>
        http.PostAsync(Json(resource), headers);

    /// <summary>A 2xx FHIR answer, strictly parsed.</summary>
    public static async Task<T> ShouldBeResourceAsync<T>(this HttpResponseMessage rsp, HttpStatusCode status = HttpStatusCode.OK) where T : R4.Resource
    {
        var text = await rsp.Content.ReadAsStringAsync(Ct);
        rsp.StatusCode.ShouldBe(status, text);
        rsp.Content.Headers.ContentType!.MediaType.ShouldBe(MediaType);
        return Parse<T>(text);
    }

    /// <summary>An OperationOutcome with this status (never problem+json under /fhir/r4), strictly parsed.</summary>
    public static async Task<R4.OperationOutcome> ShouldBeOutcomeAsync(this HttpResponseMessage rsp, HttpStatusCode status)
    {
        var text = await rsp.Content.ReadAsStringAsync(Ct);
        rsp.StatusCode.ShouldBe(status, text);
        rsp.Content.Headers.ContentType!.MediaType.ShouldBe(MediaType);
        var outcome = Parse<R4.OperationOutcome>(text);
        outcome.Issue.ShouldNotBeEmpty();
        outcome.Issue.ShouldAllBe(i => i.Severity == R4.OperationOutcome.IssueSeverity.Error && !string.IsNullOrEmpty(i.Diagnostics));
        return outcome;
    }

    public static async Task<T> GetAsync<T>(this HttpClient http, string url) where T : R4.Resource =>
        await (await http.GetAsync(url, Ct)).ShouldBeResourceAsync<T>();

    static readonly ConcurrentDictionary<string, string> QuestionnaireJson = new();

    /// <summary>The instrument's Questionnaire as the server serves it (the canonical in it is the test server's).</summary>
    public static async Task<R4.Questionnaire> QuestionnaireAsync(HttpClient http, string code)
    {
        if (!QuestionnaireJson.TryGetValue(code, out var json))
            QuestionnaireJson[code] = json = Json(await http.GetAsync<R4.Questionnaire>($"{Base}/Questionnaire/{Uri.EscapeDataString(code)}"));
        return Parse<R4.Questionnaire>(json);
    }

    /// <summary>
    /// A response to <paramref name="q"/> as a form filler builds it: the chosen answerOption's coding for choice items (by
    /// its ordinalValue), valueInteger or valueDecimal otherwise; an unanswered item has no answer.
    /// </summary>
    public static R4.QuestionnaireResponse Response(R4.Questionnaire q, string clientId, decimal?[] items, DateTimeOffset at,
        int? session = null, string? source = null, string? identifier = null)
    {
        var qr = new R4.QuestionnaireResponse
        {
            Questionnaire = q.Url, Status = R4.QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = new R4.ResourceReference($"Patient/{clientId}"), Authored = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            Source = source is null ? null : new R4.ResourceReference(source),
            Identifier = identifier is null ? null : new R4.Identifier("urn:oid:2.16.840.1.113883.19.5.99", identifier),
        };
        if (session is { } s)
            qr.Extension.Add(new R4.Extension(Extension(q, "session-number"), new R4.Integer(s)));
        for (var i = 0; i < items.Length; i++)
        {
            var item = new R4.QuestionnaireResponse.ItemComponent { LinkId = q.Item[i].LinkId };
            if (items[i] is { } value) item.Answer.Add(new R4.QuestionnaireResponse.AnswerComponent { Value = Answer(q.Item[i], value) });
            qr.Item.Add(item);
        }
        return qr;
    }

    static R4.DataType Answer(R4.Questionnaire.ItemComponent item, decimal value) => item.Type switch
    {
        R4.Questionnaire.QuestionnaireItemType.Choice => Chosen(item, value),
        R4.Questionnaire.QuestionnaireItemType.Integer => new R4.Integer((int)value),
        _ => new R4.FhirDecimal(value),
    };

    static R4.Coding Chosen(R4.Questionnaire.ItemComponent item, decimal value)
    {
        var option = (R4.Coding)item.AnswerOption.Single(o => ((R4.FhirDecimal)((R4.Coding)o.Value!).Extension.Single().Value!).Value == value).Value!;
        return new R4.Coding(option.System, option.Code, option.Display);
    }

    /// <summary>The canonical base the server uses, read from a served Questionnaire's url.</summary>
    public static string Canonical(R4.Questionnaire q) => q.Url![..q.Url!.IndexOf("/Questionnaire/", StringComparison.Ordinal)];

    public static string Extension(R4.Questionnaire q, string name) => $"{Canonical(q)}/StructureDefinition/{name}";

    public static string? CodeOf(R4.OperationOutcome.IssueType? code) => Hl7.Fhir.Utility.EnumUtility.GetLiteral(code);

    /// <summary>The id in a 201's Location.</summary>
    public static string IdOf(HttpResponseMessage created) => created.Headers.Location!.ToString().Split('/')[^1];
}

/// <summary>Records every exchange of an HttpClient: what the validators check afterwards.</summary>
sealed class FhirRecorder : DelegatingHandler
{
    public sealed record Exchange(string Method, string Url, string? RequestBody, int Status, string? MediaType, string ResponseBody);

    public ConcurrentQueue<Exchange> Exchanges { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(ct);
        var rsp = await base.SendAsync(request, ct);
        await rsp.Content.LoadIntoBufferAsync(ct);
        Exchanges.Enqueue(new Exchange(request.Method.Method, request.RequestUri!.PathAndQuery, body, (int)rsp.StatusCode,
            rsp.Content.Headers.ContentType?.MediaType, await rsp.Content.ReadAsStringAsync(ct)));
        return rsp;
    }
}
