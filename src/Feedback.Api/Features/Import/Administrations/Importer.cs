using System.Text.Json;
using Feedback.Api.Features.Administrations.Submit;
using Feedback.Api.Json;
using FluentValidation.Results;

namespace Feedback.Api.Features.Import.Administrations;

/// <summary>The result of one import line, in input order (interop.md 4.3).</summary>
sealed record LineResult(int Line, string? LineId, string Status, string? AdministrationId = null, int? Alerts = null,
    Dictionary<string, string[]>? Errors = null)
{
    public const string Created = "created", Duplicate = "duplicate", Conflict = "conflict", Invalid = "invalid", Ignored = "ignored";
}

/// <summary>
/// interop.md 4.3: each line validated alone; valid lines grouped per client and recorded in administeredAt order through
/// the live recorder, as of their time: a client's lines in one transaction (not one per line as interop.md 4.3 has it: docs/bulk.md; re-sending stays safe).
/// Clients are independent, so several are recorded at once and their transactions share commits (group commit on SQLite).
/// </summary>
sealed class Importer(Recorder recorder, TimeProvider clock, IConfiguration configuration)
{
    /// <summary>interop.md 4.3 (FD): alerts of administrations at most this old at import stay open and are announced.</summary>
    public TimeSpan LiveWindow { get; } = TimeSpan.FromHours(configuration.GetValue("Import:LiveWindowHours", 72));

    /// <summary>How many clients' lines are recorded at once: enough to fill a group commit (64 jobs).</summary>
    const int ClientsAtOnce = 64;

    sealed record Parsed(int Line, ImportLine Body);

    public async Task<IReadOnlyList<LineResult>> ImportAsync(long tenantId, IReadOnlyList<string> lines, Func<CancellationToken, Task> renewLease,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var results = new LineResult?[lines.Count];
        var valid = new List<Parsed>();
        // Built once per import: building a validator compiles its rules, and per line it cost more than recording the line.
        var validators = (new ImportLine.Validator(now), SubmitValidator.Value);
        for (var i = 0; i < lines.Count; i++)
        {
            var (parsed, invalid) = Parse(i + 1, lines[i], validators);
            if (parsed is not null) valid.Add(parsed);
            else results[i] = invalid;
        }
        foreach (var disagreeing in DisagreeingCloses(valid))
        {
            results[disagreeing.Line - 1] = Invalid(disagreeing.Line, disagreeing.Body.LineId,
                new() { ["episodeClosedAt"] = ["Disagrees with another line of this episodeKey: its lines must send the same episodeClosedAt."] });
            valid.Remove(disagreeing);
        }

        // A line id repeated in the file is decided after its first line is stored: then it is a duplicate or a conflict.
        var firsts = valid.DistinctBy(p => p.Body.LineId).ToList();
        var repeats = valid.Except(firsts).ToList();
        var live = now - LiveWindow;
        await RecordAsync(tenantId, firsts, results, live, renewLease, ct);
        await RecordAsync(tenantId, repeats, results, live, renewLease, ct);
        return results!;
    }

    // The tenant's import lease is renewed as clients are done (a 5,000-line file takes seconds, a slow disk longer).
    async Task RecordAsync(long tenantId, List<Parsed> lines, LineResult?[] results, DateTimeOffset liveSince, Func<CancellationToken, Task> renewLease,
        CancellationToken ct)
    {
        var clients = lines.GroupBy(p => p.Body.ClientId!, StringComparer.Ordinal)
            .Select(g => g.OrderBy(p => p.Body.AdministeredAt).ThenBy(p => p.Line).ToList());
        await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = ClientsAtOnce, CancellationToken = ct }, async (client, token) =>
        {
            var outcomes = await recorder.ImportAsync(tenantId, [.. client.Select(p => (p.Body.ToSubmission(),
                new Recorder.ImportSource(p.Body.LineId!, p.Body.AgeGroup, p.Body.EpisodeKey, p.Body.EpisodeClosedAt, liveSince, p.Body.OpenedAs)))], token);
            for (var i = 0; i < client.Count; i++)
                results[client[i].Line - 1] = ResultOf(client[i], outcomes[i]);
            await renewLease(token);
        });
    }

    static LineResult ResultOf(Parsed p, Recorder.Outcome outcome)
    {
        var b = p.Body;
        return outcome switch
        {
            Recorder.Outcome.Saved s => new LineResult(p.Line, b.LineId, LineResult.Created, s.Row.Id, s.Alerts.Count),
            Recorder.Outcome.Duplicate d => new LineResult(p.Line, b.LineId, LineResult.Duplicate, d.ExistingId),
            Recorder.Outcome.LineConflict c => new LineResult(p.Line, b.LineId, LineResult.Conflict, c.ExistingId),
            Recorder.Outcome.NotEnabled => Invalid(p.Line, b.LineId, new() { ["instrument"] = [$"{b.Instrument} is not enabled for this tenant (GET /v1/tenant/settings)."] }),
            Recorder.Outcome.UnknownEpisode => Invalid(p.Line, b.LineId, new() { ["episodeId"] = ["No such episode for this client."] }),
            Recorder.Outcome.OpenEpisodeExists => Invalid(p.Line, b.LineId, new()
            {
                ["episodeKey"] = ["The client has an open episode: an episodeKey without episodeClosedAt would open a second one. Send episodeClosedAt, or episodeId of the open episode."],
            }),
            Recorder.Outcome.EpisodeCloseDisagrees => Invalid(p.Line, b.LineId, new()
            {
                ["episodeClosedAt"] = ["Disagrees with the episode this episodeKey made in an earlier import of this client."],
            }),
            var other => throw new InvalidOperationException($"An import line cannot end as {other.GetType().Name}."),
        };
    }

    static LineResult Invalid(int line, string? lineId, Dictionary<string, string[]> errors) => new(line, lineId, LineResult.Invalid, Errors: errors);

    // The REST rules (JSON shape, ranges, items) and the import's own, on the line alone.
    static readonly Lazy<Api.Features.Administrations.Submit.Request.Validator> SubmitValidator = new(() => new());

    static (Parsed?, LineResult?) Parse(int line, string text, (ImportLine.Validator Own, Api.Features.Administrations.Submit.Request.Validator Submit) validators)
    {
        if (IsExportEnd(text))
            return (null, new LineResult(line, null, LineResult.Ignored));
        ImportLine? body;
        try
        {
            body = JsonSerializer.Deserialize<ImportLine>(text, JsonSetup.Options);
        }
        catch (JsonException e)
        {
            var failure = JsonErrors.ToFailure(e);
            var field = failure.PropertyName == "body" ? "line" : failure.PropertyName;
            return (null, Invalid(line, LineIdOf(text), new() { [field] = [failure.ErrorMessage.Replace("The body", "The line")] }));
        }
        if (body is null)
            return (null, Invalid(line, null, new() { ["line"] = ["The line must be a JSON object."] }));
        body = body.AsImported();
        var failures = validators.Own.Validate(body).Errors;
        var ownFields = failures.Select(f => f.PropertyName).ToHashSet();
        // The import's rule speaks for a field both check ("in the past" rather than "at most 5 minutes ahead" too).
        var submission = validators.Submit.Validate(body.ToSubmission()).Errors
            .Where(f => !ownFields.Contains(f.PropertyName));
        var errors = failures.Concat(submission)
            .GroupBy(f => Errors.ProblemSending.FieldPath(f.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());
        if (errors.Count > 0) return (null, Invalid(line, body.LineId, errors));
        return (new Parsed(line, body), null);
    }

    // An export's end line ({"type":"end","count":N,"lastId":...}): an export file is imported as it is (docs/bulk.md).
    static bool IsExportEnd(string text)
    {
        if (!text.Contains("\"end\"", StringComparison.Ordinal)) return false;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("type", out var type)
                && type.ValueKind == JsonValueKind.String && type.GetString() == ImportLine.ExportEnd;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // The line id of a line that is not valid JSON is not known; of one that is, even when a field is wrong, it is.
    static string? LineIdOf(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("lineId", out var id)
                && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // interop.md 4.3: an episodeKey's lines must agree on episodeClosedAt; when they do not, none of them is right.
    static List<Parsed> DisagreeingCloses(List<Parsed> valid) =>
        [.. valid.Where(p => p.Body.EpisodeKey is not null)
            .GroupBy(p => (p.Body.ClientId!, p.Body.EpisodeKey!))
            .Where(g => g.Select(p => p.Body.EpisodeClosedAt).Distinct().Count() > 1)
            .SelectMany(g => g)];
}
