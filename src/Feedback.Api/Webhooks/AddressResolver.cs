using System.Net;

namespace Feedback.Api.Webhooks;

/// <summary>DNS for webhook targets; a seam for tests, which resolve names to chosen addresses.</summary>
class AddressResolver
{
    public virtual Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);
}

/// <summary>A target refused by the SSRF rules (interop.md 2.5): logged as the attempt's error `blocked_address`.</summary>
sealed class BlockedAddressException(string reason) : Exception(reason);
