using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Feedback.Api.Shared;

/// <summary>Opaque keyset cursors: base64url of the sort key of the last row of a page, its parts joined by ':'.</summary>
static class Keyset
{
    public static string Encode(params string[] parts) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join(':', parts)));

    /// <summary>The parts of a cursor this API made, or null.</summary>
    public static string[]? Decode(string text, int count)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split(':');
            return parts.Length == count ? parts : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>As <see cref="Decode"/>, but the last of the <paramref name="count"/> parts may hold ':' (a client id).</summary>
    public static string[]? DecodeWithTail(string text, int count)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split(':', count) is { } parts && parts.Length == count ? parts : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString(CultureInfo.InvariantCulture);

    public static bool TryInstant(string text, out DateTimeOffset at)
    {
        at = default;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTimeOffset.MaxValue.UtcTicks)
            return false;
        at = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }
}
