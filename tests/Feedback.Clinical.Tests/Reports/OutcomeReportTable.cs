using Feedback.Clinical.Reports;

namespace Feedback.Clinical.Tests.Reports;

/// <summary>
/// interop.md 4.1 and clinical.md section 8: which administrations make an episode's reading (client-rated, first and
/// last by administeredAt, at least two), the paired reading, group keys, the clinician filter and the SAES reference.
/// </summary>
public sealed class OutcomeReportTable
{
    static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Closed = new(2026, 6, 30, 12, 0, 0, TimeSpan.Zero);
    int id;

    ReportAdministration A(string episode, string instrument, decimal total, int week, Rater rater = Rater.Client, string? clinician = null,
        string? clientClinician = "clin-1", DateTimeOffset? ended = null) =>
        new(episode, ended ?? Closed, clientClinician, $"01J{++id:D23}", instrument, rater, T0.AddDays(7 * week), total, clinician);

    static (IReadOnlyList<OutcomeFigures> Groups, OutcomeFigures Total) Run(IEnumerable<ReportAdministration> rows, string? instrument = "PHQ-9",
        ReportGrouping groupBy = ReportGrouping.None, string? clinician = null) =>
        OutcomeReport.Compute([.. rows], new ReportQuery(instrument, groupBy, clinician));

    [Fact]
    public void Intake_and_final_are_the_first_and_last_client_rated_by_time_whatever_the_order_received()
    {
        // Sent out of order: week 3 (9) first, then week 0 (20), then a caregiver's 27 at week 5 that does not count.
        var (_, total) = Run([A("e1", "PHQ-9", 9, 3), A("e1", "PHQ-9", 20, 0), A("e1", "PHQ-9", 27, 5, Rater.Caregiver), A("e1", "PHQ-9", 14, 1)]);
        // 20 -> 9: a case, recovered, reliably improved (11 >= 6).
        (total.EndedEpisodes, total.CompletedEpisodes, total.CasesAtIntake, total.Recovered, total.ReliablyImproved, total.ReliableRecovery)
            .ShouldBe((1, 1, 1, 1, 1, 1));
    }

    [Fact]
    public void One_administration_is_ended_but_not_completed_and_other_instruments_do_not_count()
    {
        var (_, total) = Run([A("e1", "PHQ-9", 20, 0), A("e2", "PHQ-9", 20, 0), A("e2", "PHQ-9", 20, 1), A("e3", "GAD-7", 15, 0), A("e3", "GAD-7", 3, 4)]);
        (total.EndedEpisodes, total.CompletedEpisodes).ShouldBe((2, 1));
        var (_, gad7) = Run([A("e3", "GAD-7", 15, 0), A("e3", "GAD-7", 3, 4)], "GAD-7");
        (gad7.CompletedEpisodes, gad7.Recovered).ShouldBe((1, 1));
    }

    [Fact]
    public void The_paired_reading_needs_both_instruments_twice()
    {
        var (_, total) = Run(
        [
            A("a", "PHQ-9", 15, 0), A("a", "GAD-7", 12, 0), A("a", "PHQ-9", 8, 6), A("a", "GAD-7", 6, 6),   // A of clinical.md: recovered
            A("b", "PHQ-9", 15, 0), A("b", "PHQ-9", 8, 6), A("b", "GAD-7", 12, 0),                            // GAD-7 once: not completed
            A("c", "SRS", 30, 0), A("c", "SRS", 30, 1),                                                       // neither
        ], OutcomeReport.Paired);
        (total.EndedEpisodes, total.CompletedEpisodes, total.Recovered, total.ReliableRecovery).ShouldBe((2, 1, 1, 1));
        (total.PrePostD, total.SaesTenantReferenced).ShouldBe((null, null));
    }

    [Fact]
    public void The_clinician_is_the_final_administrations_else_the_clients_and_filters_and_groups_alike()
    {
        ReportAdministration[] rows =
        [
            A("e1", "PHQ-9", 20, 0, clinician: "clin-2"), A("e1", "PHQ-9", 8, 4, clinician: "clin-3"),     // final's: clin-3
            A("e2", "PHQ-9", 20, 0, clinician: "clin-3"), A("e2", "PHQ-9", 8, 4),                          // final names none: the client's clin-1
            A("e3", "PHQ-9", 20, 0, clientClinician: null), A("e3", "PHQ-9", 12, 4, clientClinician: null), // none at all
            A("e4", "PHQ-9", 20, 0, clientClinician: "clin-0"), A("e4", "PHQ-9", 12, 4, clientClinician: "clin-0"),
        ];
        var (groups, total) = Run(rows, groupBy: ReportGrouping.Clinician);
        groups.Select(g => (g.Key, g.EndedEpisodes)).ShouldBe([("clin-0", 1), ("clin-1", 1), ("clin-3", 1), ((string?)null, 1)]);
        total.EndedEpisodes.ShouldBe(4);
        var (only, filtered) = Run(rows, clinician: "clin-3");
        (only.Single().EndedEpisodes, filtered.EndedEpisodes).ShouldBe((1, 1));
        Run(rows, clinician: "clin-2").Total.EndedEpisodes.ShouldBe(0);
    }

    [Fact]
    public void Administrations_at_the_same_time_are_ordered_by_id()
    {
        var at = T0;
        ReportAdministration R(string id, decimal total) => new("e1", Closed, "clin-1", id, "PHQ-9", Rater.Client, at, total, null);
        // Received as id 2 (8) then id 1 (20): by id the intake is 20 and the final 8 (recovered), not 8 -> 20.
        var (groups, total) = Run([R("01J2", 8), R("01J1", 20)]);
        (total.Recovered, total.ReliablyImproved).ShouldBe((1, 1));
        groups.Single().ShowsSaes.ShouldBeFalse(); // ungrouped: no SAES
    }

    [Fact]
    public void The_paired_readings_clinician_is_that_of_its_last_administration_of_either_measure()
    {
        ReportAdministration[] rows =
        [
            A("a", "PHQ-9", 15, 0, clinician: "c-first"), A("a", "GAD-7", 12, 0), A("a", "PHQ-9", 8, 5, clinician: "c-mid"), A("a", "GAD-7", 6, 6, clinician: "c-last"),
            A("b", "PHQ-9", 15, 0, clinician: "c-first"), A("b", "GAD-7", 12, 0), A("b", "PHQ-9", 8, 5), A("b", "GAD-7", 6, 6),
        ];
        Run(rows, OutcomeReport.Paired, ReportGrouping.Clinician).Groups.Select(g => g.Key).ShouldBe(["c-last", "clin-1"]);
    }

    [Fact]
    public void By_instrument_with_one_instrument_the_total_is_that_instruments()
    {
        var (_, total) = Run([A("e1", "PHQ-9", 20, 0), A("e1", "PHQ-9", 8, 4)], "PHQ-9", ReportGrouping.Instrument);
        (total.IsNotApplicable, total.CompletedEpisodes).ShouldBe((false, 1));
    }

    [Fact]
    public void Months_and_instruments_group_in_order()
    {
        ReportAdministration[] rows =
        [
            A("e1", "PHQ-9", 20, 0, ended: new DateTimeOffset(2026, 5, 31, 23, 59, 0, TimeSpan.Zero)), A("e1", "PHQ-9", 8, 4, ended: new DateTimeOffset(2026, 5, 31, 23, 59, 0, TimeSpan.Zero)),
            A("e2", "PHQ-9", 20, 0, ended: new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero)), A("e2", "PHQ-9", 8, 4, ended: new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero)),
            A("e3", "WHO-5", 40, 0), A("e3", "WHO-5", 60, 4), A("e3", "GAD-7", 10, 0), A("e3", "GAD-7", 10, 4),
        ];
        Run(rows, groupBy: ReportGrouping.Month).Groups.Select(g => g.Key).ShouldBe(["2026-04", "2026-05"]);
        var (byInstrument, total) = Run(rows, instrument: null, groupBy: ReportGrouping.Instrument);
        byInstrument.Select(g => (g.Key, g.EndedEpisodes)).ShouldBe([("PHQ-9", 2), ("GAD-7", 1), ("WHO-5", 1)]); // catalogue order
        // No total across instruments: suppression hides every figure of it.
        total.IsNotApplicable.ShouldBeTrue();
        var (_, shown) = Suppression.Apply(byInstrument, total);
        (shown.EndedEpisodes, shown.Recovered.Count, shown.PrePostD, shown.Suppressed.Count).ShouldBe((null, null, null, 14)); // no SAES in a total
    }

    [Fact]
    public void SAES_is_against_every_case_of_the_tenant_whatever_the_clinician_filter()
    {
        // The vector of clinical.md section 8, two episodes per clinician: SAES per episode 3.176, 2.246 (clin-a) and
        // 1.782, 2.091 (clin-b) against all four; clin-a's mean 2.711, clin-b's 1.937.
        ReportAdministration[] rows =
        [
            A("e1", "PHQ-9", 20, 0, clientClinician: "clin-a"), A("e1", "PHQ-9", 10, 4, clientClinician: "clin-a"),
            A("e2", "PHQ-9", 18, 0, clientClinician: "clin-a"), A("e2", "PHQ-9", 14, 4, clientClinician: "clin-a"),
            A("e3", "PHQ-9", 22, 0, clientClinician: "clin-b"), A("e3", "PHQ-9", 12, 4, clientClinician: "clin-b"),
            A("e4", "PHQ-9", 16, 0, clientClinician: "clin-b"), A("e4", "PHQ-9", 16, 4, clientClinician: "clin-b"),
        ];
        var (groups, total) = Run(rows, groupBy: ReportGrouping.Clinician);
        groups.Select(g => (g.SaesTenantReferenced, g.ShowsSaes)).ShouldBe([(2.71, true), (1.94, true)]);
        // The total and an ungrouped report carry none: over the whole reference it is prePostD by construction.
        (total.SaesTenantReferenced, total.ShowsSaes, total.PrePostD).ShouldBe((null, false, 2.32));
        Run(rows, clinician: "clin-b").Total.SaesTenantReferenced.ShouldBeNull();
        Run(rows, clinician: "clin-b", groupBy: ReportGrouping.Clinician).Groups.Single().SaesTenantReferenced.ShouldBe(1.94);
        Run(rows, groupBy: ReportGrouping.Month).Groups.Single().SaesTenantReferenced.ShouldBe(2.32);
        Run(rows, instrument: null, groupBy: ReportGrouping.Instrument).Groups[0].ShowsSaes.ShouldBeFalse();
        // pre-post d is the group's own: clin-b changes 10, 0 over intakes 22, 16 (SD 4.243): 1.18.
        Run(rows, clinician: "clin-b").Total.PrePostD.ShouldBe(1.18);
    }
}
