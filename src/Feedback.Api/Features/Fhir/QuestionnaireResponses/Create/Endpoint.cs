using System.Text.Json.Nodes;
using Feedback.Api.Recording;
using Feedback.Data.Administrations;
using Feedback.Data.Tenants;
using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Features.Fhir.QuestionnaireResponses.Create;

/// <summary>
/// POST /fhir/r4/QuestionnaireResponse (scope submit): the response is translated to the REST submission and recorded by
/// the same Recorder transaction (validation, scoring, feedback, alerts, idempotency, audit). 400 for invalid FHIR, 422
/// for valid FHIR Feedback cannot score; nothing is written on any 4xx. Feedback and alerts are never in the answer (a
/// submit-only tablet must not see them): they are Observations and Flags, scope read.
/// </summary>
sealed class Endpoint(Recorder recorder, Database database, TenantRepository tenants, AdministrationRepository administrations, TimeProvider clock) : FhirEndpoint
{
    const string IfNoneExist = "If-None-Exist";

    public override void Configure()
    {
        Verbs(Http.POST);
        Routes(FhirRoutes.QuestionnaireResponses);
        Policies(KeyScopes.Submit);
        Description(d => d.ExcludeFromDescription());
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var json = await new StreamReader(HttpContext.Request.Body).ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(json))
        {
            await SendIssueAsync(400, "The body must be a QuestionnaireResponse in FHIR JSON.", code: "required", errorCode: "body-required");
            return;
        }
        var (document, notJson) = FhirJson.ParseJson(json);
        using (document)
        {
            if (notJson is not null)
            {
                await SendIssueAsync(400, notJson.Diagnostics, code: notJson.Code, errorCode: "invalid-json");
                return;
            }
            if (!document!.RootElement.TryGetProperty("resourceType", out var type) || type.ValueKind != System.Text.Json.JsonValueKind.String
                || type.GetString() != "QuestionnaireResponse")
            {
                var named = type.ValueKind == System.Text.Json.JsonValueKind.String ? type.GetString() : null;
                await SendIssueAsync(400, named is null ? "resourceType is required: only a QuestionnaireResponse can be created here."
                        : $"Only a QuestionnaireResponse can be created here; this is {named}.",
                    named is not null && R4.ModelInfo.IsKnownResource(named) ? named : null, "wrong-resource-type",
                    named is null ? "required" : "invalid");
                return;
            }
        }
        var (resource, failures) = FhirJson.Parse(json);
        if (resource is not R4.QuestionnaireResponse qr)
        {
            var received = JsonNode.Parse(json);
            await SendIssuesAsync(400, failures.Select(f => new FhirIssue(f.Code, f.Diagnostics, ReceivedPaths.Expression(f.Path, received), "invalid-fhir")));
            return;
        }
        var key = HttpContext.Request.Headers[IdempotencyKeys.Header];
        if (key.Count > 1 || key.Count == 1 && !IdempotencyKeys.IsValid(key[0]))
        {
            await SendIssueAsync(400, $"{IdempotencyKeys.Header} must be one header of 1-{IdempotencyKeys.MaxLength} visible ASCII characters.", errorCode: "invalid-idempotency-key");
            return;
        }
        var conditional = HttpContext.Request.Headers[IfNoneExist];
        if (conditional.Count > 0 && !IsIdentifierCondition(conditional, qr.Identifier))
        {
            await SendIssueAsync(400, $"{IfNoneExist} must be identifier=<system>|<value>, the body's identifier.", errorCode: "invalid-condition");
            return;
        }

        var tenantId = User.TenantId();
        string? clientIdSystem;
        await using (var session = await database.ReadAsync(ct))
            clientIdSystem = (await tenants.SettingsAsync(session, tenantId, ct)).FhirClientIdSystem;
        var (mapped, issues) = new ResponseMapper(Canonical, clientIdSystem).Map(qr);
        if (mapped is null)
        {
            await SendIssuesAsync(422, issues);
            return;
        }
        Api.Audit.AuditedClients.Set(HttpContext, [mapped.Submission.ClientId]);
        var invalid = RestRules.Check(mapped, clock.GetUtcNow());
        if (invalid.Count > 0)
        {
            await SendIssuesAsync(422, invalid);
            return;
        }

        var withClinician = User.HasScope(KeyScopes.Read);
        switch (await recorder.RecordAsync(tenantId, mapped.Submission, mapped.Source(key.Count == 1 ? key[0] : null), ct))
        {
            case Outcome.NotEnabled:
                await SendIssueAsync(403, $"{mapped.Submission.Instrument} needs a licence or the authors' permission; an admin key can enable it in /v1/tenant/settings.", errorCode: "instrument-not-enabled");
                break;
            case Outcome.UnknownEpisode:
                await SendIssueAsync(422, "No such episode for this client.", ResponseMapper.SourceOf(mapped.Sources, "episodeId"), "unknown-episode", "value");
                break;
            case Outcome.Duplicate d:
                await SendIssueAsync(409, $"An identical administration is already stored: QuestionnaireResponse/{d.ExistingId}.", errorCode: "duplicate", code: "duplicate");
                break;
            case Outcome.KeyReused:
                await SendIssueAsync(409, $"This {IdempotencyKeys.Header} was used in the last 24 hours with a different request.", errorCode: "idempotency-key-reused");
                break;
            case Outcome.IdentifierExists stored when conditional.Count > 0:
                await SendStoredAsync(tenantId, stored.ExistingId, 200, withClinician ? null : mapped.Submission.ClinicianId, ct);
                break;
            case Outcome.IdentifierExists stored:
                await SendIssueAsync(409, $"A QuestionnaireResponse with this identifier is already stored: QuestionnaireResponse/{stored.ExistingId}.", "QuestionnaireResponse.identifier", "duplicate-identifier", "duplicate");
                break;
            case Outcome.Replay replay:
                HttpContext.Response.Headers[IdempotencyKeys.ReplayHeader] = "true";
                await SendCreatedAsync(replay.Row, withClinician ? replay.Row.ClinicianId : mapped.Submission.ClinicianId, mapped.Notes);
                break;
            case Outcome.Saved saved:
                await SendCreatedAsync(saved.Row, withClinician ? saved.Row.ClinicianId : mapped.Submission.ClinicianId, mapped.Notes);
                break;
        }
    }

    async Task SendStoredAsync(long tenantId, string id, int status, string? clinicianId, CancellationToken ct)
    {
        AdministrationRow row;
        await using (var session = await database.ReadAsync(ct))
            row = (await administrations.FindAsync(session, tenantId, id, ct))!;
        await SendCreatedAsync(row, clinicianId ?? row.ClinicianId, [], status);
    }

    Task SendCreatedAsync(AdministrationRow row, string? clinicianId, IReadOnlyList<FhirIssue> notes, int status = 201)
    {
        var headers = HttpContext.Response.Headers;
        var location = FullUrl("QuestionnaireResponse", row.Id);
        headers.Location = location;
        SetVersionHeaders(row.ReceivedAt);
        headers.Link = $"<{Urls.Service(HttpContext)}/Observation?derived-from=QuestionnaireResponse/{row.Id}>; rel=\"related\"";
        var prefer = HttpContext.Request.Headers["Prefer"].ToString();
        if (prefer.Contains("return=minimal", StringComparison.OrdinalIgnoreCase))
        {
            HttpContext.Response.StatusCode = status;
            HttpContext.MarkResponseStart();
            return Task.CompletedTask;
        }
        if (prefer.Contains("return=OperationOutcome", StringComparison.OrdinalIgnoreCase))
        {
            var all = notes.ToList();
            if (row.Prorated)
                all.Add(new("informational", "The total was prorated from the answered items.", null, "prorated", R4.OperationOutcome.IssueSeverity.Warning));
            if (all.Count == 0)
                all.Add(new("informational", $"Stored as QuestionnaireResponse/{row.Id}.", null, "stored", R4.OperationOutcome.IssueSeverity.Information));
            return SendResourceAsync(Outcomes.Of(all, Canonical), status);
        }
        return SendResourceAsync(QuestionnaireResponseResource.From(row, Canonical, clinicianId), status);
    }

    static bool IsIdentifierCondition(Microsoft.Extensions.Primitives.StringValues header, R4.Identifier? identifier)
    {
        if (header.Count != 1 || identifier?.Value is null || header[0] is not { } text || !text.StartsWith("identifier=", StringComparison.Ordinal))
            return false;
        var token = Uri.UnescapeDataString(text["identifier=".Length..]);
        var expected = identifier.System is null ? identifier.Value : $"{identifier.System}|{identifier.Value}";
        return token == expected || identifier.System is null && token == "|" + identifier.Value;
    }

}
