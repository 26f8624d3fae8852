using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Feedback.Api.Features.Fhir;

/// <summary>
/// The search parameters of a FHIR search (interop.md 1.6, 1.7), checked before any read: an unknown or repeated one, a
/// bad `_count`, `date` or `_cursor`, or a cursor from a search with other filters is a 400 naming it, so a misspelt
/// filter never widens a search of client data.
/// </summary>
sealed class FhirSearch
{
    public const string Count = "_count";
    public const string Cursor = "_cursor";
    public const string Sort = "_sort";
    const string Format = "_format";

    readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    public int PageSize { get; private set; } = Pages.DefaultLimit;
    /// <summary>The parts of the cursor (after its filter check), or null on a first page.</summary>
    public string[]? CursorParts { get; private set; }
    public DateTimeOffset From { get; private set; } = DateTimeOffset.MinValue;
    public DateTimeOffset To { get; private set; } = DateTimeOffset.MaxValue;
    string signature = "";

    public string? this[string name] => values.GetValueOrDefault(name);

    /// <summary>Parses the query against the parameters this search takes; the issues are empty when it can run.</summary>
    public static (FhirSearch Search, List<FhirIssue> Issues) Parse(HttpContext ctx, string type, int cursorParts)
    {
        var allowed = FhirSearchParameters.FormsOf(type);
        var search = new FhirSearch();
        var issues = new List<FhirIssue>();
        var dates = new List<string>();
        foreach (var (name, value) in ctx.Request.Query)
        {
            if (name == Format) continue;
            if (!allowed.Contains(name) && name != Cursor)
            {
                issues.Add(Invalid($"Unknown search parameter '{name}'; this search takes {string.Join(", ", allowed.Order(StringComparer.Ordinal))}.", "not-supported"));
                continue;
            }
            if (name == "date") { dates.AddRange(value.Select(v => v ?? "")); continue; }
            if (value.Count != 1 || string.IsNullOrEmpty(value[0]))
            {
                issues.Add(Invalid($"Search parameter '{name}' must be given once, with a value."));
                continue;
            }
            search.values[name] = value[0]!;
        }
        if (dates.Count > 2) issues.Add(Invalid("date may be given at most twice (a lower and an upper bound)."));
        else foreach (var d in dates)
            if (!search.AddDate(d)) issues.Add(Invalid($"date '{d}' is not eq, ge, gt, le or lt followed by a FHIR date or dateTime with a time zone.", "value"));
        if (search[Count] is { } count)
        {
            if (int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= Pages.MaxLimit) search.PageSize = n;
            else issues.Add(Invalid($"_count must be a whole number from 1 to {Pages.MaxLimit}.", "value"));
        }
        search.signature = Signature(ctx);
        if (search[Cursor] is { } cursor)
        {
            if (cursor.Length <= Pages.MaxCursorLength && Keyset.Decode(cursor, cursorParts + 1) is [var sig, .. var parts] && sig == search.signature)
                search.CursorParts = parts;
            else issues.Add(Invalid("_cursor is not a cursor of this search; follow the Bundle's next link with the same filters.", "value"));
        }
        return (search, issues);
    }

    /// <summary>The cursor of the next page: the sort key of this page's last entry, bound to this search's filters.</summary>
    public string NextCursor(params string[] parts) => Keyset.Encode([signature, .. parts]);

    public static FhirIssue Invalid(string diagnostics, string code = "invalid") => new(code, diagnostics, ErrorCode: "invalid-search");

    // The filters, not the page: the same search with another _count may follow a cursor.
    static string Signature(HttpContext ctx)
    {
        var filters = ctx.Request.Query.Where(q => q.Key is not (Cursor or Count or Format))
            .OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => $"{q.Key}={q.Value}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('&', filters))))[..16];
    }

    // A date bound becomes [From, To): eq the whole precision of the value; ge/gt/le/lt one side (a bare date is a UTC day).
    bool AddDate(string text)
    {
        var prefix = text.Length > 2 && char.IsLetter(text[0]) ? text[..2] : "eq";
        var value = text.Length > 2 && char.IsLetter(text[0]) ? text[2..] : text;
        if (FhirDates.Range(value) is not var (start, end)) return false;
        switch (prefix)
        {
            case "eq": From = Max(From, start); To = Min(To, end); break;
            case "ge": From = Max(From, start); break;
            case "gt": From = Max(From, end); break;
            case "le": To = Min(To, end); break;
            case "lt": To = Min(To, start); break;
            default: return false;
        }
        return true;
    }

    static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>This search's URL: the facade's base, the path and the query as received.</summary>
    public static string Self(HttpContext ctx, FhirUrls urls) => Url(ctx, urls, ctx.Request.Query.SelectMany(q => q.Value.Select(v => (q.Key, v ?? ""))));

    /// <summary>The URL of the next page: this search with the cursor replaced.</summary>
    public static string Next(HttpContext ctx, FhirUrls urls, string cursor) =>
        Url(ctx, urls, ctx.Request.Query.Where(q => q.Key != Cursor).SelectMany(q => q.Value.Select(v => (q.Key, v ?? ""))).Append((Cursor, cursor)));

    // Every value escaped (a | or : in a token is not a valid URI character for every client library).
    static string Url(HttpContext ctx, FhirUrls urls, IEnumerable<(string Name, string Value)> query)
    {
        var text = string.Join('&', query.Select(q => $"{Uri.EscapeDataString(q.Name)}={Uri.EscapeDataString(q.Value)}"));
        return $"{urls.Public(ctx)}{ctx.Request.Path}{(text.Length == 0 ? "" : "?" + text)}";
    }
}
