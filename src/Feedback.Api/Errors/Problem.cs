using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Feedback.Api.Errors;

/// <summary>RFC 9457 problem details, the body of every 4xx/5xx answer (api.md "Errors").</summary>
sealed class Problem
{
    public const string ContentType = "application/problem+json";

    public string Type { get; init; } = "about:blank";
    public string Title { get; init; } = "";
    public int Status { get; init; }
    public string? Detail { get; init; }
    public string? Instance { get; init; }
    public string TraceId { get; init; } = "";
    /// <summary>Field path (items[3], administeredAt) to messages; only on validation errors.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string[]>? Errors { get; init; }
    /// <summary>On a 409 for an exact duplicate: the id of the administration already stored.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ExistingId { get; init; }

    public static Problem For(HttpContext ctx, int status, string detail, Dictionary<string, string[]>? errors = null, string? existingId = null) => new()
    {
        Type = TypeOf(status),
        Title = TitleOf(status),
        Status = status,
        Detail = detail,
        Instance = ctx.Request.Path,
        TraceId = TraceIdOf(ctx),
        Errors = errors,
        ExistingId = existingId,
    };

    public static string TraceIdOf(HttpContext ctx) => Activity.Current?.Id ?? ctx.TraceIdentifier;

    public static string TitleOf(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => status >= 500 ? "Internal Server Error" : "Error",
    };

    public static string TypeOf(int status) => status switch
    {
        400 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        401 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        403 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
        404 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        405 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
        408 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.9",
        409 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
        412 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13",
        413 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        415 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16",
        429 => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        _ => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1",
    };

    /// <summary>The plain-English detail for an answer that has no more specific one.</summary>
    public static string DefaultDetail(int status) => status switch
    {
        400 => "The request is not valid.",
        401 => "A valid API key is required in the X-Api-Key header.",
        403 => "This API key does not have the scope this operation needs.",
        404 => "No such resource.",
        405 => "This route does not accept that method.",
        408 => "The request body arrived too slowly; send it again.",
        412 => "The resource changed since it was read (If-Match), or exists already (If-None-Match).",
        413 => "The request body is larger than 64 KiB (10 MiB for an import).",
        415 => "The request body must be JSON (Content-Type: application/json).",
        429 => "Too many requests; retry after the time in Retry-After.",
        503 => "The database is busy; nothing was stored. Retry after the time in Retry-After.",
        _ => "The server could not complete the request.",
    };
}
