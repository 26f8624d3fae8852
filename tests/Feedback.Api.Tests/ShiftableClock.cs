namespace Feedback.Api.Tests;

/// <summary>The system clock, moved forward on demand: lets a test see what happens a day later.</summary>
public sealed class ShiftableClock : TimeProvider
{
    TimeSpan offset;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;

    public void Advance(TimeSpan by) => offset += by;
}
