using Feedback.Data.Audit;

namespace Feedback.Api.Features.Audit.List;

sealed class Request
{
    /// <summary>1-200, default 50.</summary>
    [QueryParam, System.ComponentModel.DataAnnotations.Range(1, Pages.MaxLimit)] public int? Limit { get; set; }
    /// <summary>The nextCursor of the previous page.</summary>
    [QueryParam, System.ComponentModel.DataAnnotations.StringLength(Pages.MaxCursorLength, MinimumLength = 1)] public string? Cursor { get; set; }

    /// <summary>The audit id a cursor of this API stands for, or null.</summary>
    internal static string? AfterId(string? cursor) =>
        cursor is not null && Keyset.Decode(cursor, 1) is [var id] && Ulid.TryParse(id, out _) ? id : null;

    internal sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(x => x.Limit).InclusiveBetween(1, Pages.MaxLimit).WithMessage($"Must be 1-{Pages.MaxLimit}.");
            RuleFor(x => x.Cursor).Must(c => AfterId(c) is not null).When(x => x.Cursor is not null).WithMessage("Not a cursor from this API.");
        }
    }
}

sealed class Response
{
    public required List<AuditEntry> Items { get; init; }
    public required string? NextCursor { get; init; }
}

sealed class Endpoint(Database database, AuditRepository audit) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Get(ApiRoutes.AuditLog);
        Policies(KeyScopes.Admin);
        Description(d => d.WithName("ListAuditLog").WithTags("Tenant"));
        Summary(s => s.Summary = "Every access to this tenant's client data, newest first, in pages");
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var limit = r.Limit ?? Pages.DefaultLimit;
        await using var session = await database.ReadAsync(ct);
        var rows = await audit.PageAsync(session, User.TenantId(), Request.AfterId(r.Cursor) ?? "~", limit + 1, ct);
        var page = rows.Take(limit).ToList();
        await Send.OkAsync(new Response { Items = page, NextCursor = rows.Count > limit ? Keyset.Encode(page[^1].Id) : null }, ct);
    }
}
