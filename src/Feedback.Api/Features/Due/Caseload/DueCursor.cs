using System.Globalization;
using Feedback.Clinical.Plans;

namespace Feedback.Api.Features.Due.Caseload;

/// <summary>
/// The list's order and its cursors: status (overdue, due, due_next_session), dueAt (none last), clientId, instrument,
/// rater. The list is computed anew for each page; a cursor is the last item's place in that order, so a page starts
/// after it even when items came or went in between.
/// </summary>
sealed record DueCursor(int Rank, long DueAtTicks, string Instrument, string Rater, string ClientId) : IComparable<DueCursor>
{
    public static DueCursor Of(CaseloadItem c) => new(RankOf(c.Item.Status), c.Item.DueAt?.UtcTicks ?? long.MaxValue,
        c.Item.Rule.Instrument, Names.Of(c.Item.Rule.Rater), c.ClientId);

    static int RankOf(DueStatus s) => s switch { DueStatus.Overdue => 0, DueStatus.Due => 1, _ => 2 };

    public int CompareTo(DueCursor? other)
    {
        if (other is null) return 1;
        var c = Rank.CompareTo(other.Rank);
        if (c == 0) c = DueAtTicks.CompareTo(other.DueAtTicks);
        if (c == 0) c = string.CompareOrdinal(ClientId, other.ClientId);
        if (c == 0) c = string.CompareOrdinal(Instrument, other.Instrument);
        if (c == 0) c = string.CompareOrdinal(Rater, other.Rater);
        return c;
    }

    public string Encode() => Keyset.Encode(Rank.ToString(CultureInfo.InvariantCulture), DueAtTicks.ToString(CultureInfo.InvariantCulture), Instrument, Rater, ClientId);

    public static bool TryDecode(string? text, out DueCursor? cursor)
    {
        cursor = null;
        if (text is null) return true;
        if (Keyset.DecodeWithTail(text, 5) is not [var rank, var ticks, var instrument, var rater, var clientId]
            || !int.TryParse(rank, NumberStyles.None, CultureInfo.InvariantCulture, out var r) || r > 2
            || !long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t)
            || !Catalogue.Exists(instrument) || !Names.TryParse<Rater>(rater, out _) || !ClientIds.IsValid(clientId))
            return false;
        cursor = new DueCursor(r, t, instrument, rater, clientId);
        return true;
    }
}
