using Feedback.Data.Administrations;

namespace Feedback.Api.Features.Administrations;

/// <summary>Cursors of the administrations list: "ticks:id" of the last row of a page.</summary>
static class Cursors
{
    public static string Encode(AdministrationCursor c) => Keyset.Encode(Keyset.Ticks(c.AdministeredAt), c.Id);

    public static bool TryDecode(string? text, out AdministrationCursor cursor)
    {
        cursor = AdministrationCursor.Start;
        if (text is null) return true;
        if (Keyset.Decode(text, 2) is not [var at, var id] || !Keyset.TryInstant(at, out var instant) || !Ulid.TryParse(id, out _))
            return false;
        cursor = new AdministrationCursor(instant, id);
        return true;
    }
}
