using Dapper;
using Feedback.Api.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.Tests.Features.Administrations;

/// <summary>Idempotency-Key records past their 24 h window are deleted; the ones inside it stay.</summary>
public sealed class IdempotencyPurgeTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task PostWithKeyAsync(string key, int minutes)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.AdministrationsOf("c-purge"))
        {
            Content = JsonContent.Create(Http.Phq9([0, 0, 0, 0, 0, 0, 0, 0, 0], Http.Monday.AddMinutes(minutes))),
        };
        request.Headers.Add("Idempotency-Key", key);
        (await app.Ehr.SendAsync(request, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    async Task<List<string>> KeysAsync()
    {
        await using var s = await app.Services.GetRequiredService<Feedback.Data.Connections.Database>().ReadAsync(Ct);
        return [.. await s.Connection.QueryAsync<string>("SELECT idempotency_key FROM idempotency_keys ORDER BY idempotency_key")];
    }

    [Fact]
    public async Task Records_older_than_24_hours_are_purged_and_newer_ones_kept()
    {
        await PostWithKeyAsync("purge-old", 0);
        app.Clock.Advance(TimeSpan.FromHours(23));
        await PostWithKeyAsync("purge-new", 1);
        app.Clock.Advance(TimeSpan.FromHours(1).Add(TimeSpan.FromSeconds(1))); // "old" is now 24 h 1 s old, "new" 1 h
        (await app.Services.GetRequiredService<IdempotencyPurge>().PurgeOnceAsync(Ct)).ShouldBe(1);
        (await KeysAsync()).ShouldBe(["purge-new"]);
    }
}
