namespace Feedback.Clinical.Tests.Spec;

/// <summary>
/// An alert's priority_rank is its priority's enum value, stored with every alert and read back as the worklist's order
/// (migration 0002: 0 urgent, 1 high, 2 normal). The values are pinned, so a reordered enum cannot re-sort stored worklists.
/// </summary>
public sealed class AlertPriorityRanks
{
    [Theory]
    [InlineData(AlertPriority.Urgent, 0), InlineData(AlertPriority.High, 1), InlineData(AlertPriority.Normal, 2)]
    public void Each_priority_is_the_rank_stored_since_migration_0002(AlertPriority priority, int storedRank) =>
        ((int)priority).ShouldBe(storedRank);

    [Fact]
    public void There_is_no_fourth_priority_without_a_rank_of_its_own() =>
        Enum.GetValues<AlertPriority>().Select(p => (int)p).ShouldBe([0, 1, 2]);
}
