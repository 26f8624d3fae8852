using System.Text.Json;
using Feedback.Api.Recording;
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
/// interop.md 4.3: each line validated alone; valid lines grouped per client and recorded in administeredAt order by
/// the live path's recorder, as of their time: a group of clients' lines in one transaction (not one per line as
/// interop.md 4.3 has it: docs/bulk.md; re-sending stays safe), decided together and written with multi-row statements.
/// </summary>
sealed class Importer(Recorder recorder, TimeProvider clock, IConfiguration configuration)
{
    /// <summary>interop.md 4.3 (FD): alerts of administrations at most this old at import stay open and are announced.</summary>
    public TimeSpan LiveWindow { get; } = TimeSpan.FromHours(configuration.GetValue("Import:LiveWindowHours", 72));

    /// <summary>
    /// A group's size: its clients' lines are read, decided and written together, so the statements per line fall with
    /// it; a few hundred lines hold the writer for tens of milliseconds, not the seconds a whole file would.
    /// </summary>
    const int LinesPerGroup = 400;
    /// <summary>Groups in flight: while one holds the writer, the next one is queued to share its commit.</summary>
    const int GroupsAtOnce = 2;

    sealed record Parsed(int Line, ImportLine Body, PreparedSubmission Prepared);

    public async Task<IReadOnlyList<LineResult>> ImportAsync(long tenantId, IReadOnlyList<string> lines, Func<CancellationToken, Task> renewLease,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var results = new LineResult?[lines.Count];
        var valid = new List<Parsed>();
        // Built once per import: building a validator compiles its rules, and per line it cost more than recording the line.
        var validator = new ImportLine.Validator(now);
        var parsed = new Parsed?[lines.Count];
        var live = now - LiveWindow;
        Parallel.For(0, lines.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            (parsed[i], results[i]) = Parse(i + 1, lines[i], validator, now, live);
        });
        valid.AddRange(parsed.OfType<Parsed>());
        foreach (var disagreeing in DisagreeingCloses(valid))
        {
            results[disagreeing.Line - 1] = Invalid(disagreeing.Line, disagreeing.Body.LineId,
                new() { ["episodeClosedAt"] = ["Disagrees with another line of this episodeKey: its lines must send the same episodeClosedAt."] });
            valid.Remove(disagreeing);
        }

        // A line id repeated in the file is decided after its first line is stored: then it is a duplicate or a conflict.
        var firsts = valid.DistinctBy(p => p.Body.LineId).ToList();
        var repeats = valid.Except(firsts).ToList();
        await RecordAsync(tenantId, firsts, results, renewLease, ct);
        await RecordAsync(tenantId, repeats, results, renewLease, ct);
        return results!;
    }

    // The tenant's import lease is renewed as groups are done (a 5,000-line file takes seconds, a slow disk longer).
    async Task RecordAsync(long tenantId, List<Parsed> lines, LineResult?[] results, Func<CancellationToken, Task> renewLease, CancellationToken ct)
    {
        var clients = lines.GroupBy(p => p.Body.ClientId!, StringComparer.Ordinal)
            .Select(g => g.OrderBy(p => p.Body.AdministeredAt).ThenBy(p => p.Line).ToList());
        await Parallel.ForEachAsync(Groups(clients), new ParallelOptions { MaxDegreeOfParallelism = GroupsAtOnce, CancellationToken = ct }, async (group, token) =>
        {
            var outcomes = await recorder.ImportAsync(tenantId, [.. group.Select(p => p.Prepared)], token);
            for (var i = 0; i < group.Count; i++)
                results[group[i].Line - 1] = ResultOf(group[i], outcomes[i]);
            await renewLease(token);
        });
    }

    // Whole clients, about LinesPerGroup lines a group.
    static IEnumerable<List<Parsed>> Groups(IEnumerable<List<Parsed>> clients)
    {
        var group = new List<Parsed>();
        foreach (var client in clients)
        {
            group.AddRange(client);
            if (group.Count < LinesPerGroup) continue;
            yield return group;
            group = [];
        }
        if (group.Count > 0) yield return group;
    }

    static LineResult ResultOf(Parsed p, Outcome outcome)
    {
        var b = p.Body;
        return outcome switch
        {
            Outcome.Saved s => new LineResult(p.Line, b.LineId, LineResult.Created, s.Row.Id, s.Alerts.Count),
            Outcome.Duplicate d => new LineResult(p.Line, b.LineId, LineResult.Duplicate, d.ExistingId),
            Outcome.LineConflict c => new LineResult(p.Line, b.LineId, LineResult.Conflict, c.ExistingId),
            Outcome.NotEnabled => Invalid(p.Line, b.LineId, new() { ["instrument"] = [$"{b.Instrument} is not enabled for this tenant (GET /v1/tenant/settings)."] }),
            Outcome.UnknownEpisode => Invalid(p.Line, b.LineId, new() { ["episodeId"] = ["No such episode for this client."] }),
            Outcome.OpenEpisodeExists => Invalid(p.Line, b.LineId, new()
            {
                ["episodeKey"] = ["The client has an open episode: an episodeKey without episodeClosedAt would open a second one. Send episodeClosedAt, or episodeId of the open episode."],
            }),
            Outcome.EpisodeCloseDisagrees => Invalid(p.Line, b.LineId, new()
            {
                ["episodeClosedAt"] = ["Disagrees with the episode this episodeKey made in an earlier import of this client."],
            }),
            var other => throw new InvalidOperationException($"An import line cannot end as {other.GetType().Name}."),
        };
    }

    static LineResult Invalid(int line, string? lineId, Dictionary<string, string[]> errors) => new(line, lineId, LineResult.Invalid, Errors: errors);

    // The submission's rules (JSON shape, ranges, items) and the import's own, on the line alone.
    static (Parsed?, LineResult?) Parse(int line, string text, ImportLine.Validator own, DateTimeOffset now, DateTimeOffset liveSince)
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
        var failures = own.Validate(body).Errors;
        var ownFields = failures.Select(f => f.PropertyName).ToHashSet();
        // The import's rule speaks for a field both check ("in the past" rather than "at most 5 minutes ahead" too).
        var submission = body.ToSubmission();
        var errors = failures.Concat(SubmissionRules.Check(submission, now).Where(f => !ownFields.Contains(f.PropertyName)))
            .GroupBy(f => Errors.ProblemSending.FieldPath(f.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());
        if (errors.Count > 0) return (null, Invalid(line, body.LineId, errors));
        return (new Parsed(line, body, PreparedSubmission.Of(submission, body.ImportSource(liveSince))), null);
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
