using Feedback.Clinical.Reports;

namespace Feedback.Clinical.Tests.Reports;

/// <summary>
/// clinical.md section 8, small-number suppression v1.2 on outcome reports: the section's vectors (the defect-7
/// attack, a hidden complement, rows and columns, alliance counts), rates and effect sizes, the clinician's own report,
/// and random reports in which no equation is left with exactly one hidden cell.
/// </summary>
public sealed class SuppressionTests
{
    static OutcomeFigures F(string? key, int ended, int completed = 0, int cases = 0, int recovered = 0, int improved = 0,
        int deteriorated = 0, int reliableRecovery = 0, double? d = null, double? saes = null, bool showsSaes = false) =>
        new(key, ended, completed, cases, recovered, improved, deteriorated, reliableRecovery, d, saes, showsSaes);

    static OutcomeFigures Sum(string? key, IEnumerable<OutcomeFigures> groups) => groups.Aggregate(F(key, 0), (a, g) => a with
    {
        EndedEpisodes = a.EndedEpisodes + g.EndedEpisodes, CompletedEpisodes = a.CompletedEpisodes + g.CompletedEpisodes,
        CasesAtIntake = a.CasesAtIntake + g.CasesAtIntake, Recovered = a.Recovered + g.Recovered, ReliablyImproved = a.ReliablyImproved + g.ReliablyImproved,
        ReliablyDeteriorated = a.ReliablyDeteriorated + g.ReliablyDeteriorated, ReliableRecovery = a.ReliableRecovery + g.ReliableRecovery,
    });

    static ReportRow One(OutcomeFigures f) => Suppression.Apply([f], f).Total;

    static int?[] Counts(ReportRow r) =>
        [r.EndedEpisodes, r.CompletedEpisodes, r.CasesAtIntake, r.Recovered.Count, r.ReliablyImproved.Count, r.ReliablyDeteriorated.Count,
         r.Unchanged.Count, r.ReliableRecovery.Count];

    [Fact]
    public void The_defect_7_attack_hides_deteriorated_with_unchanged()
    {
        // ended 45, completed 30, cases 20, recovered 10, improved 15, deteriorated 10, unchanged 5 (30 - 15 - 10), reliable recovery 0.
        var row = One(F(null, 45, 30, 20, recovered: 10, improved: 15, deteriorated: 10, reliableRecovery: 0));
        Counts(row).ShouldBe([45, 30, 20, 10, 15, null, null, 0]);
        (row.Recovered.Rate, row.ReliablyImproved.Rate, row.ReliableRecovery.Rate).ShouldBe((0.5, 0.5, 0.0));
        (row.ReliablyDeteriorated.Rate, row.Unchanged.Rate).ShouldBe((null, null));
        row.Suppressed.ShouldBe(["reliablyDeteriorated.count", "reliablyDeteriorated.rate", "unchanged.count", "unchanged.rate", "prePostD"]);
    }

    [Fact]
    public void A_hidden_complement_hides_its_shown_term()
    {
        // cases 20 = recovered 13 + [not recovered 7] (R4).
        var row = One(F(null, 40, 30, 20, recovered: 13, improved: 20, deteriorated: 0, reliableRecovery: 0));
        Counts(row).ShouldBe([40, 30, 20, null, 20, 0, 10, 0]);
        row.Recovered.Rate.ShouldBeNull();
        row.Suppressed.ShouldBe(["recovered.count", "recovered.rate", "prePostD"]);
    }

    [Fact]
    public void Rows_and_columns()
    {
        OutcomeFigures[] groups =
        [
            F("clin-a", 40, 30, 20, recovered: 10, improved: 12, deteriorated: 0, reliableRecovery: 0),  // unchanged 18
            F("clin-b", 30, 20, 10, recovered: 0, improved: 7, deteriorated: 0, reliableRecovery: 0),    // unchanged 13
        ];
        var total = Sum(null, groups);
        Counts(One(total)).ShouldBe([70, 50, 30, 10, 19, 0, 31, 0]);
        var (rows, shownTotal) = Suppression.Apply(groups, total);
        Counts(rows[0]).ShouldBe([40, 30, 20, 10, null, 0, null, 0]);
        Counts(rows[1]).ShouldBe([30, 20, 10, 0, null, 0, null, 0]);
        Counts(shownTotal).ShouldBe([70, 50, 30, 10, 19, 0, 31, 0]);
    }

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
    [InlineData(20, 11, false)]  // not recovered 9 (R4): the count goes, and its rate
    [InlineData(20, 20, true)]   // not recovered 0
    [InlineData(30, 10, true)]
    public void A_rate_is_hidden_below_10_and_with_its_count(int cases, int recovered, bool shown)
    {
        var row = One(F("g", 40, 30, cases, recovered, improved: 30, reliableRecovery: recovered));
        (row.Recovered.Rate is not null).ShouldBe(shown);
        row.Suppressed.Contains("recovered.rate").ShouldBe(!shown);
        if (shown) row.Recovered.Rate.ShouldBe(Math.Round((double)recovered / cases, 3));
    }

    [Fact]
    public void Rates_have_their_own_denominators()
    {
        // reliablyImproved is a share of completed episodes (30), reliable recovery of the cases (12).
        var row = One(F("g", 40, 30, 12, recovered: 12, improved: 12, reliableRecovery: 12));
        row.ReliablyImproved.Rate.ShouldBe(0.4);
        row.ReliableRecovery.Rate.ShouldBe(1.0);
        row.Recovered.ShouldBe(new ShownRate(12, 1.0));
        row.Unchanged.ShouldBe(new ShownRate(18, 0.6));
        row.ReliablyDeteriorated.ShouldBe(new ShownRate(0, 0.0));
    }

    [Fact]
    public void A_hidden_denominator_hides_the_rates_over_it()
    {
        // ended 35 = completed 30 + [5]: completed goes (R2), and every rate over it.
        var row = One(F("g", 35, 30, 30, recovered: 30, improved: 30, reliableRecovery: 30));
        row.CompletedEpisodes.ShouldBeNull();
        (row.ReliablyImproved.Rate, row.ReliablyDeteriorated.Rate, row.Unchanged.Rate).ShouldBe((null, null, null));
        row.Recovered.Rate.ShouldBe(1.0);
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    public void Effect_sizes_need_10_cases(int cases, bool shown)
    {
        var row = Suppression.Apply([F("g", 40, 30, cases, d: 1.12, saes: 0.94, showsSaes: true)], F(null, 40, 30, cases, d: 1.12)).Groups[0];
        (row.PrePostD, row.SaesTenantReferenced).ShouldBe(shown ? (1.12, 0.94) : (null, null));
        row.Suppressed.Contains("prePostD").ShouldBe(!shown);
        row.Suppressed.Contains("saesTenantReferenced").ShouldBe(!shown);
    }

    [Fact]
    public void The_tenant_referenced_effect_size_is_listed_only_in_rows_that_carry_it()
    {
        var row = One(F("g", 40, 30, 20, recovered: 10, improved: 10, reliableRecovery: 10, d: null));
        (row.ShowsSaes, row.SaesTenantReferenced).ShouldBe((false, null));
        row.Suppressed.ShouldBe(["prePostD"]);
        var grouped = Suppression.Apply([F("g", 40, 30, 20, recovered: 10, improved: 10, reliableRecovery: 10, d: 0.8, saes: null, showsSaes: true)],
            F(null, 40, 30, 20, recovered: 10, improved: 10, reliableRecovery: 10, d: 0.8)).Groups[0];
        (grouped.ShowsSaes, grouped.PrePostD).ShouldBe((true, 0.8));
        grouped.Suppressed.ShouldBe(["saesTenantReferenced"]);
    }

    [Fact]
    public void A_total_with_nothing_to_show_hides_everything_and_is_not_a_column_sum()
    {
        OutcomeFigures[] groups = [F("PHQ-9", 40, 30, 20, 10, 15, 5, 10), F("GAD-7", 12, 12, 12, 12, 12, 0, 12)];
        var (rows, total) = Suppression.Apply(groups, OutcomeFigures.NotApplicable);
        Counts(total).ShouldAllBe(c => c == null);
        total.Suppressed.Count.ShouldBe(14); // every figure but the SAES the row does not carry
        rows[1].EndedEpisodes.ShouldBe(12); // a group is not hidden to protect a total that is not shown
    }

    [Fact]
    public void A_clinicians_own_report_hides_what_their_row_of_the_report_by_clinician_hides()
    {
        OutcomeFigures[] groups = [F("a", 5, 5, 5, 5), F("b", 12, 12, 12, 12, 0, 0, 0, d: 0.5, saes: 0.4, showsSaes: true),
            F("c", 30, 30, 30, 20, 0, 0, 0, d: 0.9, saes: 0.8, showsSaes: true)];
        var (rows, _) = Suppression.Apply(groups, Sum(null, groups));
        rows[1].EndedEpisodes.ShouldBeNull(); // the column: a's 5 is hidden, b's 12 with it
        var alone = One(groups[1] with { ShowsSaes = false });
        alone.EndedEpisodes.ShouldBe(12);
        var limited = Suppression.HideAsIn(alone, rows[1]);
        (limited.EndedEpisodes, limited.CompletedEpisodes, limited.CasesAtIntake, limited.Recovered.Count, limited.PrePostD)
            .ShouldBe((null, null, null, null, 0.5));
        limited.Suppressed.ShouldBe(rows[1].Suppressed.Where(s => s != "saesTenantReferenced"));
        limited.Suppressed.ShouldBe(["endedEpisodes", "completedEpisodes", "casesAtIntake", "recovered.count", "recovered.rate",
            "reliablyImproved.rate", "reliablyDeteriorated.rate", "unchanged.count", "unchanged.rate", "reliableRecovery.rate"]);
        // What the reference shows, the row keeps; what the row hid itself stays hidden.
        var selfHidden = One(F("b", 12, 12, 12, 3, 0, 0, 0));
        Suppression.HideAsIn(selfHidden, One(F("b", 12, 12, 12, 12, 0, 0, 0))).Recovered.Count.ShouldBeNull();
        Suppression.HideAsIn(selfHidden, One(F("b", 12, 12, 12, 12, 0, 0, 0))).EndedEpisodes.ShouldBe(12);
    }

    [Fact]
    public void The_clinicians_own_report_keeps_each_figure_its_reference_shows()
    {
        var row = One(F("b", 40, 30, 20, 10, 20, 0, 10, d: 0.7));
        row.Suppressed.ShouldBeEmpty();
        var withSaes = row with { ShowsSaes = true, SaesTenantReferenced = 0.3 };
        Suppression.HideAsIn(withSaes, withSaes).SaesTenantReferenced.ShouldBe(0.3);
        var same = Suppression.HideAsIn(row, row);
        same.ShouldBe(row with { Suppressed = same.Suppressed, Alliance = same.Alliance });
        same.Suppressed.ShouldBe(row.Suppressed);
        var reference = row with
        {
            EndedEpisodes = null, CompletedEpisodes = null, CasesAtIntake = null, PrePostD = null, SaesTenantReferenced = null,
            Suppressed = ["endedEpisodes", "completedEpisodes", "casesAtIntake", "recovered.count", "recovered.rate", "reliablyImproved.count",
                "reliablyImproved.rate", "reliablyDeteriorated.count", "reliablyDeteriorated.rate", "unchanged.count", "unchanged.rate",
                "reliableRecovery.count", "reliableRecovery.rate", "prePostD", "saesTenantReferenced"],
        };
        var all = Suppression.HideAsIn(row with { ShowsSaes = true, SaesTenantReferenced = 0.3 }, reference);
        Counts(all).ShouldAllBe(c => c == null);
        (all.Recovered.Rate, all.ReliablyImproved.Rate, all.ReliablyDeteriorated.Rate, all.Unchanged.Rate, all.ReliableRecovery.Rate, all.PrePostD, all.SaesTenantReferenced)
            .ShouldBe((null, null, null, null, null, null, null));
        all.Suppressed.ShouldBe(reference.Suppressed);
        // A row without the SAES does not list it, whatever its reference hides.
        Suppression.HideAsIn(row, reference).Suppressed.ShouldBe(reference.Suppressed.Where(f => f != "saesTenantReferenced"));
    }

    [Fact]
    public void The_clinicians_own_alliance_rows_hide_as_the_same_instrument_and_raters_row_of_the_reference()
    {
        var client = AllianceSuppression.Apply([], [new AllianceFigures("SRS", Rater.Client, 40, 20, 10, 10, 30, 20)]).Total!.Single();
        var caregiver = client with { Rater = Rater.Caregiver };
        var hiddenClient = client with { Series = null, Suppressed = ["series"] };
        var row = One(F("b", 40, 30, 20, 10, 15, 0, 10, d: 0.7)) with { Alliance = [client, caregiver] };
        var reference = row with { Alliance = [hiddenClient] };
        var limited = Suppression.HideAsIn(row, reference);
        (limited.Alliance![0].Series, limited.Alliance[0].Ruptures, limited.Alliance[1].Series).ShouldBe((null, 20, 40));
        limited.Alliance[0].Suppressed.ShouldBe(["series"]);
        limited.Alliance[1].ShouldBeSameAs(caregiver);
        Suppression.HideAsIn(row with { Alliance = null }, reference).Alliance.ShouldBeNull();
        Suppression.HideAsIn(row, reference with { Alliance = null }).Alliance!.ShouldBe([client, caregiver]);
    }

    [Fact]
    public void No_equation_of_a_random_report_has_exactly_one_hidden_cell()
    {
        var random = new Random(20261207);
        var hiddenSeen = 0;
        for (var run = 0; run < 3000; run++)
        {
            var groups = Enumerable.Range(0, random.Next(1, 6)).Select(g =>
            {
                var completed = random.Next(0, 40);
                var ended = completed + random.Next(0, 15);
                var cases = random.Next(0, completed + 1);
                var recovered = random.Next(0, cases + 1);
                var improved = random.Next(0, completed + 1);
                var reliableRecovery = random.Next(0, Math.Min(recovered, improved) + 1);
                return F($"g{g}", ended, completed, cases, recovered, improved, random.Next(0, completed - improved + 1), reliableRecovery, 1.0, 1.0, true);
            }).ToList();
            var (rows, total) = Suppression.Apply(groups, Sum(null, groups));
            var figures = groups.Append(Sum(null, groups)).ToList();
            foreach (var (row, f) in rows.Append(total).Zip(figures))
            {
                var c = Counts(row);
                hiddenSeen += c.Count(x => x is null);
                new[] { c[1], c[4], c[5], c[6] }.Count(x => x is null).ShouldNotBe(1, $"R1, run {run}");
                // A never-shown term of 1-9 between two shown cells would be given back.
                void Never(int? left, int? right, int value) { if (left is not null && right is not null) value.ShouldNotBeInRange(1, 9, $"run {run}"); }
                Never(c[0], c[1], f.EndedEpisodes - f.CompletedEpisodes);
                Never(c[1], c[2], f.CompletedEpisodes - f.CasesAtIntake);
                Never(c[2], c[3], f.CasesAtIntake - f.Recovered);
                Never(c[2], c[7], f.CasesAtIntake - f.ReliableRecovery);
                Never(c[3], c[7], f.Recovered - f.ReliableRecovery);
                Never(c[4], c[7], f.ReliablyImproved - f.ReliableRecovery);
                if (row.Recovered.Count is null || row.CasesAtIntake is null) row.Recovered.Rate.ShouldBeNull();
                if (row.ReliablyImproved.Count is null || row.CompletedEpisodes is null) row.ReliablyImproved.Rate.ShouldBeNull();
            }
            if (groups.Count >= 2)
                for (var m = 0; m < 8; m++)
                    rows.Append(total).Count(r => Counts(r)[m] is null).ShouldNotBe(1, $"column {m}, run {run}");
        }
        hiddenSeen.ShouldBeGreaterThan(1000);
    }
}
