namespace Feedback.Clinical.Tests.Scoring;

public sealed class CheckTests
{
    [Fact]
    public void Wrong_item_count_names_the_items_field()
    {
        var problems = Scorer.Check(Catalogue.Phq9, new decimal?[8]);
        problems.ShouldHaveSingleItem().Field.ShouldBe("items");
    }

    [Fact]
    public void Out_of_range_and_fractional_items_name_their_index()
    {
        var problems = Scorer.Check(Catalogue.Phq9, [0, 4, 1.5m, 0, 0, 0, 0, 0, -1]);
        problems.Select(p => p.Field).ShouldBe(["items[1]", "items[2]", "items[8]"]);
    }

    [Fact]
    public void Ors_takes_one_decimal_but_not_two()
    {
        Scorer.Check(Catalogue.Ors, [5.2m, 6, 4.4m, 5.1m]).ShouldBeEmpty();
        Scorer.Check(Catalogue.Ors, [5.25m, 6, 4.4m, 5.1m]).ShouldHaveSingleItem().Field.ShouldBe("items[0]");
    }

    [Fact]
    public void More_missing_items_than_allowed_is_refused()
    {
        Scorer.Check(Catalogue.Phq9, [0, 0, 0, 0, 0, 0, 0, null, null]).ShouldBeEmpty();
        Scorer.Check(Catalogue.Phq9, [0, 0, 0, 0, 0, 0, null, null, null]).ShouldHaveSingleItem().Field.ShouldBe("items");
        Scorer.Check(Catalogue.Who5, [0, 0, 0, 0, null]).ShouldHaveSingleItem().Field.ShouldBe("items");
    }

    [Fact]
    public void Instruments_needing_a_licence_or_permission_are_not_enabled_by_default()
    {
        Catalogue.EnabledByDefault.ShouldBe(["PHQ-9", "GAD-7", "CORE-10", "WHO-5"], ignoreOrder: true);
    }
}
