using Feedback.Clinical.Instruments;

namespace Feedback.Api.Tests.Readback;

/// <summary>Realistic answers for a session of any catalogue instrument: improving over the episode, whole and one-decimal mixed.</summary>
static class Answers
{
    public static decimal?[] For(Instrument instrument, int session, int? missingItem = null)
    {
        var items = new decimal?[instrument.ItemCount];
        var better = instrument.Direction == Direction.HigherIsBetter;
        for (var k = 0; k < items.Length; k++)
        {
            var span = instrument.ItemMax - instrument.ItemMin;
            // Worse at intake, better each session; items differ a little so totals are not all alike.
            var progress = Math.Min(1m, (session - 1 + (k % 3)) / 8m);
            var value = better ? instrument.ItemMin + span * (0.35m + 0.5m * progress) : instrument.ItemMax - span * (0.25m + 0.6m * progress);
            value = decimal.Round(value, 0, MidpointRounding.AwayFromZero);
            // One-decimal instruments: even sessions carry tenths, odd ones whole numbers (ORS 20 then 20.7).
            if (instrument.Decimals == 1 && session % 2 == 0 && value + 0.2m <= instrument.ItemMax) value += 0.1m * (k + 1) % 0.5m;
            items[k] = Math.Clamp(value, instrument.ItemMin, instrument.ItemMax);
        }
        if (missingItem is { } m) items[m] = null;
        return items;
    }
}
