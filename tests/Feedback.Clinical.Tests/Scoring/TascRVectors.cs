namespace Feedback.Clinical.Tests.Scoring;

/// <summary>
/// clinical.md v1.2 section 7, "TASC-R scoring": positions 1 "Not true" to 4 "Very much true", items 2, 5, 7, 8 and 11
/// reversed (5 - answer), total 12-48, at most one item missing and then prorated.
/// </summary>
public sealed class TascRVectors
{
    static readonly Instrument TascR = Catalogue.TascR;

    public static TheoryData<decimal?[], decimal, bool> Vectors() => new()
    {
        { [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4], 33, false },       // 7 x 4 + 5 reversed x 1
        { [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 27, false },       // 7 x 1 + 5 x 4
        { [4, 1, 4, 4, 1, 4, 1, 1, 4, 4, 1, 4], 48, false },
        { [1, 4, 1, 1, 4, 1, 4, 4, 1, 1, 4, 1], 12, false },
        { [4, 1, 4, 4, 1, 4, 1, 1, 4, 4, 1, null], 48, true },     // 44 x 12 / 11 = 48
        { [3, 2, null, 3, 2, 3, 2, 2, 3, 3, 2, 3], 36, true },     // 33 x 12 / 11 = 36
    };

    [Theory, MemberData(nameof(Vectors))]
    public void Positions_score_as_section_7_says(decimal?[] positions, decimal total, bool prorated)
    {
        Scorer.Check(TascR, positions).ShouldBeEmpty();
        var score = Scorer.Score(TascR, positions);
        (score.Total, score.Prorated).ShouldBe((total, prorated));
        score.Severity.ShouldBeNull();
        score.ClinicalRange.ShouldBeNull();
    }

    [Theory, MemberData(nameof(Vectors))]
    public void Scored_values_are_reversed_once_to_positions_first(decimal?[] positions, decimal total, bool prorated)
    {
        decimal?[] scored = [.. positions.Select((p, i) => p is { } v && TascR.IsReversed(i + 1) ? 5 - v : p)];
        TascR.Positions(scored, ItemConvention.Scored).ShouldBe(positions);
        (Scorer.Score(TascR, TascR.Positions(scored, ItemConvention.Scored)).Total, prorated).ShouldBe((total, prorated));
    }

    [Fact]
    public void Two_missing_items_or_an_answer_outside_1_4_cannot_be_scored()
    {
        Scorer.Check(TascR, [3, 2, null, 3, 2, 3, 2, 2, 3, 3, 2, null]).Select(p => p.Field).ShouldBe(["items"]);
        Scorer.Check(TascR, [0, 2, 3, 3, 2, 3, 2, 2, 3, 3, 2, 5]).Select(p => p.Field).ShouldBe(["items[0]", "items[11]"]);
    }

    [Fact]
    public void The_catalogue_lists_intended_ages_and_the_convergence_note()
    {
        TascR.IntendedAges.ShouldBe("7-17");
        TascR.Note.ShouldNotBeNull().ShouldContain("McLeod et al. 2017");
        TascR.Note.ShouldContain("adolescents (11 and older)");
        Catalogue.All.Where(i => i != TascR).ShouldAllBe(i => i.IntendedAges == null && i.Note == null);
        TascR.License.RequiresAttestation.ShouldBeTrue();
        Catalogue.All.Where(i => i != TascR).ShouldAllBe(i => !i.License.RequiresAttestation);
    }
}
