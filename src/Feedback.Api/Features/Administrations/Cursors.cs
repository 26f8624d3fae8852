using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Feedback.Data.Administrations;

namespace Feedback.Api.Features.Administrations;

/// <summary>Opaque keyset cursors: base64url of "ticks:id" of the last row of a page.</summary>
static class Cursors
{
    public static string Encode(AdministrationCursor c) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{c.AdministeredAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{c.Id}"));

    public static bool TryDecode(string? text, out AdministrationCursor cursor)
    {
        cursor = AdministrationCursor.Start;
        if (text is null) return true;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split(':');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks > DateTimeOffset.MaxValue.UtcTicks || !Ulid.TryParse(parts[1], out _))
                return false;
            cursor = new AdministrationCursor(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
