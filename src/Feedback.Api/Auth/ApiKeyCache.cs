using Feedback.Data.ApiKeys;
using Microsoft.Extensions.Caching.Memory;

namespace Feedback.Api.Auth;

/// <summary>
/// Active keys by hash, kept for a few seconds so that a request does not cost a key lookup. A revoked key stops
/// working within <see cref="Lifetime"/>; unknown keys are never cached, so a new key works at once.
/// </summary>
sealed class ApiKeyCache(Database database, ApiKeyRepository keys, IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    public async Task<ApiKeyRow?> FindAsync(string presentedKey, CancellationToken ct)
    {
        var hash = ApiKeys.Hash(presentedKey);
        if (cache.TryGetValue(hash, out ApiKeyRow? known)) return known;
        var key = await database.ReadWithRetryAsync((session, token) => keys.FindActiveByHashAsync(session, hash, token), ct);
        if (key is not null) cache.Set(hash, key, Lifetime);
        return key;
    }
}
