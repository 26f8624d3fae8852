namespace Feedback.Api.Tests;

/// <summary>The system clock, moved forward on demand: lets a test see what happens a day later.</summary>
public sealed class ShiftableClock : TimeProvider
{
    TimeSpan offset;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;

    public void Advance(TimeSpan by) => offset += by;

    /// <summary>Moves the clock forward to <paramref name="at"/> (it never goes back: the service may have stored later times).</summary>
    public void AdvanceTo(DateTimeOffset at)
    {
        var by = at - GetUtcNow();
        if (by < TimeSpan.Zero) throw new InvalidOperationException($"The clock is already past {at:O}.");
        offset += by;
    }
}
