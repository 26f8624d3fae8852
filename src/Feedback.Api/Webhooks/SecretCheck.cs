using Feedback.Data.Webhooks;

namespace Feedback.Api.Webhooks;

/// <summary>
/// At start-up, whether every stored endpoint secret decrypts under this instance's key. One that does not (a database
/// brought from another deployment, an instance with another key) is named in a warning, by endpoint id only; the
/// service still starts, so that the other tenants' deliveries go on, and the endpoint shows `secretReadable: false`
/// while its attempts fail with `secret_unreadable` until its tenant rotates the secret (docs/security.md).
/// </summary>
sealed class SecretCheck(Database database, WebhookRepository hooks, SecretProtector secrets, ILogger<SecretCheck> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        try
        {
            IReadOnlyList<WebhookRepository.StoredSecret> stored;
            await using (var session = await database.ReadAsync(stop))
                stored = await hooks.StoredSecretsAsync(session, stop);
            var unreadable = stored.Where(e => secrets.TryUnprotect(e.Secret) is null).Select(e => e.Id).ToList();
            if (unreadable.Count > 0)
                log.LogWarning("{Count} webhook endpoint secrets do not decrypt under {Setting} (protected under another key): endpoints {EndpointIds}. " +
                    "Their attempts fail with secret_unreadable until their tenant rotates the secret, or the original key is configured.",
                    unreadable.Count, SecretProtector.Setting, string.Join(", ", unreadable));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        catch (Exception e)
        {
            log.LogWarning(e, "The start-up check of webhook secrets could not read the endpoints.");
        }
    }
}
