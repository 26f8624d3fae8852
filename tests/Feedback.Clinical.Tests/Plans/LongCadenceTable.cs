using Feedback.Clinical.Plans;

namespace Feedback.Clinical.Tests.Plans;

/// <summary>clinical.md v1.2 section 1, "Long cadences": the boundary vectors of the spec and the message it gives.</summary>
public sealed class LongCadenceTable
{
    static Cadence EveryDays(int days, int grace) => new(CadenceType.EveryNDays, Days: days, EarlyDays: 2, GraceDays: grace);

    [Theory]
    [InlineData(83, 7, 90, false)] // 90 is not more than 90: the guard is strict, and so is the warning
    [InlineData(84, 7, 90, true)]  // 91 > 90
    [InlineData(365, 90, 0, false)] // guard off: never
    [InlineData(28, 7, 30, true)]
    [InlineData(28, 0, 30, false)]
    [InlineData(1, 0, 1, false)]
    public void Days_plus_grace_days_above_stale_episode_days_warns(int days, int grace, int stale, bool warns) =>
        LongCadence.ExceedsStaleEpisodeDays(EveryDays(days, grace), stale).ShouldBe(warns);

    [Theory]
    [InlineData(CadenceType.EverySession)]
    [InlineData(CadenceType.IntakeOnly)]
    [InlineData(CadenceType.EveryNSessions)]
    public void Session_cadences_never_warn(CadenceType type) =>
        LongCadence.ExceedsStaleEpisodeDays(new Cadence(type, N: 52), 1).ShouldBeFalse();

    [Fact]
    public void The_message_names_stale_episode_days_and_days_plus_grace_days()
    {
        LongCadence.Message(EveryDays(84, 7), 90).ShouldBe(
            "An administration given on time for this rule can come more than staleEpisodeDays (90) after the episode's latest "
            + "administration; the stale-episode guard would then close the episode and treat it as a new intake. Raise "
            + "staleEpisodeDays above days + graceDays (91), or send episodeId with these administrations.");
        LongCadence.Code.ShouldBe("cadence_exceeds_stale_episode_days");
    }
}
