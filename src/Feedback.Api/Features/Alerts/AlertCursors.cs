using System.Globalization;
using Feedback.Data.Alerts;

namespace Feedback.Api.Features.Alerts;

/// <summary>Cursors of the worklist: "rank:ticks:id" of the last alert of a page.</summary>
static class AlertCursors
{
    public static string Encode(AlertCursor c) =>
        Keyset.Encode(c.PriorityRank.ToString(CultureInfo.InvariantCulture), Keyset.Ticks(c.CreatedAt), c.Id);

    public static bool TryDecode(string? text, out AlertCursor cursor)
    {
        cursor = AlertCursor.Start;
        if (text is null) return true;
        if (Keyset.Decode(text, 3) is not [var rank, var at, var id]
            || !int.TryParse(rank, NumberStyles.None, CultureInfo.InvariantCulture, out var r)
            || !Keyset.TryInstant(at, out var instant) || !Ulid.TryParse(id, out _))
            return false;
        cursor = new AlertCursor(r, instant, id);
        return true;
    }
}
