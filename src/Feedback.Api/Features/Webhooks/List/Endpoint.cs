using System.ComponentModel.DataAnnotations;
using Feedback.Api.Webhooks;
using Feedback.Data.Webhooks;

namespace Feedback.Api.Features.Webhooks.List;

sealed class Request
{
    /// <summary>1-200, default 50.</summary>
    [QueryParam, Range(1, Pages.MaxLimit)] public int? Limit { get; set; }
    /// <summary>The nextCursor of the previous page.</summary>
    [QueryParam, StringLength(26, MinimumLength = 26)] public string? Cursor { get; set; }

    internal sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(x => x.Limit).InclusiveBetween(1, Pages.MaxLimit).WithMessage($"Must be 1-{Pages.MaxLimit}.");
            RuleFor(x => x.Cursor).Must(c => Ulid.TryParse(c, out _)).When(x => x.Cursor is not null).WithMessage("Not a cursor from this API.");
        }
    }
}

sealed class Response
{
    public required List<EndpointView> Items { get; init; }
    /// <summary>Pass as cursor to get the next page; null on the last page.</summary>
    public required string? NextCursor { get; init; }
}

sealed class Endpoint(Database database, WebhookRepository hooks, SecretProtector secrets) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Get(ApiRoutes.WebhookEndpoints);
        Policies(KeyScopes.Admin);
        Description(d => d.WithName("ListWebhookEndpoints").WithTags("Webhooks"));
        Summary(s => s.Summary = "The tenant's webhook endpoints, oldest first (never their secrets)");
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var limit = r.Limit ?? Pages.DefaultLimit;
        await using var session = await database.ReadAsync(ct);
        var rows = await hooks.ListEndpointsAsync(session, User.TenantId(), r.Cursor ?? "", limit + 1, ct);
        var page = rows.Take(limit).ToList();
        await Send.OkAsync(new Response { Items = [.. page.Select(e => EndpointView.From(e, secrets))], NextCursor = rows.Count > limit ? page[^1].Id : null }, ct);
    }
}
