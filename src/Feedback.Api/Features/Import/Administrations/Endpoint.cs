using System.Text;
using System.Text.Json;

namespace Feedback.Api.Features.Import.Administrations;

/// <summary>interop.md 4.3: a history of administrations, one per NDJSON line, answered line by line.</summary>
sealed class Endpoint(Importer importer, TenantLeases leases) : EndpointWithoutRequest
{
    public const int MaxBodyBytes = 10 * 1024 * 1024;
    public const int MaxLines = 5000;
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public override void Configure()
    {
        Post(ApiRoutes.ImportAdministrations);
        Policies(KeyScopes.Admin);
        // The body is documented by NdjsonOperationFilter: an Accepts here would make routing refuse other types itself
        // (415 without a problem body naming NDJSON, and before the audit).
        Options(b => b.WithMetadata(new NdjsonBody(MaxBodyBytes)));
        Description(d => d.WithName("ImportAdministrations").WithTags("Export and import")
            .ClearDefaultProduces(200)
            .Produces<ImportResultLine>(200, MediaTypes.Ndjson)
            .Produces<Problem>(409, Problem.ContentType));
        Summary(s =>
        {
            s.Summary = "Import a history of administrations (NDJSON, one per line), each computed as of its time";
            s.Description = """
                Body: application/x-ndjson, at most 10 MiB and 5,000 non-blank lines. A line is the POST /v1/clients/{clientId}/administrations
                body plus lineId (required but on an export line, 1-128 of A-Z a-z 0-9 . _ : -, unique per tenant for ever), clientId (required),
                ageGroup (used only when the client is created), and either episodeId (an existing episode) or episodeKey
                (1-64; the lines of one key form one new episode, also across files) with an optional episodeClosedAt, the same
                on all of the key's lines. administeredAt must be in the past.
                A line of an NDJSON export (GET /v1/export/administrations, "type": "administration") is an import line as it
                is: its id is the lineId unless one is sent; its episodeId (the exporting tenant's) is ignored and its
                episodeKey and episodeClosedAt place it; episode, receivedAt, score, feedback, model, rulesVersion and source
                are ignored and computed again (episode.reason stale is kept on the line that makes the key's episode).
                The export's end line ("type": "end") is answered ignored. These fields are refused on a line without type.
                Each line is validated alone; valid lines are grouped per client and recorded in administeredAt order, as of
                that time, through the same path as a live submission (feedback and alerts as if sent live).
                Transactions: one per group of whole clients (about 400 lines; not one per line): a client's lines are
                stored all together or not at all. A line refused by the rules (invalid, conflict, duplicate) writes
                nothing, so it never undoes another line. If the database fails one line, none of its group's lines is
                stored and the request fails (500); groups whose transactions committed before stay stored.
                Re-sending a file is safe: its stored lines come back as duplicate.
                Imported alerts are all stored with imported: true. One whose administration is at most 72 hours old
                (Import:LiveWindowHours) stays open, shows in the worklist and fires alert.created; older ones are stored
                resolved with resolvedReason imported_history and fire nothing. No administration.created for imports.
                Answer: one result per input line in input order ({"line","lineId","status","administrationId","alerts"} or
                "errors" for invalid lines), then {"type":"summary","created","duplicate","conflict","invalid","ignored"}.
                status: created; duplicate (the lineId was stored with the same content, or an identical administration
                is stored: the existing id); conflict (the lineId was stored with other content); invalid (errors by field);
                ignored (an export's end line).
                409 while another import of the tenant is running; nothing is processed. Its detail says when that import's lease
                expires unless renewed (renewed every 30 s while it runs; an instance that restarts after a crash frees
                the leases it held), and Retry-After gives the seconds until then.
                """;
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await ReadLinesAsync(ct) is not { } lines) return;
        var tenantId = User.TenantId();
        var (lease, heldUntil) = await leases.TryTakeAsync(tenantId, TenantLeases.Import, ct);
        await using var held = lease;
        if (lease is null)
        {
            HttpContext.Response.Headers.RetryAfter = leases.RetryAfter(heldUntil);
            await HttpContext.WriteProblemAsync(StatusCodes.Status409Conflict,
                $"import-in-progress: another import of this tenant is running; one runs at a time. Nothing of this one was processed. "
                + $"Its lease expires at {Json.Timestamps.Utc(heldUntil!.Value)} unless it is renewed: retry after the seconds in Retry-After.");
            return;
        }
        var results = await importer.ImportAsync(tenantId, lines, lease.RenewIfDueAsync, ct);
        var summary = new ImportSummary
        {
            Created = results.Count(r => r.Status == LineResult.Created), Duplicate = results.Count(r => r.Status == LineResult.Duplicate),
            Conflict = results.Count(r => r.Status == LineResult.Conflict), Invalid = results.Count(r => r.Status == LineResult.Invalid),
            Ignored = results.Count(r => r.Status == LineResult.Ignored),
        };
        Api.Audit.AuditDetail.Set(HttpContext, JsonSerializer.Serialize(new
        {
            lines = results.Count, created = summary.Created, duplicate = summary.Duplicate, conflict = summary.Conflict, invalid = summary.Invalid,
        }));

        var output = new MemoryStream();
        foreach (var result in results)
        {
            JsonSerializer.Serialize(output, ImportResultLine.From(result), Json.JsonSetup.Options);
            output.WriteByte((byte)'\n');
        }
        JsonSerializer.Serialize(output, summary, Json.JsonSetup.Options);
        output.WriteByte((byte)'\n');
        HttpContext.Response.StatusCode = StatusCodes.Status200OK;
        HttpContext.Response.ContentType = MediaTypes.Ndjson;
        HttpContext.MarkResponseStart();
        output.Position = 0;
        await output.CopyToAsync(HttpContext.Response.Body, ct);
    }

    // The whole body (at most 10 MiB, which Kestrel enforces), split into its non-blank lines.
    async Task<List<string>?> ReadLinesAsync(CancellationToken ct)
    {
        using var body = new MemoryStream();
        await HttpContext.Request.Body.CopyToAsync(body, ct);
        string text;
        try
        {
            text = StrictUtf8.GetString(body.GetBuffer(), 0, (int)body.Length);
        }
        catch (DecoderFallbackException)
        {
            await HttpContext.WriteProblemAsync(400, "Invalid input: body.", new() { ["body"] = ["Not NDJSON: the body is not UTF-8 text."] });
            return null;
        }
        // A byte order mark (Windows tools write one) is not part of the first line.
        if (text.StartsWith('\uFEFF')) text = text[1..];
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        if (lines.Count == 0)
        {
            await HttpContext.WriteProblemAsync(400, "Invalid input: body.", new() { ["body"] = ["Not NDJSON: no lines. Send one JSON object per line."] });
            return null;
        }
        if (lines.Count > MaxLines)
        {
            await HttpContext.WriteProblemAsync(400, "Invalid input: body.",
                new() { ["body"] = [$"{lines.Count} lines; at most {MaxLines} per request. Nothing was processed: split the file."] });
            return null;
        }
        return lines;
    }
}

/// <summary>One line of the answer: the result of the input line of that number.</summary>
sealed class ImportResultLine
{
    /// <summary>1-based number of the input line (blank lines not counted).</summary>
    public required int Line { get; init; }
    public required string? LineId { get; init; }
    /// <summary>created, duplicate, conflict, invalid, or ignored (an export's end line).</summary>
    public required string Status { get; init; }
    /// <summary>The administration created, or the one stored already (duplicate, conflict).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? AdministrationId { get; init; }
    /// <summary>How many alerts the created administration raised (open or imported_history).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? Alerts { get; init; }
    /// <summary>For invalid lines: field path to messages, as in /v1 problems.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string[]>? Errors { get; init; }

    public static ImportResultLine From(LineResult r) => new()
    {
        Line = r.Line, LineId = r.LineId, Status = r.Status, AdministrationId = r.AdministrationId, Alerts = r.Alerts, Errors = r.Errors,
    };
}

/// <summary>The answer's last line.</summary>
sealed class ImportSummary
{
    public string Type { get; init; } = "summary";
    public required int Created { get; init; }
    public required int Duplicate { get; init; }
    public required int Conflict { get; init; }
    public required int Invalid { get; init; }
    /// <summary>Lines that are an export's end line.</summary>
    public required int Ignored { get; init; }
}
