using System.Globalization;

namespace Feedback.Api.Features.MeasurementPlans;

/// <summary>
/// If-Match and If-None-Match on plan writes (RFC 9110 13.1): an entity tag is the plan's level and version, "tenant-3",
/// "client-2", "episode-1", so that no tag of one level ever matches another level's plan. If-Match uses the strong
/// comparison (a weak W/"client-2" never matches). A level without its own plan answers, and accepts in If-Match, the tag
/// of the plan it inherits (what GET showed for it); If-None-Match: * makes a PUT create-only. Without either header a
/// write is unconditional.
/// </summary>
sealed record Preconditions(IReadOnlyList<string>? IfMatch, IReadOnlyList<string>? IfNoneMatch)
{
    public const string IfMatchHeader = "If-Match", IfNoneMatchHeader = "If-None-Match";

    /// <summary>The request's conditions, or the header whose value is not an entity-tag list (a 400).</summary>
    public static Preconditions? Read(HttpRequest request, out string? malformed)
    {
        malformed = null;
        var ifMatch = Tags(request, IfMatchHeader);
        var ifNoneMatch = Tags(request, IfNoneMatchHeader);
        if (ifMatch is [null]) malformed = IfMatchHeader;
        else if (ifNoneMatch is [null]) malformed = IfNoneMatchHeader;
        return malformed is null ? new Preconditions(ifMatch!, ifNoneMatch!) : null;
    }

    // "*", or a comma-separated list of "tag" / W/"tag"; [null] when malformed, null when absent.
    static List<string?>? Tags(HttpRequest request, string header)
    {
        if (!request.Headers.TryGetValue(header, out var values)) return null;
        var tags = values.SelectMany(v => (v ?? "").Split(',')).Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
        if (tags.Count == 0) return [null];
        if (tags is ["*"]) return ["*"];
        foreach (var tag in tags)
        {
            var opaque = tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
            // RFC 9110 8.8.3: entity-tag = [ W/ ] DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E / obs-text.
            if (opaque.Length < 2 || opaque[0] != '"' || opaque[^1] != '"' || !opaque[1..^1].All(c => c == 0x21 || c is >= (char)0x23 and <= (char)0x7E || c >= 0x80))
                return [null];
        }
        return [.. tags];
    }

    /// <summary>
    /// Null when the write may go ahead; else the 412's detail about <paramref name="what"/>, whose stored tag
    /// <paramref name="current"/> the tags are compared with. <paramref name="exists"/>: the plan is stored (written and
    /// not deleted). <paramref name="emptyPlanIsCurrent"/>: the tenant default, which never written or deleted is still
    /// read as the empty plan of its version, so that If-Match can name that version.
    /// <paramref name="inherited"/>: when the plan does not exist, the tag of the plan its level inherits (an override's
    /// absence reads as the client's or tenant's plan): If-Match naming it creates the override if that is still current.
    /// </summary>
    public string? Refusal(bool exists, string current, string what, bool emptyPlanIsCurrent = false, string? inherited = null)
    {
        var readable = exists || emptyPlanIsCurrent;
        if (IfMatch is not null && !(readable ? IfMatch is ["*"] || IfMatch.Contains(current) : inherited is not null && IfMatch.Contains(inherited)))
            return readable
                ? Stale(current, what)
                : inherited is not null && IfMatch is not ["*"]
                    ? $"{Capitalised(what)} does not exist; If-Match may name the plan it inherits now ({inherited}), which was changed since it was read, or send If-None-Match: * to create it."
                    : $"If-Match names a plan, but {what} does not exist (never written, or deleted). Send the PUT without If-Match, or with If-None-Match: *, to create it.";
        if (IfNoneMatch is not null && exists && (IfNoneMatch is ["*"] || IfNoneMatch.Any(t => t == current || t == "W/" + current)))
            return $"{Capitalised(what)} exists already ({current}) and If-None-Match asked to create it only.";
        return null;
    }

    static string Capitalised(string what) => char.ToUpperInvariant(what[0]) + what[1..];

    // Why the stored plan's tag was not named: a tag of another level, a weak copy of it, or an older version.
    string Stale(string current, string what)
    {
        var level = current[..(current.IndexOf('-') + 1)];
        var sent = IfMatch!.Where(t => t != "*").ToList();
        if (sent.Count > 0 && sent.All(t => !t.StartsWith(level, StringComparison.Ordinal) && !t.StartsWith("W/" + level, StringComparison.Ordinal)))
            return $"If-Match names another level's plan ({string.Join(", ", sent)}), not {what}, whose tag is {current}. Read {what} and send its tag.";
        if (sent.Contains("W/" + current))
            return $"If-Match compares entity tags strongly (RFC 9110 13.1.1): send {current}, not W/{current}.";
        return $"If-Match does not name the current version of {what} ({current}): it was changed since it was read. Read it again and re-apply the change.";
    }

    public static string Tag(PlanSource level, int version) =>
        $"\"{(level == PlanSource.None ? "tenant" : Names.Of(level))}-{version.ToString(CultureInfo.InvariantCulture)}\"";
}
