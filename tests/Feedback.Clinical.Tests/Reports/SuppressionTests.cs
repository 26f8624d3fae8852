using Feedback.Clinical.Reports;

namespace Feedback.Clinical.Tests.Reports;

/// <summary>interop.md 4.1 "Suppression": primary and secondary, at 0, 1, 9 and 10, and no hidden cell recoverable from the totals.</summary>
public sealed class SuppressionTests
{
    static OutcomeFigures F(string? key, int ended, int completed = 0, int cases = 0, int recovered = 0, int improved = 0,
        int deteriorated = 0, int reliableRecovery = 0, double? d = null, double? saes = null) =>
        new(key, ended, completed, cases, recovered, improved, deteriorated, reliableRecovery, d, saes);

    static OutcomeFigures Sum(string? key, IEnumerable<OutcomeFigures> groups) => groups.Aggregate(F(key, 0), (a, g) => a with
    {
        EndedEpisodes = a.EndedEpisodes + g.EndedEpisodes, CompletedEpisodes = a.CompletedEpisodes + g.CompletedEpisodes,
        CasesAtIntake = a.CasesAtIntake + g.CasesAtIntake, Recovered = a.Recovered + g.Recovered, ReliablyImproved = a.ReliablyImproved + g.ReliablyImproved,
        ReliablyDeteriorated = a.ReliablyDeteriorated + g.ReliablyDeteriorated, ReliableRecovery = a.ReliableRecovery + g.ReliableRecovery,
    });

    static ReportRow One(OutcomeFigures f) => Suppression.Apply([f], f).Total;

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, null)]
    [InlineData(9, null)]
    [InlineData(10, 10)]
    public void A_count_of_1_to_9_is_hidden_and_zero_never(int count, int? shown)
    {
        var row = One(F("g", count));
        row.EndedEpisodes.ShouldBe(shown);
        row.Suppressed.Contains("endedEpisodes").ShouldBe(shown is null);
    }

    [Theory]
    // cases, recovered -> recovered.rate shown?
    [InlineData(0, 0, false)]    // no cases: no rate (not 0/0)
    [InlineData(9, 0, false)]    // denominator below 10
    [InlineData(10, 0, true)]    // 0 of 10: zero is never hidden
    [InlineData(20, 10, true)]   // 0.5
    [InlineData(20, 9, false)]   // numerator 1-9
    [InlineData(20, 11, false)]  // complement 9
    [InlineData(20, 19, false)]  // complement 1
    [InlineData(20, 20, true)]   // complement 0
    [InlineData(25, 10, true)]
    public void A_rate_is_hidden_below_10_and_when_its_count_or_complement_is_small(int cases, int recovered, bool shown)
    {
        var row = One(F("g", 40, 30, cases, recovered));
        (row.Recovered.Rate is not null).ShouldBe(shown);
        row.Suppressed.Contains("recovered.rate").ShouldBe(!shown);
        if (shown) row.Recovered.Rate.ShouldBe(Math.Round((double)recovered / cases, 3));
    }

    [Fact]
    public void Rates_have_their_own_denominators()
    {
        // reliablyImproved is a share of completed episodes (30), reliable recovery of the cases (12).
        var row = One(F("g", 40, 30, 12, recovered: 12, improved: 15, reliableRecovery: 12));
        row.ReliablyImproved.Rate.ShouldBe(0.5);
        row.ReliableRecovery.Rate.ShouldBe(1.0);
        row.Recovered.ShouldBe(new ShownRate(12, 1.0));
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    public void Effect_sizes_need_10_cases(int cases, bool shown)
    {
        var row = One(F("g", 40, 30, cases, d: 1.12, saes: 0.94));
        (row.PrePostD, row.Saes).ShouldBe(shown ? (1.12, 0.94) : (null, null));
        row.Suppressed.Contains("prePostD").ShouldBe(!shown);
        row.Suppressed.Contains("saes").ShouldBe(!shown);
    }

    [Fact]
    public void An_effect_size_that_cannot_be_computed_is_null_and_listed()
    {
        var row = One(F("g", 40, 30, 20, d: null, saes: 0.5));
        (row.PrePostD, row.Saes).ShouldBe((null, 0.5));
        row.Suppressed.ShouldBe(["prePostD"]); // 0 recovered of 20 cases: a count and rate of 0 are shown
    }

    [Fact]
    public void The_next_smallest_count_of_another_group_is_hidden_when_the_total_would_reveal_a_hidden_one()
    {
        OutcomeFigures[] groups = [F("a", 5), F("b", 0), F("c", 30), F("d", 12)];
        var (rows, total) = Suppression.Apply(groups, Sum(null, groups));
        rows.Select(r => r.EndedEpisodes).ShouldBe([null, 0, 30, null]); // a (5) primary; d (12, the next smallest non-zero) secondary
        total.EndedEpisodes.ShouldBe(47);
        // Two hidden: the total tells only their sum.
    }

    [Fact]
    public void Between_equal_next_smallest_counts_the_first_group_is_hidden()
    {
        OutcomeFigures[] groups = [F("a", 5), F("b", 12), F("c", 12), F("d", 40)];
        var (rows, _) = Suppression.Apply(groups, Sum(null, groups));
        rows.Select(r => r.EndedEpisodes).ShouldBe([null, null, 12, 40]);
    }

    [Fact]
    public void A_count_hidden_as_secondary_takes_its_rate_and_the_rates_over_it_along()
    {
        OutcomeFigures[] groups = [F("a", 40, 30, cases: 4, recovered: 0), F("b", 40, 30, cases: 20, recovered: 10)];
        var (rows, total) = Suppression.Apply(groups, Sum(null, groups));
        rows[0].CasesAtIntake.ShouldBeNull();
        rows[1].CasesAtIntake.ShouldBeNull(); // else 24 - 20 = 4
        rows[1].Recovered.ShouldBe(new ShownRate(10, null)); // 10 / 0.5 would give the cases back
        rows[1].Suppressed.ShouldContain("casesAtIntake");
        rows[1].Suppressed.ShouldContain("recovered.rate");
        total.CasesAtIntake.ShouldBe(24);
    }

    [Fact]
    public void A_row_hides_what_its_reference_row_hides()
    {
        OutcomeFigures[] groups = [F("a", 5, 5, 5, 5), F("b", 12, 12, 12, 12, d: 0.5), F("c", 30, 30, 30, 20, d: 0.9)];
        var (rows, _) = Suppression.Apply(groups, Sum(null, groups));
        var alone = One(groups[1]); // b on its own shows everything but the complement-hidden rate (12 of 12 recovered: 0)
        alone.EndedEpisodes.ShouldBe(12);
        var limited = Suppression.HideAsIn(alone, rows[1]);
        (limited.EndedEpisodes, limited.CasesAtIntake, limited.Recovered.Count, limited.PrePostD).ShouldBe((null, null, null, 0.5));
        limited.Suppressed.ShouldBe(rows[1].Suppressed);
    }

    [Fact]
    public void The_total_is_suppressed_by_the_same_rules()
    {
        OutcomeFigures[] groups = [F("a", 3), F("b", 4)];
        var (rows, total) = Suppression.Apply(groups, Sum(null, groups));
        rows.Select(r => r.EndedEpisodes).ShouldBe([null, null]);
        total.EndedEpisodes.ShouldBeNull();
    }

    [Fact]
    public void No_hidden_count_can_be_recomputed_from_the_total_and_the_shown_counts_in_5000_random_reports()
    {
        var random = new Random(20261124);
        var names = new Func<ReportRow, int?>[] { r => r.EndedEpisodes, r => r.CompletedEpisodes, r => r.CasesAtIntake, r => r.Recovered.Count,
            r => r.ReliablyImproved.Count, r => r.ReliablyDeteriorated.Count, r => r.Unchanged.Count, r => r.ReliableRecovery.Count };
        var raw = new Func<OutcomeFigures, int>[] { f => f.EndedEpisodes, f => f.CompletedEpisodes, f => f.CasesAtIntake, f => f.Recovered,
            f => f.ReliablyImproved, f => f.ReliablyDeteriorated, f => f.CompletedEpisodes - f.ReliablyImproved - f.ReliablyDeteriorated, f => f.ReliableRecovery };
        var hiddenSeen = 0;
        for (var run = 0; run < 5000; run++)
        {
            var groups = Enumerable.Range(0, random.Next(1, 7)).Select(g =>
            {
                var completed = random.Next(0, 40);
                var ended = completed + random.Next(0, 10);
                var cases = random.Next(0, completed + 1);
                var recovered = random.Next(0, cases + 1);
                var improved = random.Next(0, completed + 1);
                return F($"g{g}", ended, completed, cases, recovered, improved, random.Next(0, (completed - improved) / 2 + 1),
                    random.Next(0, recovered + 1), 1.0, 1.0);
            }).ToList();
            var (rows, total) = Suppression.Apply(groups, Sum(null, groups));
            for (var m = 0; m < names.Length; m++)
            {
                var hidden = rows.Count(r => names[m](r) is null);
                hiddenSeen += hidden;
                // Primary: 1-9 hidden, others shown unless hidden as secondary.
                foreach (var (row, figures) in rows.Zip(groups))
                    if (raw[m](figures) is >= 1 and <= 9) names[m](row).ShouldBeNull();
                    else if (raw[m](figures) == 0) names[m](row).ShouldBe(0);
                // Never exactly one hidden cell in a column whose total is shown.
                if (names[m](total) is not null) hidden.ShouldNotBe(1, $"run {run}, metric {m}");
            }
            // A rate never gives back a hidden count: hidden numerator or denominator, no rate.
            foreach (var row in rows.Append(total))
            {
                if (row.Recovered.Count is null || row.CasesAtIntake is null) row.Recovered.Rate.ShouldBeNull();
                if (row.ReliableRecovery.Count is null || row.CasesAtIntake is null) row.ReliableRecovery.Rate.ShouldBeNull();
                if (row.ReliablyImproved.Count is null || row.CompletedEpisodes is null) row.ReliablyImproved.Rate.ShouldBeNull();
                if (row.ReliablyDeteriorated.Count is null || row.CompletedEpisodes is null) row.ReliablyDeteriorated.Rate.ShouldBeNull();
                if (row.Unchanged.Count is null || row.CompletedEpisodes is null) row.Unchanged.Rate.ShouldBeNull();
                // Every null is listed.
                var nulls = new (string Name, object? Value)[]
                {
                    ("endedEpisodes", row.EndedEpisodes), ("completedEpisodes", row.CompletedEpisodes), ("casesAtIntake", row.CasesAtIntake),
                    ("recovered.count", row.Recovered.Count), ("recovered.rate", row.Recovered.Rate), ("reliablyImproved.count", row.ReliablyImproved.Count),
                    ("reliablyImproved.rate", row.ReliablyImproved.Rate), ("reliablyDeteriorated.count", row.ReliablyDeteriorated.Count),
                    ("reliablyDeteriorated.rate", row.ReliablyDeteriorated.Rate), ("unchanged.count", row.Unchanged.Count), ("unchanged.rate", row.Unchanged.Rate),
                    ("reliableRecovery.count", row.ReliableRecovery.Count),
                    ("reliableRecovery.rate", row.ReliableRecovery.Rate), ("prePostD", row.PrePostD), ("saes", row.Saes),
                }.Where(n => n.Value is null).Select(n => n.Name);
                row.Suppressed.ShouldBe(nulls);
            }
        }
        hiddenSeen.ShouldBeGreaterThan(1000); // the random reports exercise suppression
    }
}
