using Feedback.Clinical.Reports;

namespace Feedback.Clinical.Tests.Reports;

/// <summary>
/// The section-8 algorithm (v1.2) on bare tables: each rule and its ties, the repetition until stable, and the
/// property that no equation is left with exactly one hidden cell.
/// </summary>
public sealed class TableSuppressionTests
{
    // A table of two fields: left = right + [never shown].
    static readonly RowEquation[] Pair = [new(0, [1], NeverShownTerm: true)];
    // A table of four fields: 0 = 1 + 2 + 3, nothing never shown.
    static readonly RowEquation[] Sum3 = [new(0, [1, 2, 3])];

    static bool[] One(int[] row, RowEquation[] equations) => TableSuppression.Hide([row], equations, lastRowIsTotal: false)[0];

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(9, true)]
    [InlineData(10, false)]
    [InlineData(-1, true)] // a row with nothing to show
    public void Primary_hides_1_to_9_never_zero(int count, bool hidden) =>
        One([count], []).ShouldBe([hidden]);

    [Fact]
    public void A_sum_with_one_hidden_term_hides_the_smallest_non_zero_shown_term()
    {
        One([45, 15, 20, 5], Sum3).ShouldBe([false, true, false, true]);     // 5 primary, then 15 (smaller than 20)
        One([40, 0, 35, 5], Sum3).ShouldBe([false, false, true, true]);      // zero is skipped
        One([45, 20, 20, 5], Sum3).ShouldBe([false, true, false, true]);     // a tie goes to field order
    }

    [Fact]
    public void The_first_field_can_be_the_smallest_term_and_the_first_group_the_smallest_cell()
    {
        One([12, 15, 5, 32], [new(3, [0, 1, 2])]).ShouldBe([true, false, true, false]);
        TableSuppression.Hide([[12], [15], [5], [32]], [], lastRowIsTotal: true).Select(h => h[0]).ShouldBe([true, false, true, false]);
    }

    [Fact]
    public void A_sum_with_one_hidden_term_and_no_other_non_zero_term_hides_its_left_hand_cell()
    {
        One([5, 0, 0, 5], Sum3).ShouldBe([true, false, false, true]);        // 5 primary both sides: two hidden already
        var rows = TableSuppression.Hide([[12, 0, 0, 12], [12, 0, 0, 12]], [new(0, [1, 2, 3])], lastRowIsTotal: false);
        rows[0].ShouldBe([false, false, false, false]);                      // nothing hidden, nothing to protect
        // 3 hidden by another equation (1 = 3 + [never shown 4]); the sum's other terms are 0: its left (16) goes too.
        One([16, 0, 0, 16, 20], [new(0, [1, 2, 3]), new(4, [3], NeverShownTerm: true)]).ShouldBe([true, false, false, true, false]);
    }

    [Fact]
    public void A_sum_whose_left_is_the_one_hidden_cell_hides_a_term()
    {
        // 0 hidden by a never-shown term of 4 (4 = 0 + [6]); then the sum hides its smallest non-zero term.
        // 8 primary; the sum hides 12 with it; 26 - 20 = 6 (never shown) hides 20 in the same pass.
        One([20, 12, 8, 0, 26], [new(0, [1, 2, 3]), new(4, [0], NeverShownTerm: true)])
            .ShouldBe([true, true, true, false, false]);
        One([25, 12, 13, 0, 31], [new(0, [1, 2, 3]), new(4, [0], NeverShownTerm: true)])
            .ShouldBe([true, true, false, false, false]); // 31 - 25 = 6 hides 25; then the sum hides 12 (smaller than 13)
    }

    [Theory]
    [InlineData(20, 13, true)]   // never shown 7: the right-hand cell goes
    [InlineData(20, 11, true)]   // 9
    [InlineData(20, 10, false)]  // 10
    [InlineData(20, 20, false)]  // 0: zero is never hidden, nothing to hide
    [InlineData(20, 0, false)]   // 20
    public void A_never_shown_term_of_1_to_9_hides_the_right_hand_cell(int left, int right, bool hidden) =>
        One([left, right], Pair).ShouldBe([false, hidden]);

    [Fact]
    public void A_never_shown_term_is_not_acted_on_when_the_equation_already_hides_a_cell()
    {
        One([25, 5], Pair).ShouldBe([false, true]); // 5 primary; 20 never shown is irrelevant
        One([8, 0], Pair).ShouldBe([true, false]);  // the left is itself 1-9
    }

    [Fact]
    public void Columns_hide_the_smallest_non_zero_shown_group_cell_then_the_total()
    {
        int[][] table = [[5], [0], [30], [12], [12], [59]];
        var hidden = TableSuppression.Hide(table, [], lastRowIsTotal: true);
        hidden.Select(h => h[0]).ShouldBe([true, false, false, true, false, false]); // 5, then the first 12 (group order)
        // One hidden group cell and no other non-zero group: the total goes.
        int[][] lone = [[12, 20], [0, 15], [12, 35]]; // a's 12 hidden by its row (20 - 12 = 8); the total's 35 - 12 = 23 is not
        var pairHidden = TableSuppression.Hide(lone, [new(1, [0], NeverShownTerm: true)], lastRowIsTotal: true);
        pairHidden.Select(h => h[0]).ShouldBe([true, false, true]);
    }

    [Fact]
    public void Columns_apply_only_with_two_groups_and_a_total_that_is_their_sum()
    {
        TableSuppression.Hide([[5], [30], [35]], [], lastRowIsTotal: false).Select(h => h[0]).ShouldBe([true, false, false]);
        TableSuppression.Hide([[15], [15]], [], lastRowIsTotal: true).Select(h => h[0]).ShouldBe([false, false]);
        TableSuppression.Hide([[5], [5]], [], lastRowIsTotal: true).Select(h => h[0]).ShouldBe([true, true]);
    }

    [Fact]
    public void Rows_and_columns_repeat_until_a_pass_hides_nothing()
    {
        // Group b's 4 hides b's 11 (row); each column then has one hidden cell and hides a's (12, 10); a's row has two: stable.
        int[][] table = [[22, 12, 10], [15, 4, 11], [37, 16, 21]];
        var hidden = TableSuppression.Hide(table, [new(0, [1, 2])], lastRowIsTotal: true);
        hidden[0].ShouldBe([false, true, true]);
        hidden[1].ShouldBe([false, true, true]);
        hidden[2].ShouldBe([false, false, false]);
    }

    [Theory]
    [InlineData(10, 10, 1.0)]
    [InlineData(2, 3, null)]
    [InlineData(1, 9, null)]
    [InlineData(0, 10, 0.0)]
    [InlineData(2, 3000, 0.001)]
    [InlineData(1, 3, null)]
    [InlineData(1, 16, 0.063)] // 0.0625: half away from zero
    public void A_rate_needs_a_denominator_of_10(int numerator, int denominator, double? rate) =>
        TableSuppression.Rate(numerator, denominator, false, false).ShouldBe(rate);

    [Fact]
    public void A_rate_over_a_hidden_count_is_hidden()
    {
        TableSuppression.Rate(10, 20, true, false).ShouldBeNull();
        TableSuppression.Rate(10, 20, false, true).ShouldBeNull();
        TableSuppression.Rate(10, 20, false, false).ShouldBe(0.5);
    }

    [Fact]
    public void No_equation_is_left_with_exactly_one_hidden_cell_in_5000_random_tables()
    {
        var random = new Random(20261207);
        RowEquation[] equations = [new(0, [1, 2, 3]), new(4, [0], NeverShownTerm: true), new(1, [5], NeverShownTerm: true)];
        for (var run = 0; run < 5000; run++)
        {
            var groups = random.Next(1, 6);
            var rows = Enumerable.Range(0, groups).Select(_ =>
            {
                int[] r = [0, random.Next(0, 25), random.Next(0, 25), random.Next(0, 25), 0, 0];
                r[0] = r[1] + r[2] + r[3];
                r[4] = r[0] + random.Next(0, 15);
                r[5] = random.Next(0, r[1] + 1);
                return r;
            }).ToList();
            rows.Add([.. Enumerable.Range(0, 6).Select(c => rows.Sum(r => r[c]))]);
            var hidden = TableSuppression.Hide(rows, equations, lastRowIsTotal: true);
            for (var r = 0; r < rows.Count; r++)
            {
                var h = hidden[r];
                new[] { h[0], h[1], h[2], h[3] }.Count(x => x).ShouldNotBe(1, $"run {run} row {r}");
                // A never-shown term of 1-9 with both sides shown would give it back.
                if (!h[4] && !h[0]) (rows[r][4] - rows[r][0]).ShouldNotBeInRange(1, 9);
                if (!h[1] && !h[5]) (rows[r][1] - rows[r][5]).ShouldNotBeInRange(1, 9);
                for (var c = 0; c < 6; c++)
                    if (rows[r][c] is >= 1 and <= 9) h[c].ShouldBeTrue();
                    else if (rows[r][c] == 0) h[c].ShouldBeFalse();
            }
            if (groups >= 2)
                for (var c = 0; c < 6; c++) hidden.Count(h => h[c]).ShouldNotBe(1, $"run {run} column {c}");
        }
    }
}
