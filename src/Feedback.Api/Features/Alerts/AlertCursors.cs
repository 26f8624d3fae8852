using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Feedback.Data.Alerts;

namespace Feedback.Api.Features.Alerts;

/// <summary>Opaque worklist cursors: base64url of "rank:ticks:id" of the last alert of a page.</summary>
static class AlertCursors
{
    public static string Encode(AlertCursor c) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{c.PriorityRank}:{c.CreatedAt.UtcTicks}:{c.Id}")));

    public static bool TryDecode(string? text, out AlertCursor cursor)
    {
        cursor = AlertCursor.Start;
        if (text is null) return true;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split(':');
            if (parts.Length != 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rank)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks > DateTimeOffset.MaxValue.UtcTicks || !Ulid.TryParse(parts[2], out _))
                return false;
            cursor = new AlertCursor(rank, new DateTimeOffset(ticks, TimeSpan.Zero), parts[2]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
