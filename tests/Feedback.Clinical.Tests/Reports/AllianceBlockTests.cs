using Feedback.Clinical.Reports;

namespace Feedback.Clinical.Tests.Reports;

/// <summary>
/// clinical.md section 8 "Alliance counts" (v1.2) and the age-group bullet: series, ruptures and their repair, early
/// alliance at episode sessions 1-3 (section 9), rows and their order, grouping, and suppression with A1 and A2.
/// </summary>
public sealed class AllianceBlockTests
{
    static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Closed = new(2026, 6, 30, 12, 0, 0, TimeSpan.Zero);
    int id;

    ReportAdministration A(string episode, string instrument, decimal total, int session, Rater rater = Rater.Client, string? clinician = null,
        bool numbered = true, AgeGroup ageGroup = AgeGroup.Adult, string? clientClinician = "clin-1") =>
        new(episode, Closed, clientClinician, $"01J{++id:D23}", instrument, rater, T0.AddDays(7 * (session - 1)).AddMinutes(rater == Rater.Client ? 0 : 5),
            total, clinician, numbered ? session : null, ageGroup);

    IEnumerable<ReportAdministration> Series(string episode, string instrument, decimal[] totals, int firstSession = 1, Rater rater = Rater.Client) =>
        totals.Select((t, k) => A(episode, instrument, t, firstSession + k, rater));

    static OutcomeFigures Total(IEnumerable<ReportAdministration> rows, string instrument = "PHQ-9", ReportGrouping groupBy = ReportGrouping.None) =>
        OutcomeReport.Compute([.. rows], new ReportQuery(instrument, groupBy, null)).Total;

    [Fact]
    public void The_five_SRS_series_of_section_8_are_4_ruptures_2_repaired_2_unrepaired()
    {
        var rows = Series("e1", "SRS", [38.0m, 38.5m, 38.0m, 35.0m, 37.5m])         // one rupture, repaired
            .Concat(Series("e2", "SRS", [38, 38, 38, 35, 35.5m, 36, 35]))          // one, unrepaired after three ratings
            .Concat(Series("e3", "SRS", [37, 37, 37, 34.5m, 36.0m]))               // one, repaired
            .Concat(Series("e4", "SRS", [39, 39, 38, 35.5m]))                      // one, open when the episode ended: unrepaired
            .Concat(Series("e5", "SRS", [36, 36.5m, 37]));                         // none
        var block = Total(rows).Alliance!;
        block.Single().ShouldBe(new AllianceFigures("SRS", Rater.Client, Series: 5, Ruptures: 4, Repaired: 2, Unrepaired: 2,
            EarlyAssessed: 5, EarlyAllianceRisk: 0)); // sessions 1-3 of each: means 38.2, 38, 37, 38.7, 36.5, all above 36
        // In production every one of them is hidden (1-9), and so are the rates.
        var shown = AllianceSuppression.Apply([], block).Total!.Single();
        (shown.Series, shown.Ruptures, shown.Repaired, shown.Unrepaired, shown.EarlyAssessed, shown.EarlyAllianceRisk)
            .ShouldBe((null, null, new ShownRate(null, null), null, null, new ShownRate(0, null)));
        shown.Suppressed.ShouldBe(["series", "ruptures", "repaired.count", "repaired.rate", "unrepaired", "earlyAssessed", "earlyAllianceRisk.rate"]);
    }

    [Fact]
    public void A_series_of_two_ratings_is_not_counted_but_can_be_assessed_early()
    {
        // e1: 38 x 3 (counted, early, no risk); e2: 34, 35 (not a series of 3; early: mean 34.5, a risk).
        var rows = Series("e1", "SRS", [38, 38, 38]).Concat(Series("e2", "SRS", [34, 35]));
        Total(rows).Alliance!.Single().ShouldBe(new AllianceFigures("SRS", Rater.Client, 1, 0, 0, 0, 2, 1));
        AllianceSuppression.Apply([null], null).ShouldBe((new IReadOnlyList<AllianceRow>?[] { null }, null), new EnumerableEqualityComparer());
    }

    sealed class EnumerableEqualityComparer : IEqualityComparer<(IReadOnlyList<IReadOnlyList<AllianceRow>?>, IReadOnlyList<AllianceRow>?)>
    {
        public bool Equals((IReadOnlyList<IReadOnlyList<AllianceRow>?>, IReadOnlyList<AllianceRow>?) x, (IReadOnlyList<IReadOnlyList<AllianceRow>?>, IReadOnlyList<AllianceRow>?) y) =>
            x.Item1.SequenceEqual(y.Item1) && x.Item2 is null == y.Item2 is null;
        public int GetHashCode((IReadOnlyList<IReadOnlyList<AllianceRow>?>, IReadOnlyList<AllianceRow>?) obj) => 0;
    }

    [Fact]
    public void Sixty_series_with_22_ruptures_hide_unrepaired_and_then_repaired()
    {
        var shown = AllianceSuppression.Apply([], [new AllianceFigures("SRS", Rater.Client, 60, 22, 15, 7, 0, 0)]).Total!.Single();
        (shown.Series, shown.Ruptures, shown.Repaired, shown.Unrepaired).ShouldBe((60, 22, new ShownRate(null, null), null));
        shown.EarlyAllianceRisk.ShouldBe(new ShownRate(0, null)); // 0 of 0 assessed: no rate
        shown.Suppressed.ShouldBe(["repaired.count", "repaired.rate", "unrepaired", "earlyAllianceRisk.rate"]);
    }

    [Fact]
    public void A2_hides_early_risk_when_no_early_risk_is_1_to_9()
    {
        var shown = AllianceSuppression.Apply([], [new AllianceFigures("SRS", Rater.Client, 40, 0, 0, 0, 30, 22)]).Total!.Single();
        (shown.EarlyAssessed, shown.EarlyAllianceRisk).ShouldBe((30, new ShownRate(null, null)));
        shown.Suppressed.ShouldBe(["repaired.rate", "earlyAllianceRisk.count", "earlyAllianceRisk.rate"]);
        var fine = AllianceSuppression.Apply([], [new AllianceFigures("SRS", Rater.Client, 40, 20, 10, 10, 30, 20)]).Total!.Single();
        (fine.Repaired, fine.EarlyAllianceRisk).ShouldBe((new ShownRate(10, 0.5), new ShownRate(20, 0.667)));
        fine.Suppressed.ShouldBeEmpty();
    }

    [Fact]
    public void Groups_and_the_total_are_one_table_per_instrument_and_rater()
    {
        AllianceFigures Srs(int series, int ruptures, int repaired) => new("SRS", Rater.Client, series, ruptures, repaired, ruptures - repaired, 0, 0);
        AllianceFigures Care(int series) => new("SRS", Rater.Caregiver, series, 0, 0, 0, 0, 0);
        var (groups, total) = AllianceSuppression.Apply([[Srs(30, 20, 10), Care(12)], [Srs(25, 15, 5), Care(0)], null], [Srs(55, 35, 15), Care(12)]);
        // b's repaired 5 (primary) hides b's unrepaired 10 (A1), then the columns a's 10 and 10.
        (groups[0]![0].Repaired.Count, groups[0]![0].Unrepaired, groups[1]![0].Repaired.Count, groups[1]![0].Unrepaired).ShouldBe((null, null, null, null));
        (total![0].Repaired.Count, total[0].Unrepaired).ShouldBe((15, 20));
        groups[2].ShouldBeNull();
        // The caregiver's row has no early fields, so nothing of them is listed.
        (groups[0]![1].Series, groups[0]![1].HasEarly, groups[0]![1].EarlyAssessed, groups[0]![1].EarlyAllianceRisk).ShouldBe((12, false, null, new ShownRate(null, null)));
        groups[0]![1].Suppressed.ShouldBe(["repaired.rate"]);
    }

    [Fact]
    public void A_clinicians_own_alliance_rows_hide_what_the_report_by_clinician_hides()
    {
        var row = AllianceSuppression.Apply([], [new AllianceFigures("SRS", Rater.Client, 40, 20, 10, 10, 30, 20)]).Total!.Single();
        var reference = row with { Series = null, Ruptures = null, Repaired = new(null, null), Unrepaired = null, EarlyAssessed = null,
            EarlyAllianceRisk = new(null, null), Suppressed = ["series", "ruptures", "repaired.count", "repaired.rate", "unrepaired", "earlyAssessed",
            "earlyAllianceRisk.count", "earlyAllianceRisk.rate"] };
        var hidden = AllianceSuppression.HideAsIn(row, reference);
        hidden.ShouldBe(reference with { Suppressed = hidden.Suppressed });
        hidden.Suppressed.ShouldBe(reference.Suppressed);
        var same = AllianceSuppression.HideAsIn(row, row);
        same.ShouldBe(row with { Suppressed = same.Suppressed });
        same.Suppressed.ShouldBeEmpty();
    }

    [Fact]
    public void Rows_come_in_catalogue_order_client_before_caregiver_and_only_with_a_counted_series()
    {
        var rows = Series("e1", "TASC-R", [40, 40, 40]).Concat(Series("e1", "CSRS", [30, 30, 30], rater: Rater.Caregiver))
            .Concat(Series("e1", "CSRS", [30, 30, 30])).Concat(Series("e1", "WAI-SR", [50, 50, 50])).Concat(Series("e1", "SRS", [30, 30]))
            .Concat(Series("e2", "SRS", [30, 30, 30], rater: Rater.Therapist));
        Total(rows).Alliance!.Select(a => (a.Instrument, a.Rater)).ShouldBe(
            [("WAI-SR", Rater.Client), ("CSRS", Rater.Client), ("CSRS", Rater.Caregiver), ("TASC-R", Rater.Client)]);
    }

    [Fact]
    public void The_block_does_not_depend_on_the_instrument_and_stands_only_in_the_total_by_instrument()
    {
        var rows = Series("e1", "SRS", [38, 38, 38, 35]).Concat([A("e1", "PHQ-9", 20, 1), A("e1", "PHQ-9", 10, 4), A("e2", "GAD-7", 12, 1), A("e2", "GAD-7", 4, 2)]);
        Total(rows, "GAD-7").Alliance!.Single().Ruptures.ShouldBe(1);
        var (groups, total) = OutcomeReport.Compute([.. rows], new ReportQuery(null, ReportGrouping.Instrument, null));
        groups.ShouldAllBe(g => g.Alliance == null);
        total.Alliance!.Single().ShouldBe(new AllianceFigures("SRS", Rater.Client, 1, 1, 0, 1, 1, 0));
        var (shown, shownTotal) = Suppression.Apply(groups, total);
        shown.ShouldAllBe(g => g.Alliance == null);
        shownTotal.Alliance!.Single().Series.ShouldBeNull();
    }

    [Fact]
    public void A_series_belongs_to_its_last_ratings_clinician_else_the_clients_and_to_the_month_of_the_episodes_end()
    {
        var rows = new[] { A("e1", "SRS", 38, 1, clinician: "clin-x"), A("e1", "SRS", 38, 2), A("e1", "SRS", 38, 3, clinician: "clin-y") }
            .Concat(Series("e2", "SRS", [38, 38, 38])).Concat([A("e3", "PHQ-9", 20, 1, clinician: "clin-z"), A("e3", "PHQ-9", 8, 2, clinician: "clin-z")]);
        var (groups, total) = OutcomeReport.Compute([.. rows], new ReportQuery("PHQ-9", ReportGrouping.Clinician, null));
        groups.Select(g => (g.Key, g.Alliance!.Single().Series, g.EndedEpisodes)).ShouldBe([("clin-1", 1, 0), ("clin-y", 1, 0), ("clin-z", 0, 1)]);
        total.Alliance!.Single().Series.ShouldBe(2);
        OutcomeReport.Compute([.. rows], new ReportQuery("PHQ-9", ReportGrouping.None, "clin-y")).Total.Alliance!.Single().Series.ShouldBe(1);
        OutcomeReport.Compute([.. rows], new ReportQuery("PHQ-9", ReportGrouping.None, "clin-z")).Total.Alliance.ShouldBeEmpty();
        OutcomeReport.Compute([.. rows], new ReportQuery("PHQ-9", ReportGrouping.Month, null)).Groups.Single().Key.ShouldBe("2026-06");
    }

    [Theory]
    // Section 9's vectors: the client's ratings at episode sessions 1-3, at least 2, mean at or below the cut-off.
    [InlineData("SRS", "34.0,35.0", 1, true, true)]    // mean 34.5
    [InlineData("SRS", "38.0,35.0", 1, true, false)]   // mean 36.5
    [InlineData("SRS", "36.0,36.0", 1, true, true)]    // exactly 36: at the cut-off
    [InlineData("SRS", "34.0", 1, false, false)]       // one rating
    [InlineData("SRS", "34.0,35.0", 6, false, false)]  // the SRS began at session 6 (ORS at 1 and 2)
    [InlineData("SRS", "34.0,35.0,20,20", 2, true, true)] // sessions 2 and 3 are early, 4 and 5 not
    [InlineData("CSRS", "35.0,36.0", 1, true, true)]   // mean 35.5
    [InlineData("WAI-SR", "41,42", 1, true, true)]     // 83 < 84 (item mean < 3.5)
    [InlineData("WAI-SR", "42,42", 1, true, false)]    // 84 is not below 84
    [InlineData("TASC-R", "20,20", 1, true, false)]    // no cut-off: never a risk
    public void Early_alliance_is_counted_at_episode_sessions_1_to_3(string instrument, string totals, int firstSession, bool assessed, bool risk)
    {
        var rows = totals.Split(',').Select((t, k) => A("e1", instrument, decimal.Parse(t, System.Globalization.CultureInfo.InvariantCulture), firstSession + k))
            .Concat([A("e1", "ORS", 20, 1), A("e1", "ORS", 21, 2)]).ToList();
        var series = rows.Count(r => r.Instrument == instrument);
        var figures = Total(rows, "ORS").Alliance!;
        if (series < AllianceSeriesTally.MinimumRatings) figures.ShouldBeEmpty(); // no counted series, no row
        else figures.Single().ShouldBe(new AllianceFigures(instrument, Rater.Client, 1, figures.Single().Ruptures, figures.Single().Repaired,
            figures.Single().Unrepaired, assessed ? 1 : 0, risk ? 1 : 0));
        var tally = AllianceSeriesTally.Of(Catalogue.Get(instrument), Rater.Client, [.. rows.Where(r => r.Instrument == instrument)],
            new Feedback.Clinical.Episodes.EpisodeSessions(rows.Select(r => new Feedback.Clinical.Episodes.EpisodeVisit(r.Id, r.AdministeredAt, r.SessionNumber))));
        (tally.EarlyAssessed, tally.EarlyAllianceRisk).ShouldBe((assessed, risk));
    }

    [Fact]
    public void Without_session_numbers_episode_sessions_are_visit_dates()
    {
        // ORS and SRS 34.0 on 2026-01-05, ORS and SRS 35.0 on 2026-01-12: the second SRS is at episode session 2.
        var day1 = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        ReportAdministration R(string instrument, decimal total, DateTimeOffset at) => new("e1", Closed, "clin-1", $"01J{++id:D23}", instrument, Rater.Client, at, total, null);
        ReportAdministration[] rows = [R("ORS", 20, day1), R("SRS", 34, day1.AddMinutes(5)), R("ORS", 21, day1.AddDays(7)), R("SRS", 35, day1.AddDays(7).AddMinutes(5)),
            R("SRS", 38, day1.AddDays(14))];
        Total(rows, "ORS").Alliance!.Single().EarlyAllianceRisk.ShouldBe(1); // 34, 35 and 38 at sessions 1-3: mean 35.67
    }

    [Fact]
    public void A_caregivers_series_is_counted_without_early_alliance()
    {
        var rows = Series("e1", "SRS", [34, 34, 34], rater: Rater.Caregiver);
        Total(rows).Alliance!.Single().ShouldBe(new AllianceFigures("SRS", Rater.Caregiver, 1, 0, 0, 0, 0, 0));
    }

    [Fact]
    public void Ten_ORS_episodes_from_30_as_a_child_to_30_as_an_adult_are_10_cases_and_none_recovered()
    {
        var rows = Enumerable.Range(0, 10).SelectMany(e => new[]
        {
            A($"e{e}", "ORS", 30.0m, 1, ageGroup: AgeGroup.Child), A($"e{e}", "ORS", 30.0m, 2, ageGroup: AgeGroup.Adult),
        });
        var total = Total(rows, "ORS");
        (total.CompletedEpisodes, total.CasesAtIntake, total.Recovered, total.ReliablyImproved).ShouldBe((10, 10, 0, 0));
        // Judged by the first score's stored group both ways: from 30.0 (adult, not clinical) to 24.0 as a child is no case.
        var adultFirst = Enumerable.Range(0, 10).SelectMany(e => new[]
        {
            A($"a{e}", "ORS", 30.0m, 1, ageGroup: AgeGroup.Adult), A($"a{e}", "ORS", 33.0m, 2, ageGroup: AgeGroup.Child),
        });
        Total(adultFirst, "ORS").CasesAtIntake.ShouldBe(0);
        // CORS is always judged by the child's cut-off (32): 30 -> 33 recovers whatever the stored group.
        var cors = Enumerable.Range(0, 10).SelectMany(e => new[]
        {
            A($"c{e}", "CORS", 30.0m, 1, ageGroup: AgeGroup.Adult), A($"c{e}", "CORS", 33.0m, 2, ageGroup: AgeGroup.Adult),
        });
        (Total(cors, "CORS").CasesAtIntake, Total(cors, "CORS").Recovered).ShouldBe((10, 10));
    }
}
