namespace Feedback.Api.Tests;

/// <summary>The system clock, moved forward on demand: lets a test see what happens a day later.</summary>
public sealed class ShiftableClock : TimeProvider
{
    TimeSpan offset;

    DateTimeOffset? frozenAt;

    public override DateTimeOffset GetUtcNow() => frozenAt ?? base.GetUtcNow() + offset;

    /// <summary>Stops the clock where it is (a boundary test needs the service's "now" to be the one it computed with).</summary>
    public void Freeze() => frozenAt = GetUtcNow();

    public void Unfreeze()
    {
        if (frozenAt is { } at) offset = at - base.GetUtcNow();
        frozenAt = null;
    }

    public void Advance(TimeSpan by) => offset += by;

    /// <summary>Moves the clock forward to <paramref name="at"/> (it never goes back: the service may have stored later times).</summary>
    public void AdvanceTo(DateTimeOffset at)
    {
        var by = at - GetUtcNow();
        if (by < TimeSpan.Zero) throw new InvalidOperationException($"The clock is already past {at:O}.");
        offset += by;
    }
}
