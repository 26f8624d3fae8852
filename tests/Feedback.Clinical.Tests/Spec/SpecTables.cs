namespace Feedback.Clinical.Tests.Spec;

/// <summary>
/// The instrument table of clinical.md section 2, typed here from the spec and never read from the catalogue, so that a
/// changed number in the code is caught by a test that does not share it.
/// </summary>
public sealed record SpecInstrument(string Code, int Items, int ItemMin, int ItemMax, int Decimals, int[] Reverse, int Multiplier = 1)
{
    public static readonly SpecInstrument Phq9 = new("PHQ-9", 9, 0, 3, 0, []);
    public static readonly SpecInstrument Gad7 = new("GAD-7", 7, 0, 3, 0, []);
    public static readonly SpecInstrument Core10 = new("CORE-10", 10, 0, 4, 0, [2, 3]);
    public static readonly SpecInstrument Oq452 = new("OQ-45.2", 45, 0, 4, 0, [1, 12, 13, 20, 21, 24, 31, 37, 43]);
    public static readonly SpecInstrument Ors = new("ORS", 4, 0, 10, 1, []);
    public static readonly SpecInstrument Who5 = new("WHO-5", 5, 0, 5, 0, [], Multiplier: 4);
    public static readonly SpecInstrument Srs = new("SRS", 4, 0, 10, 1, []);
    public static readonly SpecInstrument WaiSr = new("WAI-SR", 12, 1, 5, 0, []);
    public static readonly SpecInstrument Cors = new("CORS", 4, 0, 10, 1, []);
    public static readonly SpecInstrument Csrs = new("CSRS", 4, 0, 10, 1, []);
    public static readonly SpecInstrument TascR = new("TASC-R", 12, 1, 4, 0, [2, 5, 7, 8, 11]);

    public static readonly SpecInstrument[] All = [Phq9, Gad7, Core10, Oq452, Ors, Who5, Srs, WaiSr, Cors, Csrs, TascR];

    public static SpecInstrument Of(string code) => All.Single(i => i.Code == code);

    public Instrument Catalogued => Catalogue.Get(Code);

    /// <summary>
    /// Response positions whose total is <paramref name="total"/>: scored values filled item by item from the first, then
    /// reverse items turned back into positions with (max + min) - scored.
    /// </summary>
    public decimal?[] ItemsWithTotal(decimal total)
    {
        var raw = total / Multiplier;
        var scored = Enumerable.Repeat((decimal)ItemMin, Items).ToArray();
        var remaining = raw - ItemMin * Items;
        if (remaining < 0 || remaining > (ItemMax - ItemMin) * Items) throw new ArgumentOutOfRangeException(nameof(total));
        for (var i = 0; i < Items && remaining > 0; i++)
        {
            var add = Math.Min(ItemMax - ItemMin, remaining);
            scored[i] += add;
            remaining -= add;
        }
        return scored.Select((v, i) => (decimal?)(Reverse.Contains(i + 1) ? ItemMax + ItemMin - v : v)).ToArray();
    }

    public decimal TotalStep => (Decimals == 0 ? 1m : 0.1m) * Multiplier;
}
