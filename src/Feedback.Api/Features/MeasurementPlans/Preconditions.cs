using System.Globalization;

namespace Feedback.Api.Features.MeasurementPlans;

/// <summary>
/// If-Match and If-None-Match on plan writes (RFC 9110 13.1): an entity tag is the plan's version, "3". If-Match uses the
/// strong comparison (a weak W/"3" never matches) and fails when the plan does not exist; If-None-Match: * makes a PUT
/// create-only. Without either header a write is unconditional.
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
    /// Null when the write may go ahead; else the 412's detail about <paramref name="what"/>, whose stored
    /// <paramref name="version"/> the tags are compared with. <paramref name="exists"/>: the plan is stored (written and
    /// not deleted). <paramref name="emptyPlanIsCurrent"/>: the tenant default, which never written or deleted is still
    /// read as the empty plan of its version, so that If-Match can name that version.
    /// </summary>
    public string? Refusal(bool exists, int version, string what, bool emptyPlanIsCurrent = false)
    {
        var current = Tag(version);
        var readable = exists || emptyPlanIsCurrent;
        if (IfMatch is not null && !(readable && (IfMatch is ["*"] || IfMatch.Contains(current))))
            return readable
                ? $"If-Match does not name the current version of {what} ({current}): it was changed since it was read. Read it again and re-apply the change."
                : $"If-Match names a plan, but {what} does not exist (never written, or deleted). Send the PUT without If-Match, or with If-None-Match: *, to create it.";
        if (IfNoneMatch is not null && exists && (IfNoneMatch is ["*"] || IfNoneMatch.Any(t => t == current || t == "W/" + current)))
            return $"{char.ToUpperInvariant(what[0])}{what[1..]} exists already ({current}) and If-None-Match asked to create it only.";
        return null;
    }

    public static string Tag(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";
}
